// webrtcbin's statistics (get-stats: RTCP receiver reports from the other side, what this side
// sent and received), polled from Qt's event loop and reduced to the numbers the media path
// uses: bandwidth adaptation, `rudebotctl watch`, the statistics panel.
#pragma once
#include <QObject>
#include <QTimer>
#include <QtGlobal>
#include <memory>

#include "media/gst_handle.h"

namespace rudebot {

// How the media travels: the selected ICE candidate pair. A relay at either end means every
// packet crosses the TURN server (both addresses hidden, the relay's bandwidth used).
enum class IceRoute {
    Unknown,  // no pair selected yet
    Direct,  // host candidates: the same network, a VPN or a forwarded port
    ThroughNat,  // server- or peer-reflexive: direct, through a NAT STUN found the way across
    Relay  // through the TURN relay
};
const char *iceRouteName(IceRoute route);  // "unknown", "direct", "nat", "relay" (for logs, watch)

struct MediaStats {
    qint64 atMs = 0;  // CLOCK_MONOTONIC milliseconds when taken
    // Sender side (outbound video and the receiver's reports about it).
    quint64 bytesSent = 0;
    quint64 packetsSent = 0;
    bool haveReport = false;  // a receiver report has arrived
    double fractionLost = 0;  // 0..1, over the last report interval
    qint64 packetsLostTotal = 0;
    double rttMs = -1;  // round trip time from the reports; -1 = unknown
    double jitterMs = 0;
    quint64 pliReceived = 0;  // keyframe requests from the receiver
    quint64 nackReceived = 0;
    // Receiver side (inbound video).
    quint64 bytesReceived = 0;
    quint64 packetsReceived = 0;
    qint64 packetsLost = 0;
    double inboundJitterMs = 0;
    IceRoute route = IceRoute::Unknown;
};

// Reduces a get-stats reply; pure (exposed for tests).
MediaStats readMediaStats(const GstStructure *reply, qint64 atMs);

class StatsPoller : public QObject {
    Q_OBJECT
public:
    // webrtcbin is borrowed and must outlive this poller.
    StatsPoller(GstElement *webrtcbin, int intervalMs, QObject *parent = nullptr);
    ~StatsPoller() override;
    void start() { m_timer.start(); }
    void stop() { m_timer.stop(); }

    struct Guard;

signals:
    void statsReady(const rudebot::MediaStats &stats);

private:
    void poll();
    static void onReply(GstPromise *promise, gpointer guard);

    GstElement *m_webrtc;
    QTimer m_timer;
    std::shared_ptr<Guard> m_guard;
    bool m_pending = false;
};

}  // namespace rudebot
