// Pacing of the sender's video packets: a frame's packets leave spread over time at a multiple
// of the target bitrate, instead of all at once at the speed of the machine.
//
// Hand-written because GStreamer 1.22 has none: rtph264pay pushes a frame's packets in one
// burst and webrtcbin (rtpbin, srtpenc, nicesink) sends them as they come; WebRTC's own
// pacer is in libwebrtc, not in Debian's GStreamer (gst-plugins-rs's webrtcsink is not packaged
// for Debian 12 either). Each burst lands in the narrowest router's queue in one piece, and a
// control message behind it waits until it has drained: at 3 Mbit/s, 720p, a 10-18 KB frame
// is 27-48 ms of queue (bench/wan's control ping p95 was 91 ms there before pacing).
// Paced at pacingFactor times the target (libwebrtc's factor is 2.5), the router's queue
// holds only the part of a frame that arrives faster than the link drains it.
#pragma once
#include <QtGlobal>
#include <atomic>
#include <deque>
#include <mutex>
#include <gst/gst.h>

namespace rudebot {

// When each packet may leave: pure, with the time passed in (nanoseconds, any monotonic clock).
class PacingSchedule {
public:
    // At most maxDelayNs of pacing behind the newest packet: a keyframe far over the target
    // goes out faster rather than delaying the frames after it.
    explicit PacingSchedule(double pacingFactor = 2.5, qint64 maxDelayNs = 40'000'000)
        : m_factor(pacingFactor), m_maxDelayNs(maxDelayNs)
    {
    }
    void setTargetKbps(double kbps) { m_kbps = kbps; }
    // The time a packet of `bytes` handed over at nowNs leaves (nowNs or later). No credit
    // builds while idle: the first packet after a pause leaves at once, the next ones paced.
    qint64 sendAt(qint64 nowNs, qint64 bytes);

private:
    double m_factor;
    qint64 m_maxDelayNs;
    double m_kbps = 1000;
    qint64 m_nextNs = 0;
};

// Paces what passes a queue element: each packet's time is set as it enters (on the
// payloader's thread), and the queue's own streaming thread waits for it before letting the
// packet on, so the encoder never waits. Attach once; the rate follows setTargetKbps.
class Pacer {
public:
    explicit Pacer(double pacingFactor = 2.5) : m_schedule(pacingFactor) {}
    void attach(GstElement *queue);
    void setTargetKbps(int kbps);
    // Total time packets waited, ms (for tests and statistics).
    double waitedMs() const { return double(m_waitedNs.load()) / 1e6; }

private:
    static GstPadProbeReturn onEnter(GstPad *, GstPadProbeInfo *info, gpointer self);
    static GstPadProbeReturn onLeave(GstPad *, GstPadProbeInfo *info, gpointer self);
    std::mutex m_mutex;
    PacingSchedule m_schedule;  // under m_mutex
    std::deque<qint64> m_leaveAt;  // under m_mutex: one per packet or list in the queue
    std::atomic<qint64> m_waitedNs{0};
};

}  // namespace rudebot
