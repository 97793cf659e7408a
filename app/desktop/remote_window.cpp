#include "desktop/remote_window.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QFormLayout>
#include <QGroupBox>
#include <QInputDialog>
#include <QLabel>
#include <QMenuBar>
#include <QPushButton>
#include <QScrollArea>
#include <QStatusBar>
#include <QVBoxLayout>
#include <cmath>

#include "desktop/app_settings.h"
#include "ui/click_to_turn.h"
#include "desktop/connect_dialog.h"
#include "desktop/message_bar.h"
#include "ui/presets_panel.h"
#include "ui/rig_dial.h"
#include "ui/shortcuts_help.h"
#include "desktop/theme.h"
#include "desktop/video_source.h"
#include "ui/video_view.h"

namespace rudebot {

namespace {
constexpr double kArrivedToleranceDeg = 1.0;
constexpr int kRefusedShowMs = 6000;

QLabel *valueLabel(QWidget *parent)
{
    auto *l = new QLabel(QStringLiteral("–"), parent);
    l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    l->setWordWrap(true);
    return l;
}
} // namespace

RemoteWindow::RemoteWindow(AppSettings *settings, QWidget *parent)
    : QMainWindow(parent), m_settings(settings), m_source(new VideoSource(this)),
      m_video(new VideoView(this)), m_messages(new MessageBar(this))
{
    setWindowTitle(tr("Rudebot"));
    setObjectName(QStringLiteral("remoteWindow"));

    auto *centre = new QWidget(this);
    auto *column = new QVBoxLayout(centre);
    column->setContentsMargins(8, 8, 0, 8);
    column->setSpacing(6);
    column->addWidget(m_messages);
    column->addWidget(m_video, 1);
    m_video->setPlaceholderText(tr("Not connected. Choose File › Connect… to reach a station or "
                                   "a rig, or run “rudebot --demo” to try the virtual office."));

    auto *split = new QWidget(this);
    auto *row = new QHBoxLayout(split);
    row->setContentsMargins(0, 0, 0, 0);
    row->setSpacing(0);
    row->addWidget(centre, 1);
    row->addWidget(buildSidePanel());
    setCentralWidget(split);

    m_statusWhere = new QLabel(tr("Not connected"), this);
    statusBar()->addPermanentWidget(m_statusWhere);
    buildMenus();

    connect(m_source, &VideoSource::frameReady, m_video, &VideoView::setFrame);
    connect(m_source, &VideoSource::errorOccurred, this, [this](const QString &m) {
        m_video->setPlaceholderText(m);
        showError(m);
    });
    connect(m_source, &VideoSource::frameReady, this, [this] {
        // The first picture after a video error: the problem is over.
        if (!m_lastError.isEmpty() && m_messages->text() == m_lastError) {
            m_messages->dismiss();
            m_lastError.clear();
        }
    });
    connect(m_video, &VideoView::pictureClicked, this, &RemoteWindow::onPictureClicked);

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

QWidget *RemoteWindow::buildSidePanel()
{
    auto *panel = new QWidget(this);
    panel->setObjectName(QStringLiteral("sidePanel"));
    auto *side = new QVBoxLayout(panel);
    side->setContentsMargins(10, 8, 10, 8);
    side->setSpacing(10);

    auto *direction = new QGroupBox(tr("Direction"), panel);
    auto *dirLayout = new QVBoxLayout(direction);
    m_dial = new RigDial(direction);
    m_stop = new QPushButton(tr("Stop"), direction);
    m_stop->setToolTip(tr("Stop turning where the rig is now (Esc)"));
    dirLayout->addWidget(m_dial);
    dirLayout->addWidget(m_stop);
    side->addWidget(direction);

    auto *presetsBox = new QGroupBox(tr("Presets"), panel);
    auto *presetsLayout = new QVBoxLayout(presetsBox);
    m_presets = new PresetsPanel(presetsBox);
    presetsLayout->addWidget(m_presets);
    side->addWidget(presetsBox);

    auto *connBox = new QGroupBox(tr("Connection"), panel);
    auto *form = new QFormLayout(connBox);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_stateLabel = valueLabel(connBox);
    m_rttLabel = valueLabel(connBox);
    m_firmwareLabel = valueLabel(connBox);
    m_rigLabel = valueLabel(connBox);
    form->addRow(tr("State"), m_stateLabel);
    form->addRow(tr("Round trip"), m_rttLabel);
    form->addRow(tr("Firmware"), m_firmwareLabel);
    form->addRow(tr("Rig"), m_rigLabel);
    side->addWidget(connBox);
    side->addStretch(1);
    panel->setFixedWidth(300);

    connect(m_dial, &RigDial::targetRequested, this, &RemoteWindow::requestTarget);
    connect(m_stop, &QPushButton::clicked, this, [this] {
        if (m_session)
            m_session->stopMotion();
        m_clickTarget.reset();
        m_video->clearClickMarker();
    });
    connect(m_presets, &PresetsPanel::presetActivated, this, [this](int i) {
        if (i >= 0 && i < m_presetList.count())
            requestTarget(m_presetList.at(i).logicalDeg);
    });
    connect(m_presets, &PresetsPanel::homeRequested, this, [this] { requestTarget(PresetList::kHomeDeg); });
    connect(m_presets, &PresetsPanel::parkRequested, this, [this] {
        const SessionSnapshot &s = m_session ? m_session->snapshot() : SessionSnapshot{};
        requestTarget(s.stationPark ? s.parkLogical : m_presetList.parkDeg());
    });
    connect(m_presets, &PresetsPanel::addRequested, this, [this](const QString &name) {
        if (!m_session)
            return;
        const SessionSnapshot &s = m_session->snapshot();
        const double here = std::round(s.hasActual ? s.actualLogical : m_dial->targetAngle());
        QString error;
        const bool ok = m_presetList.add({name.trimmed(), here}, &error);
        applyPresetChange(ok, error);
    });
    connect(m_presets, &PresetsPanel::renameRequested, this, [this](int i, const QString &name) {
        QString error;
        const bool ok = m_presetList.rename(i, name.trimmed(), &error);
        applyPresetChange(ok, error);
    });
    connect(m_presets, &PresetsPanel::removeRequested, this, [this](int i) {
        QString error;
        const bool ok = m_presetList.remove(i, &error);
        applyPresetChange(ok, error);
    });
    connect(m_presets, &PresetsPanel::moveRequested, this, [this](int from, int to) {
        QString error;
        const bool ok = m_presetList.move(from, to, &error);
        applyPresetChange(ok, error);
    });
    return panel;
}

void RemoteWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *connectAction = file->addAction(tr("&Connect…"), this, &RemoteWindow::showConnectDialog);
    connectAction->setShortcut(QKeySequence::Open);
    m_recentMenu = file->addMenu(tr("&Recent connections"));
    file->addAction(tr("&Video address…"), this, &RemoteWindow::askVideoAddress);
    file->addAction(tr("&Disconnect"), this, [this] { setSession(nullptr); });
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
    quit->setShortcut(QKeySequence::Quit);
    rebuildRecentMenu();

    QMenu *rig = menuBar()->addMenu(tr("&Rig"));
    QAction *stop = rig->addAction(tr("&Stop"), m_stop, &QPushButton::click);
    stop->setShortcut(Qt::Key_Escape);
    rig->addAction(tr("&Home"), this, [this] { requestTarget(PresetList::kHomeDeg); });

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    QAction *dark = m_viewMenu->addAction(tr("&Dark theme"));
    dark->setCheckable(true);
    dark->setChecked(isDark(palette()));
    connect(dark, &QAction::toggled, this, &RemoteWindow::themeToggled);
    m_viewMenu->addSeparator();

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *keys = help->addAction(tr("&Keyboard shortcuts"), this, &RemoteWindow::showShortcuts);
    keys->setShortcut(QKeySequence::HelpContents);
}

void RemoteWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = m_settings->recentConnections();
    for (const QString &text : recent) {
        QString error;
        const auto target = ConnectionTarget::fromString(text, &error);
        if (!target)
            continue;
        m_recentMenu->addAction(target->displayName(), this, [this, t = *target] { openConnection(t); });
    }
    m_recentMenu->setEnabled(!m_recentMenu->isEmpty());
}

void RemoteWindow::setSession(std::unique_ptr<RigSession> session)
{
    m_source->close();
    m_clickTarget.reset();
    m_video->clearClickMarker();
    if (m_session) {
        m_session->disconnect(this);
        m_session->stop();
    }
    m_session = std::move(session);
    m_lastError.clear();  // the old session's
    m_pendingRecent.clear();
    if (m_session) {
        m_presetList = m_settings->presets(m_session->rigId());
        connect(m_session.get(), &RigSession::snapshotChanged, this, &RemoteWindow::onSnapshot);
        connect(m_session.get(), &RigSession::refused, this, [this](const QString &reason) {
            m_messages->showMessage(reason, MessageBar::Kind::Warning, kRefusedShowMs);
            statusBar()->showMessage(reason, kRefusedShowMs);
        });
        connect(m_session.get(), &RigSession::errorOccurred, this, &RemoteWindow::showError);
        m_statusWhere->setText(m_session->describe());
        m_video->setPlaceholderText(tr("Connecting to %1…").arg(m_session->describe()));
        m_session->start();
    } else {
        m_presetList = {};
        m_statusWhere->setText(tr("Not connected"));
    }
    m_presets->setPresets(m_presetList.presets());
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
        rebuildRecentMenu();
    }

    m_dial->setLimits(snap.calibration.minLogicalDeg, snap.calibration.maxLogicalDeg);
    if (snap.hasActual)
        m_dial->setActualAngle(snap.actualLogical);
    else
        m_dial->clearActualAngle();
    if (snap.hasTarget && !m_dial->underMouse())
        m_dial->setTargetAngle(snap.targetLogical);

    m_controlsEnabled = connected && !snap.controlsLocked;
    m_dial->setEnabled(m_controlsEnabled);
    m_presets->setEnabled(m_controlsEnabled);
    m_stop->setEnabled(m_controlsEnabled);
    m_video->setEnabled(m_controlsEnabled);
    if (snap.controlsLocked) {
        m_video->setBanner(snap.lockMessage, VideoView::BannerKind::Warning);
        m_clickTarget.reset();
        m_video->clearClickMarker();
    } else if (m_wasLocked) {
        m_video->clearBanner();
    }
    m_wasLocked = snap.controlsLocked;

    // The click marker stays until the rig has really arrived where the click asked it to go.
    if (m_clickTarget && snap.hasActual && !snap.moving
        && std::abs(snap.actualLogical - *m_clickTarget) <= kArrivedToleranceDeg) {
        m_clickTarget.reset();
        m_video->clearClickMarker();
    }

    m_stateLabel->setText(m_session ? snap.statusText : tr("Not connected"));
    m_rttLabel->setText(snap.rttMs >= 0 ? tr("%1 ms").arg(snap.rttMs) : QStringLiteral("–"));
    m_firmwareLabel->setText(snap.firmware.isEmpty() ? QStringLiteral("–") : snap.firmware);
    m_rigLabel->setText(m_session ? m_session->describe() : QStringLiteral("–"));
    if (m_session)
        m_statusWhere->setText(m_session->describe());
    setWindowTitle(m_session ? tr("Rudebot – %1").arg(m_session->describe()) : tr("Rudebot"));
    openVideoFor(snap);
}

void RemoteWindow::openVideoFor(const SessionSnapshot &snap)
{
    if (!m_session)
        return;
    VideoSpec spec = snap.video;
    if (spec.kind == VideoSpec::Kind::None)
        spec = VideoSource::specForAddress(m_settings->videoAddress(m_session->rigId()),
                                           QDir::currentPath());
    if (spec.kind == VideoSpec::Kind::None) {
        if (m_source->isOpen())
            return;
        // Not connected (pairing rejected, certificate mismatch): that is why there is no
        // picture, not a missing video address.
        if (snap.status == SessionSnapshot::Status::Rejected
            || snap.status == SessionSnapshot::Status::Disconnected) {
            QString why = snap.statusText;
            if (!m_lastError.isEmpty())
                why = why.isEmpty() ? m_lastError : why + QStringLiteral(": ") + m_lastError;
            m_video->setIdleTitle(tr("Not connected"));
            m_video->setPlaceholderText(why);  // under the title "Not connected"
        } else if (snap.status == SessionSnapshot::Status::Connected) {
            m_video->setIdleTitle(tr("No video"));
            m_video->setPlaceholderText(tr("This connection carries no video. Set the camera's "
                                           "address with File › Video address…"));
        }
        return;
    }
    m_video->setIdleTitle({});
    m_source->open(spec);  // no-op when it is already open
}

void RemoteWindow::requestTarget(double logicalDeg)
{
    if (!m_session || !m_controlsEnabled)
        return;
    const double target = clampLogical(m_session->snapshot().calibration, logicalDeg);
    m_clickTarget.reset();
    m_video->clearClickMarker();
    m_dial->setTargetAngle(target);
    m_session->setTargetLogical(target);
}

void RemoteWindow::onPictureClicked(QPointF normalized)
{
    const SessionSnapshot &snap = m_session ? m_session->snapshot() : SessionSnapshot{};
    if (!m_session || !m_controlsEnabled || !snap.hasActual) {
        m_video->clearClickMarker();
        return;
    }
    // From where the camera points now (the picture shows the actual angle, not the target).
    const double turn = turnForClick(normalized.x(), snap.calibration.hfovDeg);
    const double target = clampLogical(snap.calibration, snap.actualLogical + turn);
    m_dial->setTargetAngle(target);
    m_session->setTargetLogical(target);
    m_clickTarget = target;
    if (std::abs(target - (snap.actualLogical + turn)) > 0.5)
        statusBar()->showMessage(tr("That spot is past the rig's limit; turning as far as it goes."),
                                 kRefusedShowMs);
}

void RemoteWindow::applyPresetChange(bool ok, const QString &error)
{
    if (!ok) {
        m_messages->showMessage(error, MessageBar::Kind::Warning, 8000);
        return;
    }
    if (m_session)
        m_settings->setPresets(m_session->rigId(), m_presetList);
    m_presets->setPresets(m_presetList.presets());
}

void RemoteWindow::showError(const QString &message)
{
    m_lastError = message;
    m_messages->showMessage(message, MessageBar::Kind::Error);
    if (m_session)
        openVideoFor(m_session->snapshot());  // the picture's placeholder says why, too
}

void RemoteWindow::showStartHint(std::function<void()> startDemo)
{
    m_messages->showMessage(tr("Not connected. Connect to an office station or a rig, or start "
                               "the demo to see everything work on a virtual rig."),
        MessageBar::Kind::Info, 0, tr("Start the demo"), std::move(startDemo));
}

void RemoteWindow::askVideoAddress()
{
    if (!m_session) {
        m_messages->showMessage(tr("Connect first: the video address is kept per rig."),
                                MessageBar::Kind::Info, 6000);
        return;
    }
    auto *dialog = new QInputDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Video address"));
    dialog->setLabelText(tr("Camera for %1 (RTSP, HLS, MJPEG over HTTP, or a file).\n"
                            "Leave empty to use the station's own video.")
                             .arg(m_session->describe()));
    dialog->setTextValue(m_settings->videoAddress(m_session->rigId()));
    connect(dialog, &QInputDialog::textValueSelected, this, [this](const QString &text) {
        if (!m_session)
            return;
        m_settings->setVideoAddress(m_session->rigId(), text.trimmed());
        m_source->close();
        const VideoSpec spec = text.trimmed().isEmpty()
                                   ? m_session->snapshot().video
                                   : VideoSource::specForAddress(text, QDir::currentPath());
        if (spec.kind != VideoSpec::Kind::None)
            m_source->open(spec);
    });
    dialog->open();
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

void RemoteWindow::closeEvent(QCloseEvent *event)
{
    m_settings->setRemoteGeometry(saveGeometry());
    m_settings->setRemoteState(saveState());
    m_settings->sync();
    QMainWindow::closeEvent(event);
}

} // namespace rudebot
