// Bandwidth adaptation for the sender, from what the receiver reports (RTCP receiver reports
// through webrtcbin's statistics): the encoder's bitrate follows the path, and when the bitrate
// no longer carries the picture, first the resolution and then the frame rate step down.
// Pure: reports in, a target out; no clock, no GStreamer, so it is tested without a network.
//
// The path is congested when the receiver lost more than lossBackoff of the packets, or when
// the round trip grows queueDelayMs above the lowest seen lately (a router queue filling: the
// loss comes later, after seconds of delay). Congestion cuts the bitrate to cutFactor of what
// actually went out; a clear path raises it by rampPerSecond; random loss below lossBackoff
// holds it.
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
    int startKbps = 1500;
    double lossBackoff = 0.08;  // fraction of packets
    double queueDelayMs = 120;  // round trip above the recent minimum
    double cutFactor = 0.75;
    double rampPerSecond = 0.10;  // fraction of the bitrate
    qint64 holdAfterCutMs = 1500;  // no increase this long after a cut
    // Bits per pixel per frame the encoder needs for an acceptable picture at each step
    // (x264 ultrafast, zerolatency; office scenes): below it, the next step down is taken.
    double bitsPerPixel = 0.03;
};

struct PathReport {
    qint64 atMs = 0;  // when the report was read, milliseconds (any monotonic clock)
    double fractionLost = 0;  // 0..1
    double delayMs = -1;  // round trip or one-way delay, ms: only its growth counts; -1 = unknown
    double sentKbps = -1;  // what the encoder actually produced lately; -1 = unknown
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
    explicit RateController(const RateSettings &settings = {});
    const EncoderTarget &target() const { return m_target; }
    bool congested() const { return m_congested; }
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
    RateSettings m_settings;
    EncoderTarget m_target;
    double m_kbps = 0;
    qint64 m_lastAtMs = -1;
    qint64 m_lastCutMs = -1;
    bool m_congested = false;
    int m_cpuStep = 0;
    std::deque<std::pair<qint64, double>> m_rtts;  // (at, rtt) over the last 10 s
};

}  // namespace rudebot
