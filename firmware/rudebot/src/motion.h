// Moves the servo toward a target in 1-degree steps, one step per msPerDegree milliseconds.
// Non-blocking: tick() is called from loop(), so a new target takes effect at the next step
// instead of after the whole sweep (the seed blocked for up to 5.4 s), and the move ends exactly
// on the target (the seed stopped one degree short). All angles are servo degrees 0..180.
#pragma once
#include <stdint.h>

namespace rudebot {

class Motion {
public:
    static const uint8_t kDefaultMsPerDegree = 30;  // the seed's speed
    static const uint8_t kStartAngle = 90;

    void setTarget(uint8_t degrees, uint32_t nowMs);
    void stop() { m_target = m_angle; }
    void setMsPerDegree(uint8_t ms) { m_msPerDegree = ms ? ms : 1; }

    // Advances time; returns true when angle() changed and the servo output must be updated.
    bool tick(uint32_t nowMs);

    uint8_t angle() const { return m_angle; }
    uint8_t target() const { return m_target; }
    bool moving() const { return m_angle != m_target; }
    uint8_t msPerDegree() const { return m_msPerDegree; }

private:
    uint8_t m_angle = kStartAngle;
    uint8_t m_target = kStartAngle;
    uint8_t m_msPerDegree = kDefaultMsPerDegree;
    uint32_t m_lastStepMs = 0;
    bool m_stepNow = false;  // a move from rest steps at once, without waiting a period
};

}  // namespace rudebot
