#include "motion.h"

namespace rudebot {

void Motion::setTarget(uint8_t degrees, uint32_t nowMs)
{
    if (degrees > 180)
        degrees = 180;
    // From rest the first step is due at once; while moving, the step cadence is kept so that
    // a retarget changes direction on the very next step.
    if (!moving() && (nowMs - m_lastStepMs) >= m_msPerDegree)
        m_stepNow = true;
    m_target = degrees;
}

bool Motion::tick(uint32_t nowMs)
{
    if (!moving()) {
        m_stepNow = false;
        return false;
    }
    // Unsigned difference: correct across the 49-day wrap of millis().
    if (!m_stepNow && (nowMs - m_lastStepMs) < m_msPerDegree)
        return false;
    m_stepNow = false;
    m_lastStepMs = nowMs;
    m_angle = m_target > m_angle ? m_angle + 1 : m_angle - 1;
    return true;
}

}  // namespace rudebot
