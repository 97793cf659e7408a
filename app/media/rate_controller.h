// Bandwidth adaptation for the sender, from what the receiver reports (receiver_feedback.h):
// the encoder's bitrate follows the path, and when the bitrate no longer carries the picture,
// first the resolution and then the frame rate step down.
// Pure: reports in, a target out; the reports carry their own time, so it is tested with a
// fake clock, without a network.
//
// Delay-based, like WebRTC's GCC: a router queue filling shows in the one-way send-to-arrival
// delay long before anything is lost (tbf here holds 300 ms before it drops). The sender backs
// off when the queue stands overuseMs above the lowest delay seen lately (the base) and is
// still rising, or at once past hardQueueMs, so the standing queue stays a few tens of
// milliseconds and a control message sent beside the video does not wait behind seconds of
// it. A cut goes to cutFactor of what the receiver actually got (the path's rate when the
// queue grows). Loss above lossBackoff cuts too; random loss below it holds.
// Going up: fast from a low start until the first congestion. After that the target cruises at
// cruiseFactor of the rate at which the path congested (linkKbps), with no creep into the
// router's queue (each creep filled it every 15-20 s: a control message waited behind it).
// Every probeEveryMs of clean cruising it probes at probeFactor of linkKbps for probeForMs: a
// queue of probeQueueMs ends the probe at once (the link is still there), and a probe that gets
// through without one means the path widened: the target ramps multiplicatively until the next
// congestion, which finds the new linkKbps. Only what the encoder really sent above the link
// tests it: a probe it did not fill is asked again higher (1.5 times the link), and one not
// filled even then means the picture holds the rate, not the path: the target ramps (capped
// near what the encoder makes) as after a wider path.
// Phase changes are logged to the rudebot.media.rate category (debug, off by default).
#pragma once
#include <QSize>
#include <QtGlobal>
#include <deque>

namespace rudebot {

struct RateSettings {
    QSize fullSize = {1280, 720};  // the camera's picture, pixels
    int fullFps = 30;
    int minKbps = 150;
    int maxKbps = 4000;
    int startKbps = 1000;
    double lossBackoff = 0.08;  // fraction of packets
    double overuseMs = 30;  // queue above the base delay that, still rising, is congestion
    double hardQueueMs = 80;  // queue above the base that is congestion whatever its trend
    double cutFactor = 0.85;  // of what the receiver got
    double startRampPerSecond = 0.5;  // fraction of the bitrate, before the first congestion
    double cruiseFactor = 0.75;  // of linkKbps, between probes
    qint64 probeEveryMs = 8000;  // of clean cruising
    double probeFactor = 1.1;  // of linkKbps
    qint64 probeForMs = 1500;
    // Queue above the base that ends a probe: well below overuseMs, so a probe into a link that
    // is still there costs a control message a few milliseconds, not a congestion.
    double probeQueueMs = 12;
    double widenedRampPerSecond = 0.20;  // fraction of the bitrate, after a probe got through
    qint64 holdAfterCutMs = 1000;  // no increase this long after a cut
    // Bits per pixel per frame the encoder needs for an acceptable picture at each step
    // (x264 ultrafast, zerolatency; office scenes): below it, the next step down is taken.
    double bitsPerPixel = 0.03;
};

struct PathReport {
    qint64 atMs = 0;  // when the report was read, milliseconds (any monotonic clock)
    double fractionLost = 0;  // 0..1
    // One-way send-to-arrival delay, ms (clock offset included: only its growth counts);
    // -1 = unknown (no frame since the last report).
    double delayMs = -1;
    double sentKbps = -1;  // what the encoder actually produced lately; -1 = unknown
    double receivedKbps = -1;  // what reached the receiver since its last report; -1 = unknown
};

struct EncoderTarget {
    int bitrateKbps = 0;
    QSize size;
    int fps = 0;
    bool operator==(const EncoderTarget &o) const
    {
        return bitrateKbps == o.bitrateKbps && size == o.size && fps == o.fps;
    }
};

class RateController {
public:
    enum class Phase {
        Start,  // before the first congestion: the fast ramp
        Cruise,  // below the link, waiting for the next probe
        Probe,  // a little above the link, watching the queue
        Ramp,  // a probe got through: up until the next congestion
    };

    explicit RateController(const RateSettings &settings = {});
    const EncoderTarget &target() const { return m_target; }
    bool congested() const { return m_congested; }
    // The last report's queue above the base delay, ms, and its trend, ms per second.
    double queueMs() const { return m_queueMs; }
    double trendMsPerS() const { return m_trend; }
    // The receiver's rate when the path last congested; -1 before the first congestion.
    double linkKbps() const { return m_linkKbps; }
    Phase phase() const { return m_phase; }
    // Feeds one report and returns the (possibly new) target.
    const EncoderTarget &update(const PathReport &report);

    // The picture size and rate for a bitrate (the ladder; exposed for tests).
    EncoderTarget stepFor(int kbps, const EncoderTarget &current) const;

    // The highest rung the CPU allows (cpu_overuse.h): 0 = full size and rate, up to
    // maxCpuStep(). The bitrate may put the picture lower still, never higher.
    const EncoderTarget &setCpuStep(int step);
    int cpuStep() const { return m_cpuStep; }
    static int stepCount();
    // The CPU takes resolution only, never frame rate (WebRTC's "maintain frame rate"): the
    // remote aims by motion, and a smaller picture is cheaper to encode and to decode.
    static int maxCpuStep();

private:
    void measureDelay(const PathReport &report);
    double receivedAverage(const PathReport &report);
    void enter(Phase phase, qint64 atMs, const char *why);
    // Raises (never lowers) the bitrate for a clear report, by phase.
    void goUp(const PathReport &report, double elapsedS);
    void watchProbe(const PathReport &report, double received, bool clear);

    RateSettings m_settings;
    EncoderTarget m_target;
    double m_kbps = 0;
    qint64 m_lastAtMs = -1;
    qint64 m_lastCutMs = -1;
    qint64 m_overuseSinceMs = -1;
    bool m_congested = false;
    int m_cpuStep = 0;
    double m_queueMs = 0;
    double m_trend = 0;
    double m_linkKbps = -1;
    Phase m_phase = Phase::Start;
    qint64 m_phaseSinceMs = -1;
    double m_probeSentKbps = -1;  // the most the encoder made during the probe; -1 = unknown
    double m_probeFactor;  // of linkKbps, for the next probe (raised after one not filled)
    std::deque<std::pair<qint64, double>> m_delays;  // (at, delay) over the base's window
    std::deque<std::pair<qint64, double>> m_received;  // (at, kbps) over the last second
};

}  // namespace rudebot
