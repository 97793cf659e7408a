// A simulated uplink for the rate controller, on a fake clock (1 ms steps, deterministic): a
// tbf-like bottleneck (a FIFO drained at the link's rate, packets dropped when the queue already
// holds queueLimitMs), fed like webrtcbin feeds it: 30 fps frames sent as bursts of 1200-byte
// packets sized from the controller's target (a keyframe now and then), ~40 kbit/s of audio in
// 20 ms packets, and the receiver's reports back through the same queue every 100-200 ms, each
// with what MediaReceiver measures (loss over the last second, the smallest first-packet delay
// of the interval's frames, what arrived). The sender's one-second feedback watchdog too
// (MediaSender::checkFeedback). It records the router queue a control message would wait
// behind, the targets and what was delivered.
#pragma once
#include <QtGlobal>
#include <algorithm>
#include <cmath>
#include <deque>
#include <limits>
#include <random>
#include <vector>

#include "media/rate_controller.h"

namespace rudebot::test {

class BottleneckModel {
public:
    struct Settings {
        double rateKbps = 3000;
        double queueLimitMs = 300;  // tbf's latency
        double propagationMs = 5;
        double clockOffsetMs = 40;  // the sender's and the receiver's clocks differ
        double audioKbps = 40;
        qint64 keyframeEveryMs = 10000;
        double keyframeScale = 3;  // of a frame
        double frameJitter = 0.25;  // each frame's size varies this much either way
        // What the encoder makes of its target: x264 on a simple picture at a few hundred
        // kbit/s makes less (measured: 85-95 %).
        double encoderShare = 1.0;
        int seed = 1;
    };

    BottleneckModel(RateController &controller, const Settings &settings)
        : m_controller(controller), m_settings(settings), m_rateKbps(settings.rateKbps),
          m_random(std::uint32_t(settings.seed))
    {
    }

    // The link's rate from now on (what is already queued drains at the new rate too).
    void setRateKbps(double kbps)
    {
        const double backlog = std::max(0.0, m_busyUntilMs - double(m_now));
        m_busyUntilMs = double(m_now) + backlog * m_rateKbps / kbps;
        m_rateKbps = kbps;
    }

    void runUntil(qint64 untilMs)
    {
        for (; m_now < untilMs; ++m_now) {
            deliver();
            if (m_now >= m_nextAudioMs) {
                enqueue(Packet{Kind::Audio, std::max(20, int(m_settings.audioKbps * 20 / 8))});
                m_nextAudioMs += 20;
            }
            if (double(m_now) >= m_nextFrameMs) {
                sendFrame();
                m_nextFrameMs += 1000.0 / 30.0;
            }
            if (m_now >= m_nextReportMs) {
                sendReport();
                m_nextReportMs += 100 + qint64(m_random() % 101);
            }
            if (m_now >= m_nextWatchdogMs) {
                const qint64 silent = m_now - m_lastReportAtSenderMs;
                if (m_lastReportAtSenderMs >= 0 && silent > 1000 && silent < 5000)
                    m_controller.update(PathReport{m_now, 1.0, -1, 0});
                m_nextWatchdogMs += 250;
            }
            m_queueMs.push_back(std::max(0.0, m_busyUntilMs - double(m_now)));
            m_targets.push_back(m_controller.target().bitrateKbps);
        }
    }

    qint64 nowMs() const { return m_now; }
    // The router queue a control message sent at that millisecond would wait behind.
    double queuePercentile(qint64 fromMs, qint64 toMs, double p) const
    {
        std::vector<double> v(m_queueMs.begin() + fromMs, m_queueMs.begin() + toMs);
        std::sort(v.begin(), v.end());
        return v.empty() ? -1 : v[std::min(v.size() - 1, size_t(p * double(v.size())))];
    }
    double queueAt(qint64 ms) const { return m_queueMs.at(size_t(ms)); }
    int targetAt(qint64 ms) const { return m_targets.at(size_t(ms)); }
    int minTarget(qint64 fromMs, qint64 toMs) const
    {
        return *std::min_element(m_targets.begin() + fromMs, m_targets.begin() + toMs);
    }
    // The first millisecond from fromMs on with a target of at least kbps; -1 = never.
    qint64 firstTargetAtLeast(qint64 fromMs, int kbps) const
    {
        for (size_t i = size_t(fromMs); i < m_targets.size(); ++i) {
            if (m_targets[i] >= kbps)
                return qint64(i);
        }
        return -1;
    }
    // Video that reached the receiver, kbit/s.
    double deliveredKbps(qint64 fromMs, qint64 toMs) const
    {
        double bits = 0;
        for (const auto &d : m_videoDelivered) {
            if (d.first >= fromMs && d.first < toMs)
                bits += 8.0 * d.second;
        }
        return bits / double(toMs - fromMs);
    }

private:
    enum class Kind {
        Video,
        Audio,
        Report
    };
    struct ReceiverFeedbackLike {
        double fractionLost = 0;
        double delayMs = -1;
        double receivedKbps = 0;
    };
    struct Packet {
        Kind kind;
        int bytes;
        quint64 seq = 0;  // video
        qint64 frame = -1;  // video
        double sentMs = 0;  // video: the frame's stamp, on the sender's clock
        ReceiverFeedbackLike report = {};
        double deliverAtMs = 0;
    };

    void enqueue(Packet p)
    {
        const double now = double(m_now);
        if (m_busyUntilMs - now > m_settings.queueLimitMs)
            return;  // tbf drops what no longer fits its queue
        m_busyUntilMs = std::max(now, m_busyUntilMs) + p.bytes * 8.0 / m_rateKbps;
        p.deliverAtMs = m_busyUntilMs + m_settings.propagationMs;
        m_inFlight.push_back(p);
    }

    void sendFrame()
    {
        const double kbps = m_controller.target().bitrateKbps * m_settings.encoderShare;
        double bytes = kbps * 1000.0 / 8.0 / 30.0;
        if (m_now >= m_nextKeyframeMs) {
            bytes *= m_settings.keyframeScale;
            m_nextKeyframeMs = m_now + m_settings.keyframeEveryMs;
        }
        bytes *= 1.0 + m_settings.frameJitter * (2.0 * unit() - 1.0);
        const qint64 frame = m_frames++;
        for (int left = std::max(1, int(bytes)); left > 0; left -= 1200)
            enqueue(Packet{Kind::Video, std::min(left, 1200), m_seq++, frame, double(m_now)});
    }

    void sendReport()
    {
        // What MediaReceiver::sendFeedback measures.
        m_lossWindow.push_back({m_now, m_expected, m_got});
        while (m_lossWindow.size() > 2 && m_lossWindow[1].atMs <= m_now - 1000)
            m_lossWindow.pop_front();
        const quint64 expected = m_expected - m_lossWindow.front().expected;
        const quint64 got = m_got - m_lossWindow.front().got;
        ReceiverFeedbackLike f;
        f.fractionLost = expected > got ? double(expected - got) / double(expected) : 0.0;
        if (m_lastReportMs >= 0 && m_now > m_lastReportMs)
            f.receivedKbps = m_bytesSinceReport * 8.0 / double(m_now - m_lastReportMs);
        f.delayMs = m_minDelaySinceReport;
        m_bytesSinceReport = 0;
        m_minDelaySinceReport = -1;
        m_lastReportMs = m_now;
        Packet p{Kind::Report, 150};
        p.report = f;
        enqueue(p);
    }

    void deliver()
    {
        while (!m_inFlight.empty() && m_inFlight.front().deliverAtMs <= double(m_now)) {
            const Packet p = m_inFlight.front();
            m_inFlight.pop_front();
            if (p.kind == Kind::Report) {
                m_lastReportAtSenderMs = m_now;
                m_controller.update(PathReport{
                    m_now, p.report.fractionLost, p.report.delayMs, 0, p.report.receivedKbps});
            } else if (p.kind == Kind::Video) {
                m_expected = std::max(m_expected, p.seq + 1);
                ++m_got;
                m_bytesSinceReport += p.bytes;
                m_videoDelivered.emplace_back(m_now, p.bytes);
                if (p.frame != m_lastFrame) {
                    m_lastFrame = p.frame;
                    const double d = double(m_now) - p.sentMs + m_settings.clockOffsetMs;
                    m_minDelaySinceReport =
                        m_minDelaySinceReport < 0 ? d : std::min(m_minDelaySinceReport, d);
                }
            }
        }
    }

    double unit() { return double(m_random()) / double(std::numeric_limits<std::uint32_t>::max()); }

    struct LossMark {
        qint64 atMs;
        quint64 expected;
        quint64 got;
    };

    RateController &m_controller;
    Settings m_settings;
    double m_rateKbps;
    std::mt19937 m_random;
    qint64 m_now = 0;
    double m_busyUntilMs = 0;
    std::deque<Packet> m_inFlight;  // in the queue or on the wire, in order
    qint64 m_nextAudioMs = 0;
    double m_nextFrameMs = 0;
    qint64 m_nextKeyframeMs = 0;
    qint64 m_nextReportMs = 100;
    qint64 m_nextWatchdogMs = 250;
    quint64 m_seq = 0;
    qint64 m_frames = 0;
    // The receiver.
    quint64 m_expected = 0;
    quint64 m_got = 0;
    qint64 m_lastFrame = -1;
    double m_bytesSinceReport = 0;
    double m_minDelaySinceReport = -1;
    qint64 m_lastReportMs = -1;
    std::deque<LossMark> m_lossWindow;
    qint64 m_lastReportAtSenderMs = -1;
    // Records, one per millisecond.
    std::vector<double> m_queueMs;
    std::vector<int> m_targets;
    std::vector<std::pair<qint64, int>> m_videoDelivered;
};

}  // namespace rudebot::test
