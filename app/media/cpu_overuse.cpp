#include "media/cpu_overuse.h"

#include <algorithm>

namespace rudebot {

namespace {
// Exponential smoothing over about 15 frames: one slow frame (a page fault, a keyframe) is
// not overuse; half a second of them is.
constexpr double kAlpha = 1.0 / 15.0;
}  // namespace

void CpuOveruseDetector::frameEncoded(qint64 atMs, double processingMs, double intervalMs)
{
    if (intervalMs <= 0 || processingMs < 0)
        return;
    const double usage = 100.0 * processingMs / intervalMs;
    m_usage = m_usage < 0 ? usage : m_usage + kAlpha * (usage - m_usage);
    m_drops += kAlpha * (0.0 - m_drops);
    judge(atMs);
}

void CpuOveruseDetector::frameDropped(qint64 atMs)
{
    m_drops += kAlpha * (1.0 - m_drops);
    judge(atMs);
}

void CpuOveruseDetector::judge(qint64 atMs)
{
    const bool over =
        m_usage > m_settings.overusePercent || m_drops * 100.0 > m_settings.dropsPercent;
    const bool under = !over && m_usage >= 0 && m_usage < m_settings.underusePercent
        && m_drops * 100.0 < m_settings.dropsPercent / 2;
    if (!over)
        m_overSinceMs = -1;
    else if (m_overSinceMs < 0)
        m_overSinceMs = atMs;
    if (!under)
        m_underSinceMs = -1;
    else if (m_underSinceMs < 0)
        m_underSinceMs = atMs;
}

CpuOveruseDetector::Verdict CpuOveruseDetector::evaluate(qint64 nowMs)
{
    if (m_lastChangeMs >= 0 && nowMs - m_lastChangeMs < m_settings.holdAfterChangeMs)
        return Verdict::Hold;
    Verdict v = Verdict::Hold;
    if (m_overSinceMs >= 0 && nowMs - m_overSinceMs >= m_settings.overuseForMs)
        v = Verdict::StepDown;
    else if (m_underSinceMs >= 0 && nowMs - m_underSinceMs >= m_settings.underuseForMs)
        v = Verdict::StepUp;
    if (v != Verdict::Hold) {
        m_lastChangeMs = nowMs;
        // The new picture size is judged on its own frames.
        m_overSinceMs = m_underSinceMs = -1;
        m_usage = -1;
        m_drops = 0;
    }
    return v;
}

}  // namespace rudebot
