// The remote view's controls that turn the rig: the side panel (dial, Stop, presets, speed,
// Ask for control), the on-video pan arrows with press-and-hold, and a click on the picture.
// Part of RemoteWindow (remote_window.h), apart from the session's wiring.
#include <QPushButton>
#include <QStatusBar>
#include <cmath>

#include "desktop/app_settings.h"
#include "desktop/hold_to_turn.h"
#include "desktop/message_bar.h"
#include "desktop/remote_full_screen.h"
#include "desktop/remote_media_path.h"
#include "desktop/remote_presets.h"
#include "desktop/remote_side_panel.h"
#include "desktop/remote_window.h"
#include "ui/click_to_turn.h"
#include "ui/pan_arrows.h"
#include "ui/presets_panel.h"
#include "ui/rig_dial.h"
#include "ui/video_view.h"
#include "media/frame_aim.h"

namespace rudebot {

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

// Press and hold: the on-video arrows and the arrow keys on the picture.
void RemoteWindow::buildPanControls()
{
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
    connect(m_hold, &HoldToTurn::targetRequested, m_dial, &RigDial::setTargetAngle);
    connect(m_hold, &HoldToTurn::stalled, this, [this] {
        m_messages->showMessage(tr("The connection stalled, so turning stopped. Hold the arrow "
                                   "again once the picture moves."),
            MessageBar::Kind::Warning, 8000);
    });
}

// Stop (the button, Esc, the menu): the rig stops where it is, and the dial says so at once
// instead of keeping the old target until the station's next report.
void RemoteWindow::stopHere()
{
    const bool wasStill = !m_hold->isHolding() && (!m_session || !m_session->snapshot().moving);
    if (m_fullScreen->isOn() && wasStill) {
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
    // From where the camera pointed when the picture on show was taken (its stamp, on the
    // real-time path), else from where it points now: right while the rig stands still.
    const double wanted = aimBaseLogical(m_mediaPath->paintedStamp(), snap.actualLogical)
        + turnForClick(normalized.x(), snap.calibration.hfovDeg);
    m_dial->setTargetAngle(wanted);
    m_session->setTargetLogical(wanted);
    // Where the rig will stop, by the rule its client applies (core/calibration.h): the marker
    // stays until it is there. Asked, not enforced: the value above went down as clicked.
    m_clickTarget = clampLogical(snap.calibration, wanted);
    if (std::abs(*m_clickTarget - wanted) > 0.5)
        statusBar()->showMessage(
            tr("That spot is past the rig's limit; turning as far as it goes."), kRefusedShowMs);
}

}  // namespace rudebot
