#include "media/clock_offset.h"

#include <algorithm>

namespace rudebot {

void ClockOffset::expire(qint64 localMs)
{
    // Keep the newest of each even when old: a quiet minute must not forget the offset.
    while (m_bounds.size() > 1 && m_bounds.front().first < localMs - m_windowMs)
        m_bounds.pop_front();
    while (m_rtts.size() > 1 && m_rtts.front().first < localMs - m_windowMs)
        m_rtts.pop_front();
}

void ClockOffset::addSample(qint64 stationMs, qint64 localMs)
{
    const qint64 bound = stationMs - localMs;
    // A monotonic max queue: an older, lower bound can never be the window's largest again.
    while (!m_bounds.empty() && m_bounds.back().second <= bound)
        m_bounds.pop_back();
    m_bounds.emplace_back(localMs, bound);
    expire(localMs);
}

void ClockOffset::addRoundTrip(qint64 localMs, int rttMs)
{
    if (rttMs < 0)
        return;
    while (!m_rtts.empty() && m_rtts.back().second >= rttMs)
        m_rtts.pop_back();
    m_rtts.emplace_back(localMs, rttMs);
    expire(localMs);
}

std::optional<qint64> ClockOffset::offsetMs() const
{
    if (m_bounds.empty())
        return std::nullopt;
    const qint64 crossing = m_rtts.empty() ? 0 : m_rtts.front().second / 2;
    return m_bounds.front().second + crossing;
}

std::optional<qint64> ClockOffset::stationTime(qint64 localMs) const
{
    const auto offset = offsetMs();
    return offset ? std::optional<qint64>(localMs + *offset) : std::nullopt;
}

}  // namespace rudebot
