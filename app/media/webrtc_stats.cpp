#include "media/webrtc_stats.h"

#include "video/timecode.h"

#include <QHash>
#include <QMetaObject>
#include <mutex>

namespace rudebot {

struct StatsPoller::Guard {
    std::mutex mutex;
    StatsPoller *poller = nullptr;
};

namespace {

double number(const GstStructure *s, const char *field, double fallback = 0)
{
    const GValue *v = gst_structure_get_value(s, field);
    if (!v)
        return fallback;
    GValue d = G_VALUE_INIT;
    g_value_init(&d, G_TYPE_DOUBLE);
    double out = fallback;
    if (g_value_transform(v, &d))
        out = g_value_get_double(&d);
    g_value_unset(&d);
    return out;
}

struct Collect {
    MediaStats *out;
    QHash<guint, bool> codecIsVideo;  // SSRC -> its codec is a video one (codec entries)
    QHash<QString, QString> candidateTypes;  // candidate id -> "host", "srflx", "prflx", "relay"
    QHash<QString, QStringList> pairs;  // pair id -> its two candidate ids
    QString selectedPair;
};

// webrtcbin 1.22 with one bundled transport gives every stream the "kind" and "codec-id" of
// the last codec it set up (measured beside an Opus stream: the video's outbound-rtp said
// "audio", so the video's bytes read as none and the sender's cap and probe check went blind).
// A stream is video when a video codec entry names its SSRC, or its RTP source runs the video
// clock (90 kHz); "kind" only when neither says.
bool isVideo(const GstStructure *s, const Collect &c)
{
    guint ssrc = 0;
    if (gst_structure_get_uint(s, "ssrc", &ssrc) && c.codecIsVideo.contains(ssrc))
        return c.codecIsVideo.value(ssrc);
    const GValue *source = gst_structure_get_value(s, "gst-rtpsource-stats");
    if (source && GST_VALUE_HOLDS_STRUCTURE(source)) {
        gint clockRate = -1;
        if (gst_structure_get_int(gst_value_get_structure(source), "clock-rate", &clockRate)
            && clockRate > 0)
            return clockRate == 90000;
    }
    const char *kind = gst_structure_get_string(s, "kind");
    return !kind || g_str_equal(kind, "video");
}

gboolean collectCodec(GQuark, const GValue *value, gpointer data)
{
    Collect &c = *static_cast<Collect *>(data);
    if (!GST_VALUE_HOLDS_STRUCTURE(value))
        return TRUE;
    const GstStructure *s = gst_value_get_structure(value);
    GstWebRTCStatsType type = GstWebRTCStatsType(0);
    guint ssrc = 0;
    const char *mime = gst_structure_get_string(s, "mime-type");
    if (gst_structure_get_enum(s, "type", GST_TYPE_WEBRTC_STATS_TYPE, reinterpret_cast<gint *>(&type))
        && type == GST_WEBRTC_STATS_CODEC && mime && gst_structure_get_uint(s, "ssrc", &ssrc))
        c.codecIsVideo.insert(ssrc, g_str_has_prefix(mime, "video/"));
    return TRUE;
}

QString text(const GstStructure *s, const char *field)
{
    const char *v = gst_structure_get_string(s, field);
    return v ? QString::fromUtf8(v) : QString();
}

// Both ends of the pair are looked at, not "the local one": GStreamer 1.22 files the pair's
// local candidate under the remote-candidate entry and the other way round.
IceRoute routeOf(const Collect &c)
{
    const QStringList ends = c.pairs.value(c.selectedPair);
    if (ends.isEmpty())
        return IceRoute::Unknown;
    IceRoute route = IceRoute::Direct;
    for (const QString &id : ends) {
        const QString type = c.candidateTypes.value(id);
        if (type == QLatin1String("relay"))
            return IceRoute::Relay;
        if (type == QLatin1String("srflx") || type == QLatin1String("prflx"))
            route = IceRoute::ThroughNat;
        else if (type.isEmpty())
            return IceRoute::Unknown;
    }
    return route;
}

gboolean collect(GQuark, const GValue *value, gpointer data)
{
    Collect &c = *static_cast<Collect *>(data);
    MediaStats &m = *c.out;
    if (!GST_VALUE_HOLDS_STRUCTURE(value))
        return TRUE;
    const GstStructure *s = gst_value_get_structure(value);
    GstWebRTCStatsType type = GstWebRTCStatsType(0);
    if (!gst_structure_get_enum(
            s, "type", GST_TYPE_WEBRTC_STATS_TYPE, reinterpret_cast<gint *>(&type)))
        return TRUE;
    switch (type) {
    case GST_WEBRTC_STATS_OUTBOUND_RTP:
        if (!isVideo(s, c))
            break;
        m.bytesSent += quint64(number(s, "bytes-sent"));
        m.packetsSent += quint64(number(s, "packets-sent"));
        m.pliReceived += quint64(number(s, "pli-count"));
        m.nackReceived += quint64(number(s, "nack-count"));
        break;
    case GST_WEBRTC_STATS_REMOTE_INBOUND_RTP:
        if (!isVideo(s, c))
            break;
        m.haveReport = true;
        m.fractionLost = std::max(m.fractionLost, number(s, "fraction-lost"));
        m.packetsLostTotal += qint64(number(s, "packets-lost"));
        if (const double rtt = number(s, "round-trip-time", -1); rtt >= 0)
            m.rttMs = rtt * 1000.0;
        m.jitterMs = number(s, "jitter") * 1000.0;
        break;
    case GST_WEBRTC_STATS_INBOUND_RTP:
        if (!isVideo(s, c))
            break;
        m.bytesReceived += quint64(number(s, "bytes-received"));
        m.packetsReceived += quint64(number(s, "packets-received"));
        m.packetsLost += qint64(number(s, "packets-lost"));
        m.inboundJitterMs = number(s, "jitter") * 1000.0;
        break;
    case GST_WEBRTC_STATS_LOCAL_CANDIDATE:
    case GST_WEBRTC_STATS_REMOTE_CANDIDATE:
        c.candidateTypes.insert(text(s, "id"), text(s, "candidate-type"));
        break;
    case GST_WEBRTC_STATS_CANDIDATE_PAIR:
        c.pairs.insert(text(s, "id"),
            QStringList{text(s, "local-candidate-id"), text(s, "remote-candidate-id")});
        break;
    case GST_WEBRTC_STATS_TRANSPORT:
        if (const QString pair = text(s, "selected-candidate-pair-id"); !pair.isEmpty())
            c.selectedPair = pair;
        break;
    default: break;
    }
    return TRUE;
}

}  // namespace

const char *iceRouteName(IceRoute route)
{
    switch (route) {
    case IceRoute::Direct: return "direct";
    case IceRoute::ThroughNat: return "nat";
    case IceRoute::Relay: return "relay";
    case IceRoute::Unknown: break;
    }
    return "unknown";
}

MediaStats readMediaStats(const GstStructure *reply, qint64 atMs)
{
    MediaStats m;
    m.atMs = atMs;
    if (!reply)
        return m;
    Collect c{&m, {}, {}, {}, {}};
    gst_structure_foreach(reply, collectCodec, &c);  // first: the streams are told apart by it
    gst_structure_foreach(reply, collect, &c);
    m.route = routeOf(c);
    return m;
}

StatsPoller::StatsPoller(GstElement *webrtcbin, int intervalMs, QObject *parent)
    : QObject(parent), m_webrtc(webrtcbin), m_guard(std::make_shared<Guard>())
{
    m_guard->poller = this;
    m_timer.setInterval(intervalMs);
    connect(&m_timer, &QTimer::timeout, this, &StatsPoller::poll);
}

StatsPoller::~StatsPoller()
{
    std::lock_guard<std::mutex> lock(m_guard->mutex);
    m_guard->poller = nullptr;
}

void StatsPoller::poll()
{
    if (m_pending)
        return;  // webrtcbin is busy; the next tick asks again
    m_pending = true;
    GstPromise *promise =
        gst_promise_new_with_change_func(onReply, new std::shared_ptr<Guard>(m_guard),
            [](gpointer p) { delete static_cast<std::shared_ptr<Guard> *>(p); });
    g_signal_emit_by_name(m_webrtc, "get-stats", nullptr, promise);
    gst_promise_unref(promise);
}

void StatsPoller::onReply(GstPromise *promise, gpointer data)
{
    const auto &guard = *static_cast<std::shared_ptr<Guard> *>(data);
    MediaStats stats;
    const bool ok = gst_promise_wait(promise) == GST_PROMISE_RESULT_REPLIED;
    if (ok)
        stats = readMediaStats(gst_promise_get_reply(promise), monotonicMs());
    std::lock_guard<std::mutex> lock(guard->mutex);
    if (StatsPoller *p = guard->poller) {
        QMetaObject::invokeMethod(
            p,
            [p, stats, ok] {
                p->m_pending = false;
                if (ok)
                    emit p->statsReady(stats);
            },
            Qt::QueuedConnection);
    }
}

}  // namespace rudebot
