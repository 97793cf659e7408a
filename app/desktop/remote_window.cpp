#include "desktop/remote_window.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QGridLayout>
#include <QLabel>
#include <QMenuBar>
#include <QPushButton>
#include <QSlider>
#include <QStatusBar>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "desktop/app_settings.h"
#include "desktop/connect_dialog.h"
#include "desktop/hold_to_turn.h"
#include "desktop/message_bar.h"
#include "desktop/recent_menu.h"
#include "desktop/remote_presets.h"
#include "desktop/remote_side_panel.h"
#include "desktop/remote_video.h"
#include "desktop/theme.h"
#include "desktop/video_source.h"
#include "ui/click_to_turn.h"
#include "ui/pan_arrows.h"
#include "ui/presets_panel.h"
#include "ui/rig_dial.h"
#include "ui/shortcuts_help.h"
#include "ui/video_view.h"

namespace rudebot {

namespace {
constexpr double kArrivedToleranceDeg = 1.0;
constexpr int kRefusedShowMs = 6000;

QString uncheckedText()
{
    return QCoreApplication::translate("RemoteWindow",
        "This rig's direction has not been checked: it may turn the other way than the dial and "
        "the picture say. The office checks it with Calibrate rig… in the office view.");
}
}  // namespace

RemoteWindow::RemoteWindow(AppSettings *settings, QWidget *parent)
    : QMainWindow(parent), m_settings(settings), m_source(new VideoSource(this)),
      m_video(new VideoView(this)), m_messages(new MessageBar(this)),
      m_videoPolicy(new RemoteVideo(m_source, m_video, settings, this))
{
    setWindowTitle(tr("Rudebot"));
    setObjectName(QStringLiteral("remoteWindow"));

    auto *centre = new QWidget(this);
    // The message bar floats over the top of the picture (its letterbox, mostly): showing or
    // dismissing a message must not move the video under the user's pointer.
    auto *column = m_column = new QGridLayout(centre);
    column->setContentsMargins(8, 8, 0, 8);
    column->addWidget(m_video, 0, 0);
    column->addWidget(m_messages, 0, 0, Qt::AlignTop);
    m_messages->raise();
    m_video->setPlaceholderText(tr("Not connected. Choose File › Connect… to reach a station or "
                                   "a rig, or run “rudebot --demo” to try the virtual office."));

    auto *split = new QWidget(this);
    auto *row = m_row = new QHBoxLayout(split);
    row->setContentsMargins(0, 0, 0, 0);
    row->setSpacing(0);
    row->addWidget(centre, 1);
    row->addWidget(buildSidePanel());
    setCentralWidget(split);

    m_statusWhere = new QLabel(tr("Not connected"), this);
    statusBar()->addPermanentWidget(m_statusWhere);
    buildMenus();

    connect(m_videoPolicy, &RemoteVideo::problem, this, &RemoteWindow::showError);
    connect(m_source, &VideoSource::frameReady, this, [this] {
        // The first picture after a video error: the problem is over.
        if (!m_lastError.isEmpty() && m_messages->text() == m_lastError) {
            m_messages->dismiss();
            m_lastError.clear();
        }
    });
    connect(m_video, &VideoView::pictureClicked, this, &RemoteWindow::onPictureClicked);

    // Press and hold: the on-video arrows and the arrow keys on the picture.
    m_video->setFocusPolicy(Qt::StrongFocus);
    m_pan = new PanArrows(m_video);
    m_hold = new HoldToTurn(this);
    connect(m_pan, &PanArrows::holdRequested, this, [this](int direction) {
        if (!m_controlsEnabled)
            return;
        m_clickTarget.reset();
        m_video->clearClickMarker();
        m_hold->hold(direction);
    });
    connect(m_pan, &PanArrows::released, m_hold, &HoldToTurn::release);
    connect(
        m_video, &VideoView::doubleClicked, this, [this] { setVideoFullScreen(!m_fullScreen); });
    m_video->installEventFilter(this);
    m_messages->installEventFilter(this);  // a new message's height, in full screen
    connect(m_hold, &HoldToTurn::targetRequested, m_dial, &RigDial::setTargetAngle);
    connect(m_hold, &HoldToTurn::stalled, this, [this] {
        m_messages->showMessage(tr("The connection stalled, so turning stopped. Hold the arrow "
                                   "again once the picture moves."),
            MessageBar::Kind::Warning, 8000);
    });

    if (!restoreGeometry(m_settings->remoteGeometry()))
        resize(1180, 700);
    restoreState(m_settings->remoteState());
    for (const QString &w : m_settings->warnings())
        m_messages->showMessage(w, MessageBar::Kind::Warning, 15000);
    onSnapshot();
}

RemoteWindow::~RemoteWindow()
{
    if (m_session)
        m_session->disconnect(this);
}

const PresetList &RemoteWindow::presets() const
{
    return m_presetCtl->list();
}

QWidget *RemoteWindow::buildSidePanel()
{
    m_side = new RemoteSidePanel(this);
    m_dial = m_side->dial();
    m_stop = m_side->stopButton();
    m_presets = m_side->presets();
    connect(m_dial, &RigDial::targetRequested, this, &RemoteWindow::requestTarget);
    connect(m_stop, &QPushButton::clicked, this, &RemoteWindow::stopHere);
    connect(m_side->askButton(), &QPushButton::clicked, this, [this] {
        if (!m_session)
            return;
        m_session->askForControl();
        m_askPending = true;
        onSnapshot();
    });
    connect(m_side, &RemoteSidePanel::speedChosen, this, [this](int msPerDeg) {
        m_speedChoice = msPerDeg;
        if (!m_session)
            return;
        m_session->setSpeed(msPerDeg);
        m_settings->setSpeedMsPerDeg(m_session->rigId(), msPerDeg);
    });
    // A preset's thumbnail is the live picture only: never a stalled one.
    auto livePicture = [this] {
        const qint64 age = m_video->msSinceLastFrame();
        return age >= 0 && age < VideoView::kStallMs ? m_video->frame() : QImage();
    };
    m_presetCtl = new RemotePresets(
        m_presets, m_settings, [this] { return m_dial->targetAngle(); }, livePicture, this);
    connect(m_presetCtl, &RemotePresets::targetRequested, this, &RemoteWindow::requestTarget);
    connect(m_presetCtl, &RemotePresets::problem, this, [this](const QString &error) {
        m_messages->showMessage(error, MessageBar::Kind::Warning, 8000);
    });
    connect(m_presets, &PresetsPanel::missingPresetRequested, this, [this](int i) {
        m_messages->showMessage(
            tr("No preset %1 yet. Turn the camera where you want it, then press "
               "“Add current…” under Presets: keys 1–9 go to presets 1–9.")
                .arg(i + 1),
            MessageBar::Kind::Info, 6000);
    });
    return m_side;
}

void RemoteWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *connectAction =
        file->addAction(tr("&Connect…"), this, &RemoteWindow::showConnectDialog);
    connectAction->setShortcut(QKeySequence::Open);
    m_recentMenu = new RecentMenu(tr("&Recent connections"), file);
    file->addMenu(m_recentMenu);
    connect(m_recentMenu, &RecentMenu::chosen, this, &RemoteWindow::openConnection);
    file->addAction(tr("&Video address…"), this, &RemoteWindow::askVideoAddress);
    file->addAction(tr("&Disconnect"), this, [this] { setSession(nullptr); });
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
    quit->setShortcut(QKeySequence::Quit);
    m_recentMenu->setConnections(m_settings->recentConnections());

    QMenu *rig = m_rigMenu = menuBar()->addMenu(tr("&Rig"));
    QAction *stop = rig->addAction(tr("&Stop"), this, &RemoteWindow::stopHere);
    stop->setShortcut(Qt::Key_Escape);
    rig->addAction(tr("&Home"), this, [this] { requestTarget(PresetList::kHomeDeg); })
        ->setShortcut(Qt::Key_Home);
    rig->addAction(tr("&Park"), m_presets, &PresetsPanel::parkRequested);
    rig->addSeparator();
    QAction *left = rig->addAction(
        tr("Turn &left 10°"), this, [this] { requestTarget(m_dial->targetAngle() - 10); });
    left->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Left));
    QAction *right = rig->addAction(
        tr("Turn &right 10°"), this, [this] { requestTarget(m_dial->targetAngle() + 10); });
    right->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Right));
    rig->addSeparator();
    m_presetsMenu = rig->addMenu(tr("&Go to preset"));
    connect(m_presetsMenu, &QMenu::aboutToShow, this, &RemoteWindow::rebuildPresetsMenu);
    rebuildPresetsMenu();
    rig->addAction(tr("&Add preset here…"), m_presets, [this] {
        if (auto *add = m_presets->findChild<QPushButton *>(QStringLiteral("addPreset")))
            add->click();
    });
    addActions(rig->actions());  // their keys work in full screen too, with the menu bar hidden

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    QAction *dark = m_viewMenu->addAction(tr("&Dark theme"));
    dark->setCheckable(true);
    dark->setChecked(isDark(palette()));
    connect(dark, &QAction::toggled, this, &RemoteWindow::themeToggled);
    m_fullScreenAction = m_viewMenu->addAction(tr("&Full screen"));
    m_fullScreenAction->setCheckable(true);
    m_fullScreenAction->setShortcut(Qt::Key_F11);
    connect(m_fullScreenAction, &QAction::toggled, this, &RemoteWindow::setVideoFullScreen);
    addAction(m_fullScreenAction);  // F11 also works with the menu bar hidden
    m_viewMenu->addSeparator();

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *keys = help->addAction(tr("&Keyboard shortcuts"), this, &RemoteWindow::showShortcuts);
    keys->setShortcut(QKeySequence::HelpContents);
}

void RemoteWindow::setSession(std::unique_ptr<RigSession> session)
{
    m_clickTarget.reset();
    m_askPending = false;
    m_video->clearClickMarker();
    if (m_session) {
        m_session->disconnect(this);
        m_session->stop();
    }
    m_session = std::move(session);
    m_videoPolicy->setSession(m_session.get());  // the old picture closes
    m_hold->setSession(m_session.get());
    m_presetCtl->setSession(m_session.get());
    m_lastError.clear();  // the old session's
    m_pendingRecent.clear();
    m_toldUnchecked = false;
    m_speedChoice = m_session ? m_settings->speedMsPerDeg(m_session->rigId()) : 0;
    if (m_session && m_speedChoice != 0)
        m_session->setSpeed(m_speedChoice);  // this rig's last choice
    if (m_session) {
        connect(m_session.get(), &RigSession::snapshotChanged, this, &RemoteWindow::onSnapshot);
        connect(m_session.get(), &RigSession::refused, this, [this](const QString &reason) {
            m_messages->showMessage(reason, MessageBar::Kind::Warning, kRefusedShowMs);
            statusBar()->showMessage(reason, kRefusedShowMs);
        });
        connect(m_session.get(), &RigSession::errorOccurred, this, &RemoteWindow::showError);
        connect(m_session.get(), &RigSession::controlAnswered, this,
            [this](bool granted, const QString &message) {
                m_askPending = false;
                m_messages->showMessage(message,
                    granted ? MessageBar::Kind::Info : MessageBar::Kind::Warning, 8000);
                onSnapshot();
            });
        m_statusWhere->setText(m_session->describe());
        m_video->setPlaceholderText(tr("Connecting to %1…").arg(m_session->describe()));
        m_session->start();
    } else {
        m_statusWhere->setText(tr("Not connected"));
    }
    onSnapshot();
}

void RemoteWindow::openConnection(const ConnectionTarget &target)
{
    if (!m_factory)
        return;
    m_messages->dismiss();
    setSession(m_factory(target));
    m_pendingRecent = target.toString();
    onSnapshot();  // a session may be connected at once
}

void RemoteWindow::onSnapshot()
{
    const SessionSnapshot snap = m_session ? m_session->snapshot() : SessionSnapshot{};
    const bool connected = snap.status == SessionSnapshot::Status::Connected;
    if (connected && !m_pendingRecent.isEmpty()) {
        m_settings->addRecentConnection(m_pendingRecent);
        m_pendingRecent.clear();
        m_recentMenu->setConnections(m_settings->recentConnections());
    }

    m_dial->setLimits(snap.calibration.minLogicalDeg, snap.calibration.maxLogicalDeg);
    if (snap.hasActual)
        m_dial->setActualAngle(snap.actualLogical);
    else
        m_dial->clearActualAngle();
    if (snap.hasTarget && !m_dial->isDragging() && !m_hold->isHolding())
        m_dial->setTargetAngle(snap.targetLogical);

    m_controlsEnabled = connected && !snap.controlsLocked;
    m_dial->setEnabled(m_controlsEnabled);
    m_presets->setEnabled(m_controlsEnabled);
    m_stop->setEnabled(m_controlsEnabled);
    m_video->setEnabled(m_controlsEnabled);
    m_pan->setEnabled(m_controlsEnabled);
    if (snap.controlsLocked) {
        m_video->setBanner(snap.lockMessage, VideoView::BannerKind::Warning);
        m_clickTarget.reset();
        m_video->clearClickMarker();
    } else if (m_wasLocked) {
        m_video->clearBanner();
    }
    m_wasLocked = snap.controlsLocked;
    m_askPending = m_askPending && connected;
    m_side->setAskForControl(snap.canAskForControl, m_askPending);

    // The click marker stays until the rig has really arrived where the click asked it to go.
    if (m_clickTarget && snap.hasActual && !snap.moving
        && std::abs(snap.actualLogical - *m_clickTarget) <= kArrivedToleranceDeg) {
        m_clickTarget.reset();
        m_video->clearClickMarker();
    }

    m_side->setConnection(m_session ? snap.statusText : tr("Not connected"),
        snap.rttMs >= 0 ? tr("%1 ms").arg(snap.rttMs) : QStringLiteral("–"),
        snap.firmware.isEmpty() ? QStringLiteral("–") : snap.firmware,
        m_session ? m_session->describe() : QStringLiteral("–"));
    if (m_session)
        m_statusWhere->setText(m_session->describe());
    setWindowTitle(m_session ? tr("Rudebot – %1").arg(m_session->describe()) : tr("Rudebot"));
    m_videoPolicy->update(snap, m_lastError);
    if (connected && snap.directionUnchecked && !m_toldUnchecked) {
        m_toldUnchecked = true;
        m_messages->showMessage(uncheckedText(), MessageBar::Kind::Warning);
    } else if (m_toldUnchecked && !snap.directionUnchecked && connected
        && m_messages->text() == uncheckedText()) {
        m_messages->dismiss();  // checked now (the office ran the wizard)
    }
    m_side->setDirectionUnchecked(connected && snap.directionUnchecked);
    m_side->setSpeedChoice(snap.fastestMsPerDeg, m_speedChoice);
    m_side->speedSlider()->setEnabled(m_controlsEnabled);
}

void RemoteWindow::rebuildPresetsMenu()
{
    m_presetsMenu->clear();
    const QList<Preset> list = m_presets->presets();
    for (int i = 0; i < list.size(); ++i)
        m_presetsMenu->addAction(
            QStringLiteral("&%1  %2").arg(PresetList::keyLabel(i), list[i].name), this,
            [this, i] { emit m_presets->presetActivated(i); });
    if (list.isEmpty())
        m_presetsMenu->addAction(tr("(no presets yet)"))->setEnabled(false);
}

// Stop (the button, Esc, the menu): the rig stops where it is, and the dial says so at once
// instead of keeping the old target until the station's next report.
void RemoteWindow::stopHere()
{
    const bool wasStill = !m_hold->isHolding() && (!m_session || !m_session->snapshot().moving);
    if (m_fullScreen && wasStill) {
        setVideoFullScreen(false);  // Esc with nothing to stop: leave full screen, as anywhere
        return;
    }
    if (!m_stop->isEnabled())
        return;
    m_hold->release();
    if (m_session) {
        m_session->stopMotion();
        const SessionSnapshot &s = m_session->snapshot();
        if (s.hasActual)
            m_dial->setTargetAngle(s.actualLogical);
    }
    m_clickTarget.reset();
    m_video->clearClickMarker();
}

// Targets go down as asked: the rig client clamps them to the limits, once (the dial shows
// the limits it is given and the snapshot brings back the target the rig took).
void RemoteWindow::requestTarget(double logicalDeg)
{
    if (!m_session || !m_controlsEnabled)
        return;
    m_clickTarget.reset();
    m_video->clearClickMarker();
    m_dial->setTargetAngle(logicalDeg);
    m_session->setTargetLogical(logicalDeg);
}

void RemoteWindow::onPictureClicked(QPointF normalized)
{
    const SessionSnapshot &snap = m_session ? m_session->snapshot() : SessionSnapshot{};
    if (!m_session || !m_controlsEnabled || !snap.hasActual) {
        m_video->clearClickMarker();
        return;
    }
    // From where the camera points now (the picture shows the actual angle, not the target).
    const double wanted =
        snap.actualLogical + turnForClick(normalized.x(), snap.calibration.hfovDeg);
    m_dial->setTargetAngle(wanted);
    m_session->setTargetLogical(wanted);
    // Where the rig will stop, by the rule its client applies (core/calibration.h): the marker
    // stays until it is there. Asked, not enforced: the value above went down as clicked.
    m_clickTarget = clampLogical(snap.calibration, wanted);
    if (std::abs(*m_clickTarget - wanted) > 0.5)
        statusBar()->showMessage(
            tr("That spot is past the rig's limit; turning as far as it goes."), kRefusedShowMs);
}

void RemoteWindow::showError(const QString &message)
{
    m_lastError = message;
    m_messages->showMessage(message, MessageBar::Kind::Error);
    if (m_session)
        m_videoPolicy->update(m_session->snapshot(), m_lastError);  // the placeholder says why, too
}

void RemoteWindow::showStartHint(std::function<void()> startDemo)
{
    m_messages->showMessage(tr("Not connected. Connect to an office station or a rig, or start "
                               "the demo to see everything work on a virtual rig."),
        MessageBar::Kind::Info, 0, tr("Connect…"), [this] { showConnectDialog(); });
    m_messages->addSecondAction(tr("Start the demo"), std::move(startDemo));
}

void RemoteWindow::askVideoAddress()
{
    if (!m_session) {
        m_messages->showMessage(
            tr("Connect first: the video address is kept per rig."), MessageBar::Kind::Info, 6000);
        return;
    }
    m_videoPolicy->askAddress(this);
}

void RemoteWindow::showConnectDialog()
{
    auto *dialog = new ConnectDialog(m_settings->recentConnections(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        if (const auto target = dialog->target())
            openConnection(*target);
    });
    dialog->open();
}

void RemoteWindow::showShortcuts()
{
    if (!m_help)
        m_help = new ShortcutsHelp(this);
    m_help->show();
    m_help->raise();
}

QWidget *RemoteWindow::sidePanel() const
{
    return m_side;
}

void RemoteWindow::setVideoFullScreen(bool on)
{
    if (on == m_fullScreen)
        return;
    m_fullScreen = on;
    m_fullScreenAction->setChecked(on);
    menuBar()->setVisible(!on);
    statusBar()->setVisible(!on);
    if (on) {
        // The side panel floats over the picture's right edge, on a translucent backdrop.
        m_side->setParent(m_video);
        const bool shown = !m_messages->isHidden();
        m_column->removeWidget(m_messages);
        m_messages->setParent(m_video);  // placed beside the overlay (placeOverlay)
        m_messages->setVisible(shown);
        m_side->setAutoFillBackground(true);
        QPalette p = m_side->palette();
        QColor backdrop = p.color(QPalette::Window);
        backdrop.setAlpha(225);
        p.setColor(QPalette::Window, backdrop);
        m_side->setPalette(p);
        placeOverlay();
        m_side->show();
        m_side->raise();
        showFullScreen();
    } else {
        m_side->setAutoFillBackground(false);
        m_side->setPalette(QPalette());
        m_row->addWidget(m_side);
        m_side->show();
        m_pan->setRightInset(0);
        const bool shown = !m_messages->isHidden();
        m_column->addWidget(m_messages, 0, 0, Qt::AlignTop);  // back over the video's top edge
        m_messages->setVisible(shown);
        m_messages->raise();
        showNormal();
    }
    m_video->setFocus();
}

void RemoteWindow::placeOverlay()
{
    if (!m_fullScreen)
        return;
    m_side->setGeometry(m_video->width() - m_side->width(), 0, m_side->width(), m_video->height());
    m_pan->setRightInset(m_side->width());
    // Messages float over the picture, never over the dial and presets.
    const int width = std::max(200, m_video->width() - m_side->width());
    const int height = m_messages->hasHeightForWidth() ? m_messages->heightForWidth(width)
                                                       : m_messages->sizeHint().height();
    m_messages->setGeometry(0, 0, width, height);
    m_messages->raise();
}

bool RemoteWindow::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_video && event->type() == QEvent::Resize)
        placeOverlay();
    if (watched == m_messages
        && (event->type() == QEvent::Show || event->type() == QEvent::LayoutRequest))
        placeOverlay();
    return QMainWindow::eventFilter(watched, event);
}

void RemoteWindow::changeEvent(QEvent *event)
{
    // Focus loss: the key or mouse button that held a turn may be released elsewhere, unseen.
    if (event->type() == QEvent::ActivationChange && !isActiveWindow())
        m_hold->release();
    QMainWindow::changeEvent(event);
}

void RemoteWindow::closeEvent(QCloseEvent *event)
{
    m_settings->setRemoteGeometry(saveGeometry());
    m_settings->setRemoteState(saveState());
    m_settings->sync();
    QMainWindow::closeEvent(event);
}

}  // namespace rudebot
