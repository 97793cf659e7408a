#include "desktop/hold_to_turn.h"

#include <cmath>

#include "core/calibration.h"
#include "desktop/rig_session.h"

namespace rudebot {

HoldToTurn::HoldToTurn(QObject *parent) : QObject(parent)
{
    m_timer.setInterval(kStepMs);
    connect(&m_timer, &QTimer::timeout, this, &HoldToTurn::step);
    m_sinceSnapshot.start();
}

void HoldToTurn::setSession(RigSession *session)
{
    release();
    if (m_session)
        m_session->disconnect(this);
    m_session = session;
    if (m_session)
        connect(
            m_session, &RigSession::snapshotChanged, this, [this] { m_sinceSnapshot.restart(); });
}

void HoldToTurn::hold(int direction)
{
    direction = direction < 0 ? -1 : direction > 0 ? 1 : 0;
    if (direction == 0)
        return release();
    if (!m_session || direction == m_direction)
        return;
    const SessionSnapshot &s = m_session->snapshot();
    m_direction = direction;
    m_lastTarget = s.hasActual ? s.actualLogical : s.targetLogical;
    m_sinceSnapshot.restart();
    step();
    m_timer.start();
}

void HoldToTurn::release()
{
    if (m_direction == 0)
        return;
    m_direction = 0;
    m_timer.stop();
    if (m_session)
        m_session->stopMotion();
}

void HoldToTurn::step()
{
    if (!m_session || m_direction == 0)
        return;
    const SessionSnapshot &s = m_session->snapshot();
    if (s.status != SessionSnapshot::Status::Connected || s.controlsLocked)
        return release();
    const double from = s.hasActual ? s.actualLogical : m_lastTarget;
    // Still ground to cover, yet nothing heard: the link has stalled. Stop trying.
    if (m_sinceSnapshot.elapsed() > kStallMs && std::abs(m_lastTarget - from) > 1) {
        release();
        emit stalled();
        return;
    }
    const double target = clampLogical(s.calibration, std::round(from + m_direction * kLeadDeg));
    if (target == m_lastTarget && s.hasActual)
        return;  // at the limit, or already asked for
    m_lastTarget = target;
    m_session->setTargetLogical(target);
    emit targetRequested(target);
}

}  // namespace rudebot
