#include "media/rate_controller.h"

#include <QLoggingCategory>
#include <algorithm>
#include <cmath>

namespace rudebot {

namespace {

Q_LOGGING_CATEGORY(lcRate, "rudebot.media.rate", QtWarningMsg)

// The base delay is the lowest of the last 20 s: long enough that a queue standing for a few
// seconds is not taken for the path's own delay.
constexpr qint64 kBaseWindowMs = 20000;
constexpr qint64 kTrendWindowMs = 1000;
constexpr qint64 kReceivedWindowMs = 500;
constexpr qint64 kOveruseForMs = 100;  // two reports (the receiver sends ten a second)
// A cut for loss shows after a round trip or so; one for delay only once the trend's window has
// seen the queue after it (the queue still grows for a moment after the cut).
constexpr qint64 kLossCutSpacingMs = 500;
constexpr qint64 kDelayCutSpacingMs = kTrendWindowMs;
constexpr double kDrainingMsPerS = 20;
// A probe the encoder did not fill is asked again this much higher, up to the maximum, and
// after half the wait.
constexpr double kProbeFactorStep = 0.4;
constexpr double kMaxProbeFactor = 1.5;

const char *phaseName(RateController::Phase phase)
{
    switch (phase) {
    case RateController::Phase::Start: return "start";
    case RateController::Phase::Cruise: return "cruise";
    case RateController::Phase::Probe: return "probe";
    case RateController::Phase::Ramp: return "ramp";
    }
    return "?";
}

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
      m_kbps(std::clamp(settings.startKbps, settings.minKbps, settings.maxKbps)),
      m_probeFactor(settings.probeFactor)
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

void RateController::measureDelay(const PathReport &report)
{
    if (report.delayMs < 0)
        return;
    m_delays.emplace_back(report.atMs, report.delayMs);
    while (!m_delays.empty() && m_delays.front().first < report.atMs - kBaseWindowMs)
        m_delays.pop_front();
    double base = report.delayMs;
    for (const auto &d : m_delays)
        base = std::min(base, d.second);
    m_queueMs = report.delayMs - base;
    // The trend: the least-squares slope of the delay over the last second, ms per second.
    double n = 0, st = 0, sd = 0, stt = 0, stdl = 0;
    for (auto it = m_delays.rbegin(); it != m_delays.rend(); ++it) {
        if (it->first < report.atMs - kTrendWindowMs)
            break;
        const double t = double(it->first - report.atMs) / 1000.0;
        n += 1;
        st += t;
        sd += it->second;
        stt += t * t;
        stdl += t * it->second;
    }
    const double denominator = n * stt - st * st;
    m_trend = n >= 3 && denominator > 1e-9 ? (n * stdl - st * sd) / denominator : 0;
}

double RateController::receivedAverage(const PathReport &report)
{
    if (report.receivedKbps >= 0)
        m_received.emplace_back(report.atMs, report.receivedKbps);
    while (!m_received.empty() && m_received.front().first <= report.atMs - kReceivedWindowMs)
        m_received.pop_front();
    if (m_received.empty())
        return -1;
    double sum = 0;
    for (const auto &r : m_received)
        sum += r.second;
    return sum / double(m_received.size());
}

void RateController::enter(Phase phase, qint64 atMs, const char *why)
{
    m_phase = phase;
    m_phaseSinceMs = atMs;
    qCDebug(lcRate, "%lld %s (%s): %.0f kbps, link %.0f, queue %.1f ms", (long long)atMs,
        phaseName(phase), why, m_kbps, m_linkKbps, m_queueMs);
}

void RateController::goUp(const PathReport &report, double elapsedS)
{
    const double cruise = m_settings.cruiseFactor * m_linkKbps;
    switch (m_phase) {
    case Phase::Start: m_kbps *= 1.0 + m_settings.startRampPerSecond * elapsedS; break;
    case Phase::Cruise:
        m_kbps = std::max(m_kbps, cruise);
        if (report.atMs - m_phaseSinceMs >= m_settings.probeEveryMs) {
            m_kbps = std::max(m_kbps, m_probeFactor * m_linkKbps);
            m_probeSentKbps = -1;
            enter(Phase::Probe, report.atMs, "clean cruise");
        }
        break;
    case Phase::Probe: break;
    case Phase::Ramp: m_kbps *= 1.0 + m_settings.widenedRampPerSecond * elapsedS; break;
    }
}

void RateController::watchProbe(const PathReport &report, double received, bool clear)
{
    m_probeSentKbps = std::max(m_probeSentKbps, report.sentKbps);
    if (report.delayMs < 0)
        return;  // no frame since the last report: nothing to judge the probe by
    // At once, on one report: waiting for a second one let the probe's queue (10 % over the
    // link, behind reports that wait in it too) grow to twice the size on the model. A probe
    // ended by a late report is only a probe lost: the next comes after probeEveryMs.
    if (m_queueMs > m_settings.probeQueueMs) {
        // The link is still there. What arrived meanwhile may show it a little wider; a
        // narrower one shows as congestion while cruising, not here (the encoder may just
        // have made less than the probe asked for).
        m_linkKbps = std::max(m_linkKbps, received);
        // Cut below the cruise for the hold after a cut, so the probe's queue drains at once
        // (at the cruise it takes a second or more); no cut for its queue still growing.
        m_kbps = m_settings.cutFactor * m_settings.cruiseFactor * m_linkKbps;
        m_lastCutMs = report.atMs;
        enter(Phase::Cruise, report.atMs, "probe met a queue");
        return;
    }
    if (report.atMs - m_phaseSinceMs < m_settings.probeForMs)
        return;
    // A probe the encoder did not fill tested nothing (a still picture makes far less than
    // the target, and the cap above holds the target near what it makes): the path would
    // look wider than it is. Only what went out above the link tests it: at 0.9 of the link,
    // bench/wan at 3 Mbit/s took a probe the encoder filled to 2.5-2.7 Mbit/s for a wider
    // path every other time, ramped, and met the router's queue at 49-53 ms each time (ping
    // p95 74 ms against 56). What went out is only known when webrtcbin counts it.
    const bool filled = m_probeSentKbps <= 0 || m_probeSentKbps >= m_linkKbps;
    // Not filled even at the highest factor: the picture, not the path, holds the rate (a
    // plain picture after a congestion that found a low link). Ramp, as for a wider path:
    // the cap at 1.5 times what the encoder makes holds the target, and a picture that
    // grows finds the real link by its next congestion. Without it, tst_media_adaptation's
    // pathClears stayed at 237 kbit/s on a cleared path (its encoder made under 316 at 474).
    const bool encoderBound = clear && !filled && m_probeFactor >= kMaxProbeFactor;
    if (clear && (filled || encoderBound)) {
        m_probeFactor = m_settings.probeFactor;
        enter(Phase::Ramp, report.atMs, filled ? "probe got through" : "the encoder holds the rate");
    } else {
        // The encoder makes less than its target (x264 at 85-90 % of it on a plain picture):
        // the next probe asks for more, so that what goes out does exceed the link. Without
        // it a path that cleared was never found wider (tst_media_adaptation's pathClears).
        // It built no queue either, so the next one comes sooner.
        const bool unfilled = clear && !filled;
        if (unfilled)
            m_probeFactor = std::min(m_probeFactor + kProbeFactorStep, kMaxProbeFactor);
        m_kbps = m_settings.cruiseFactor * m_linkKbps;
        enter(Phase::Cruise, report.atMs, clear ? "probe not filled" : "probe saw loss");
        if (unfilled)
            m_phaseSinceMs -= m_settings.probeEveryMs / 2;
    }
}

const EncoderTarget &RateController::update(const PathReport &report)
{
    const double elapsedS =
        m_lastAtMs < 0 ? 0 : std::clamp((report.atMs - m_lastAtMs) / 1000.0, 0.0, 1.0);
    m_lastAtMs = report.atMs;
    const bool delayKnown = report.delayMs >= 0;
    if (delayKnown)
        measureDelay(report);
    const double received = receivedAverage(report);

    // A queue that stands above the threshold and still grows, or one far above it that is not
    // clearly draining (a cut takes a moment to show), for two reports in a row: one late
    // report is this machine's scheduling, not the path.
    const bool delayOver = delayKnown
        && ((m_queueMs > m_settings.overuseMs && m_trend > 0)
            || (m_queueMs > m_settings.hardQueueMs && m_trend > -kDrainingMsPerS));
    if (!delayOver)
        m_overuseSinceMs = -1;
    else if (m_overuseSinceMs < 0)
        m_overuseSinceMs = report.atMs;
    const bool delayCongested = delayOver && report.atMs - m_overuseSinceMs >= kOveruseForMs;
    const bool lossCongested = report.fractionLost > m_settings.lossBackoff;
    m_congested = lossCongested || delayCongested;

    if (m_congested) {
        // Cut from what really went out and what really arrived: the encoder may have been
        // far under its target, and what arrives while the queue grows is the path's rate.
        double base = m_kbps;
        if (report.sentKbps > 0)
            base = std::min(base, report.sentKbps);
        if (received > 0)
            base = std::min(base, received);
        const qint64 spacing = lossCongested ? kLossCutSpacingMs : kDelayCutSpacingMs;
        if (m_lastCutMs < 0 || report.atMs - m_lastCutMs >= spacing) {
            m_probeFactor = m_settings.probeFactor;
            m_linkKbps = received > 0 ? received : base;
            m_kbps = base * m_settings.cutFactor;
            m_lastCutMs = report.atMs;
            enter(Phase::Cruise, report.atMs, lossCongested ? "loss" : "queue");
        }
    } else {
        const bool clear = delayKnown && report.fractionLost < 0.02
            && m_queueMs < m_settings.overuseMs
            && (m_lastCutMs < 0 || report.atMs - m_lastCutMs >= m_settings.holdAfterCutMs);
        if (m_phase == Phase::Probe)
            watchProbe(report, received, clear);
        else if (clear)
            goUp(report, elapsedS);
        // Not far above what the encoder produces: a target that climbed while the picture
        // was still would burst into the link the moment it moves.
        if (clear && report.sentKbps > 0)
            m_kbps =
                std::min(m_kbps, std::max(report.sentKbps * 1.5, double(m_settings.minKbps) * 2));
    }
    m_kbps = std::clamp(m_kbps, double(m_settings.minKbps), double(m_settings.maxKbps));
    m_target = stepFor(int(std::lround(m_kbps)), m_target);
    return m_target;
}

}  // namespace rudebot
