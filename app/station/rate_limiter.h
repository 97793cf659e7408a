// Token bucket: at most ratePerSec commands per second on average, bursts up to burst. Pure;
// time is passed in (ms) so tests are exact.
#pragma once
#include <QtGlobal>

namespace rudebot {

class RateLimiter {
public:
    RateLimiter(double ratePerSec, double burst)
        : m_rate(ratePerSec), m_burst(burst), m_tokens(burst)
    {
    }

    bool allow(qint64 nowMs)
    {
        if (m_lastMs >= 0)
            m_tokens = qMin(m_burst, m_tokens + (nowMs - m_lastMs) * m_rate / 1000.0);
        m_lastMs = nowMs;
        if (m_tokens < 1.0)
            return false;
        m_tokens -= 1.0;
        return true;
    }

private:
    double m_rate;
    double m_burst;
    double m_tokens;
    qint64 m_lastMs = -1;
};

}  // namespace rudebot
