#include "media/rate_controller.h"

#include <algorithm>
#include <cmath>

namespace rudebot {

namespace {

constexpr qint64 kRttWindowMs = 10000;

struct Step {
    double scale;  // of the full size
    double fpsScale;  // of the full rate
};
// Resolution first (the remote needs fluid motion to aim), then frame rate.
constexpr Step kSteps[] = {{1.0, 1.0}, {0.75, 1.0}, {0.5, 1.0}, {0.5, 0.5}, {0.25, 0.5}};

QSize scaled(QSize s, double f)
{
    // Even sizes: I420 needs them.
    return QSize(std::max(2, int(std::lround(s.width() * f / 2.0)) * 2),
        std::max(2, int(std::lround(s.height() * f / 2.0)) * 2));
}

}  // namespace

RateController::RateController(const RateSettings &settings)
    : m_settings(settings),
      m_kbps(std::clamp(settings.startKbps, settings.minKbps, settings.maxKbps))
{
    m_target = stepFor(int(m_kbps), EncoderTarget{0, settings.fullSize, settings.fullFps});
}

EncoderTarget RateController::stepFor(int kbps, const EncoderTarget &current) const
{
    const auto need = [this](const Step &s) {
        const QSize size = scaled(m_settings.fullSize, s.scale);
        return double(size.width()) * size.height() * m_settings.fullFps * s.fpsScale
            * m_settings.bitsPerPixel / 1000.0;
    };
    int currentStep = 0;
    for (int i = 0; i < int(std::size(kSteps)); ++i) {
        if (scaled(m_settings.fullSize, kSteps[i].scale) == current.size
            && int(std::lround(m_settings.fullFps * kSteps[i].fpsScale)) == current.fps)
            currentStep = i;
    }
    int step = int(std::size(kSteps)) - 1;
    for (int i = m_cpuStep; i < int(std::size(kSteps)); ++i) {
        // Going up needs 30 % headroom, so the picture does not flip at the boundary.
        const double headroom = i < currentStep ? 1.3 : 1.0;
        if (kbps >= need(kSteps[i]) * headroom) {
            step = i;
            break;
        }
    }
    return EncoderTarget{kbps, scaled(m_settings.fullSize, kSteps[step].scale),
        std::max(1, int(std::lround(m_settings.fullFps * kSteps[step].fpsScale)))};
}

int RateController::stepCount()
{
    return int(std::size(kSteps));
}

int RateController::maxCpuStep()
{
    int last = 0;
    for (int i = 0; i < stepCount(); ++i) {
        if (kSteps[i].fpsScale == 1.0)
            last = i;
    }
    return last;
}

const EncoderTarget &RateController::setCpuStep(int step)
{
    m_cpuStep = std::clamp(step, 0, maxCpuStep());
    m_target = stepFor(int(std::lround(m_kbps)), m_target);
    return m_target;
}

const EncoderTarget &RateController::update(const PathReport &report)
{
    const double elapsedS =
        m_lastAtMs < 0 ? 0 : std::clamp((report.atMs - m_lastAtMs) / 1000.0, 0.0, 5.0);
    m_lastAtMs = report.atMs;

    double queueMs = 0;
    if (report.delayMs >= 0) {
        m_rtts.emplace_back(report.atMs, report.delayMs);
        while (!m_rtts.empty() && m_rtts.front().first < report.atMs - kRttWindowMs)
            m_rtts.pop_front();
        double minRtt = report.delayMs;
        for (const auto &r : m_rtts)
            minRtt = std::min(minRtt, r.second);
        queueMs = report.delayMs - minRtt;
    }
    m_congested = report.fractionLost > m_settings.lossBackoff || queueMs > m_settings.queueDelayMs;
    if (m_congested) {
        // Cut from what really went out: the encoder may have been far under its target.
        const double base = report.sentKbps > 0 ? std::min(m_kbps, report.sentKbps) : m_kbps;
        if (m_lastCutMs < 0 || report.atMs - m_lastCutMs >= 500) {
            m_kbps = base * m_settings.cutFactor;
            m_lastCutMs = report.atMs;
        }
    } else if (report.fractionLost < 0.02 && queueMs < m_settings.queueDelayMs / 2
        && (m_lastCutMs < 0 || report.atMs - m_lastCutMs >= m_settings.holdAfterCutMs)) {
        m_kbps *= 1.0 + m_settings.rampPerSecond * elapsedS;
        // Not far above what the encoder produces: a target that climbed while the picture
        // was still would burst into the link the moment it moves.
        if (report.sentKbps > 0)
            m_kbps =
                std::min(m_kbps, std::max(report.sentKbps * 1.5, double(m_settings.minKbps) * 2));
    }
    m_kbps = std::clamp(m_kbps, double(m_settings.minKbps), double(m_settings.maxKbps));
    m_target = stepFor(int(std::lround(m_kbps)), m_target);
    return m_target;
}

}  // namespace rudebot
