#include "desktop/remote_window.h"

#include <QAction>
#include <QCoreApplication>
#include <QCloseEvent>
#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QStatusBar>
#include <cmath>

#include "desktop/app_settings.h"
#include "desktop/connection_strip.h"
#include "desktop/hold_to_turn.h"
#include "desktop/message_bar.h"
#include "desktop/recent_menu.h"
#include "desktop/remote_audio.h"
#include "desktop/remote_full_screen.h"
#include "desktop/remote_media_info.h"
#include "desktop/remote_media_path.h"
#include "desktop/remote_presets.h"
#include "desktop/remote_side_panel.h"
#include "desktop/remote_video.h"
#include "desktop/video_source.h"
#include "ui/pan_arrows.h"
#include "ui/presets_panel.h"
#include "ui/rig_dial.h"
#include "ui/video_view.h"

namespace rudebot {

namespace {
constexpr double kArrivedToleranceDeg = 1.0;

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
      m_videoPolicy(new RemoteVideo(m_source, m_video, settings, this)),
      m_mediaPath(new RemoteMediaPath(m_video, m_source, this))
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
    m_strip = new ConnectionStrip(centre);
    column->addWidget(m_strip, 1, 0);
    column->setRowStretch(0, 1);
    m_video->setPlaceholderText(tr("Not connected. Choose File › Connect… to reach a station or "
                                   "a rig, or run “rudebot --demo” to try the virtual office."));

    auto *split = new QWidget(this);
    auto *row = m_row = new QHBoxLayout(split);
    row->setContentsMargins(0, 0, 0, 0);
    row->setSpacing(0);
    row->addWidget(centre, 1);
    row->addWidget(buildSidePanel());
    setCentralWidget(split);

    buildMenus();
    m_mediaInfo = new RemoteMediaInfo(
        {this, m_viewMenu, m_video, m_messages, m_mediaPath, m_videoPolicy}, this);
    m_audio = new RemoteAudio({this, m_mediaPath, m_settings, m_messages}, this);

    connect(m_videoPolicy, &RemoteVideo::problem, this, &RemoteWindow::showError);
    connect(m_source, &VideoSource::frameReady, this, [this] {
        // The first picture after a video error: the problem is over.
        if (!m_lastError.isEmpty() && m_messages->text() == m_lastError) {
            m_messages->dismiss();
            m_lastError.clear();
        }
    });
    connect(m_video, &VideoView::pictureClicked, this, &RemoteWindow::onPictureClicked);

    buildPanControls();
    m_fullScreen = new RemoteFullScreen(
        {this, m_video, m_side, m_strip, m_messages, m_pan, m_row, m_column}, this);
    connect(m_video, &VideoView::doubleClicked, this,
        [this] { setVideoFullScreen(!m_fullScreen->isOn()); });

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
    m_mediaPath->setClient(m_session ? m_session->stationClient() : nullptr);
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
        m_video->setPlaceholderText(tr("Connecting to %1…").arg(m_session->describe()));
        m_session->start();
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

    m_strip->setConnection(m_session ? snap.statusText : tr("Not connected"),
        snap.rttMs >= 0 ? tr("%1 ms").arg(snap.rttMs) : QStringLiteral("–"),
        snap.firmware.isEmpty() ? QStringLiteral("–") : snap.firmware,
        m_session ? m_session->describe() : QStringLiteral("–"));
    setWindowTitle(m_session ? tr("Rudebot – %1").arg(m_session->describe()) : tr("Rudebot"));
    m_videoPolicy->update(snap, m_lastError);
    m_mediaPath->update(snap);
    if (connected && snap.directionUnchecked && !m_toldUnchecked) {
        m_toldUnchecked = true;
        m_messages->showMessage(uncheckedText(), MessageBar::Kind::Warning);
    } else if (m_toldUnchecked && !snap.directionUnchecked && connected
        && m_messages->text() == uncheckedText()) {
        m_messages->dismiss();  // checked now (the office ran the wizard)
    }
    m_strip->setDirectionUnchecked(connected && snap.directionUnchecked);
    m_side->setSpeedChoice(snap.fastestMsPerDeg, m_speedChoice);
    m_side->speedSlider()->setEnabled(m_controlsEnabled);
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

QWidget *RemoteWindow::sidePanel() const
{
    return m_side;
}

bool RemoteWindow::isVideoFullScreen() const
{
    return m_fullScreen->isOn();
}

QLabel *RemoteWindow::pathIndicator() const
{
    return m_mediaInfo->indicator();
}

VideoStatsPanel *RemoteWindow::statsPanel() const
{
    return m_mediaInfo->statsPanel();
}

QAction *RemoteWindow::statsAction() const
{
    return m_mediaInfo->statsAction();
}

void RemoteWindow::setVideoFullScreen(bool on)
{
    if (!m_fullScreen->setOn(on))
        return;
    m_fullScreenAction->setChecked(on);
    m_video->setFocus();
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
