// CPU adaptation for the sender, as libwebrtc's overuse detector does it: when the encoder
// cannot keep up with the camera (each frame's processing, from leaving the camera's queue to
// leaving the encoder, takes most of the time between frames, or frames are dropped in front
// of the encoder), the picture steps down a rung of the ladder (rate_controller.h), whatever
// the network allows; when processing needs little of that time for a while, it steps back up.
// Measured in wall time on purpose: a thread that waits for a core is as late as one that
// computes. Pure: samples in, a verdict out; no clock, no GStreamer.
#pragma once
#include <QtGlobal>

namespace rudebot {

struct CpuOveruseSettings {
    double overusePercent = 85;  // processing time in % of the frame interval
    double underusePercent = 42;
    qint64 overuseForMs = 1500;  // overuse held this long steps down
    qint64 underuseForMs = 6000;  // underuse held this long steps up
    qint64 holdAfterChangeMs = 3000;  // let a change settle before judging again
    double dropsPercent = 10;  // frames dropped in front of the encoder that count as overuse
};

class CpuOveruseDetector {
public:
    enum class Verdict {
        Hold,
        StepDown,
        StepUp
    };
    explicit CpuOveruseDetector(const CpuOveruseSettings &settings = {}) : m_settings(settings) { }

    // One encoded frame: when it left the encoder (ms, any monotonic clock), how long it took
    // from leaving the camera's queue, and the frame interval the encoder is asked for.
    void frameEncoded(qint64 atMs, double processingMs, double intervalMs);
    // A frame the camera gave that was dropped before it reached the encoder.
    void frameDropped(qint64 atMs);

    // The decision now; StepDown/StepUp also start the hold, so ask once per decision.
    Verdict evaluate(qint64 nowMs);
    // Smoothed processing time in % of the frame interval; -1 before the first frame.
    double usagePercent() const { return m_usage; }
    double dropPercent() const { return m_drops * 100.0; }

private:
    CpuOveruseSettings m_settings;
    double m_usage = -1;
    double m_drops = 0;  // smoothed fraction of frames dropped
    qint64 m_overSinceMs = -1;
    qint64 m_underSinceMs = -1;
    qint64 m_lastChangeMs = -1;
    void judge(qint64 atMs);
};

}  // namespace rudebot
