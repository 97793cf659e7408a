// MediaReceiver's feedback to the sender (media_receiver.h): what arrived from the network
// (before the jitter buffer), the frame stamps from the data channel, and ten reports a second
// of loss, throughput and queueing delay (receiver_feedback.h) back over that channel, with
// keyframe requests. The pipeline itself is built in media_receiver.cpp.
#include "media/media_receiver.h"

#include "media/receiver_feedback.h"
#include "media/rtp_packet.h"
#include "video/timecode.h"

#include <gst/video/video.h>

namespace rudebot {

namespace {

// A keyframe is asked for after this long without a picture while packets still come (three
// frames at 30 fps), and again this often until one decodes (media_sender_adaptation.cpp lets
// one through every 250 ms).
constexpr qint64 kNoFrameAskMs = 100;
constexpr qint64 kAskAgainMs = 250;
// RTCP's budget for the whole session (all members), bits per second: at 2 % loss the app
// then sent ~10 reports a second of ~100 bytes, 8 kbit/s.
constexpr int kRtcpBps = 100000;

}  // namespace

void MediaReceiver::onNewJitterBuffer(
    GstElement *rtpbin, GstElement *jitterBuffer, guint session, guint, gpointer data)
{
    // RTCP gets a budget of its own. By default it is 5 % of a 64 kbit/s session (the
    // session's bandwidth is never signalled here), a regular report every ~0.75 s, and
    // RFC 4585 allows one early report (a NACK) per regular interval: measured in bench/wan at
    // 2 % loss, 50 of 56 NACKs waited for a regular report, their retransmissions came
    // 150-200 ms late, past the jitter buffer's 60 ms, and 23 % of the lost video packets were
    // given up (each a picture broken until a keyframe: freezes of 200-250 ms every few
    // seconds, 500-990 ms when the keyframe was hit too). At 100 kbit/s: 3.5 % given up.
    GObject *internal = nullptr;
    g_signal_emit_by_name(rtpbin, "get-internal-session", session, &internal);
    if (internal) {
        // Above 1 the fraction is in bits per second (rtpsession).
        g_object_set(internal, "rtcp-fraction", double(kRtcpBps), nullptr);
        g_object_unref(internal);
    }
    gst::PadRef sink(gst_element_get_static_pad(jitterBuffer, "sink"));
    if (!sink)
        return;
    gst_pad_add_probe(sink.get(), GST_PAD_PROBE_TYPE_BUFFER, onArrival, data, nullptr);
    // Retransmission requests for the video's jitter buffer, by the first packet's payload
    // type. webrtcbin 1.22 sets them from the transceiver of the stream's m-line, and with the
    // audio bundled beside the video it takes the wrong one: measured in bench/wan at 2 % loss,
    // both jitter buffers had do-retransmission off, the sender got no NACK, and every loss
    // broke the picture until a keyframe (19 fps painted).
    gst_pad_add_probe(
        sink.get(), GST_PAD_PROBE_TYPE_BUFFER,
        [](GstPad *pad, GstPadProbeInfo *info, gpointer data) {
            const auto header = readRtpHeader(GST_PAD_PROBE_INFO_BUFFER(info));
            if (!header)
                return GST_PAD_PROBE_OK;
            const bool video = header->payloadType == kVideoPayload;
            if (GstElement *jitterBuffer = gst_pad_get_parent_element(pad)) {
                g_object_set(jitterBuffer, "do-retransmission", gboolean(video), nullptr);
                auto *self = static_cast<MediaReceiver *>(data);
                std::lock_guard<std::mutex> lock(self->m_rtpMutex);
                if (video && !self->m_videoJitterBuffer)
                    self->m_videoJitterBuffer.reset(jitterBuffer);  // takes the reference
                else
                    gst_object_unref(jitterBuffer);
            }
            return GST_PAD_PROBE_REMOVE;
        },
        data, nullptr);
}

RepairCounts MediaReceiver::repairCounts() const
{
    gst::ElementRef jitterBuffer;
    {
        std::lock_guard<std::mutex> lock(m_rtpMutex);
        jitterBuffer = gst::ElementRef::ref(m_videoJitterBuffer.get());
    }
    RepairCounts out;
    if (!jitterBuffer)
        return out;
    GstStructure *stats = nullptr;
    g_object_get(jitterBuffer.get(), "stats", &stats, nullptr);
    if (!stats)
        return out;
    guint64 repaired = 0, lost = 0;
    gst_structure_get_uint64(stats, "rtx-success-count", &repaired);
    gst_structure_get_uint64(stats, "num-lost", &lost);
    gst_structure_free(stats);
    out.repaired = repaired;
    out.givenUp = lost;
    return out;
}

GstPadProbeReturn MediaReceiver::onArrival(GstPad *, GstPadProbeInfo *info, gpointer data)
{
    auto *self = static_cast<MediaReceiver *>(data);
    const auto header = readRtpHeader(GST_PAD_PROBE_INFO_BUFFER(info));
    if (!header || header->payloadType != kVideoPayload)
        return GST_PAD_PROBE_OK;
    const quint32 ts = header->timestamp;
    const int seq = header->seq;
    std::lock_guard<std::mutex> lock(self->m_rtpMutex);
    ++self->m_netPackets;
    // No reordering on these paths; a late duplicate is counted but moves nothing back.
    const quint16 step = self->m_lastSeq < 0 ? 1 : quint16(seq - self->m_lastSeq);
    if (step > 0 && step < 0x8000) {
        self->m_expected += step;
        self->m_lastSeq = seq;
    }
    if (self->m_arrivals.empty() || ts != self->m_lastArrivalRtp) {
        self->m_lastArrivalRtp = ts;
        self->m_arrivals.emplace_back(ts, monotonicMs());
        while (self->m_arrivals.size() > 120)
            self->m_arrivals.pop_front();
    }
    return GST_PAD_PROBE_OK;
}

void MediaReceiver::onDataChannel(GstElement *, GstWebRTCDataChannel *channel, gpointer data)
{
    auto *self = static_cast<MediaReceiver *>(data);
    g_signal_connect(channel, "on-message-string", G_CALLBACK(onStampMessage), data);
    std::lock_guard<std::mutex> lock(self->m_rtpMutex);
    if (!self->m_channel)
        self->m_channel = static_cast<GstWebRTCDataChannel *>(gst_object_ref(channel));
}

void MediaReceiver::sendFeedback()
{
    GstWebRTCDataChannel *channel = nullptr;
    ReceiverFeedback f;
    const qint64 now = monotonicMs();
    {
        std::lock_guard<std::mutex> lock(m_rtpMutex);
        channel = m_channel;
        m_lossWindow.emplace_back(now, m_expected, m_netPackets);
        while (m_lossWindow.size() > 2 && std::get<0>(m_lossWindow[1]) <= now - 1000)
            m_lossWindow.pop_front();
        const quint64 expected = m_expected - std::get<1>(m_lossWindow.front());
        const quint64 gotInWindow = m_netPackets - std::get<2>(m_lossWindow.front());
        f.fractionLost =
            expected > gotInWindow ? double(expected - gotInWindow) / double(expected) : 0.0;
        if (m_fbAtMs > 0 && now > m_fbAtMs)
            f.receivedKbps = double(m_bytes - m_fbBytes) * 8.0 / double(now - m_fbAtMs);
        m_fbBytes = m_bytes;
        // The queue on the path: first packet's arrival against when the station sent it
        // (clock offset included, which cancels: only growth counts), for the frames whose
        // stamps have come; a stamp may arrive after its frame.
        while (!m_arrivals.empty()) {
            const auto [ts, arrivedMs] = m_arrivals.front();
            const auto stamp = m_stamps.find(ts);
            if (!stamp && now - arrivedMs < 1000)
                break;
            m_arrivals.pop_front();
            // The smallest of the interval's frames: a queue delays every frame, while a
            // moment this process was not scheduled, or a big frame behind a small one,
            // delays only some (measured: a loaded machine otherwise looks congested).
            if (stamp && stamp->sentMs > 0) {
                const double d = double(arrivedMs - stamp->sentMs);
                f.delayMs = f.delayMs < 0 ? d : std::min(f.delayMs, d);
            }
        }
    }
    m_fbAtMs = now;
    sendOnChannel(channel, encodeFeedback(f));
}

void MediaReceiver::checkPicture()
{
    const qint64 now = monotonicMs();
    GstWebRTCDataChannel *channel = nullptr;
    gst::PadRef depaySink;
    quint64 packets = 0;
    {
        std::lock_guard<std::mutex> lock(m_rtpMutex);
        channel = m_channel;
        depaySink = gst::PadRef::ref(m_depaySink.get());
        packets = m_packets;
    }
    const bool packetsCame = packets != m_pictureCheckPackets;
    m_pictureCheckPackets = packets;
    // Packets arrive but nothing decodes: the picture waits for a keyframe (the depayloader
    // drops frames after a loss until one comes). Ask now instead of waiting for the next one,
    // and again while none comes (the keyframe may be what was lost). Checked with each
    // 100 ms report, at 150 ms and every 400 ms, bench/wan at 2 % loss froze up to 661 ms;
    // the issue allows 500.
    if (!packetsCame || now - m_lastFrameMs <= kNoFrameAskMs
        || now - m_lastKeyframeAskMs <= kAskAgainMs)
        return;
    m_lastKeyframeAskMs = now;
    // The standard way, which webrtcbin turns into an RTCP PLI: it needs no data channel,
    // which may be what broke.
    if (depaySink)
        gst_pad_push_event(depaySink.get(),
            gst_video_event_new_upstream_force_key_unit(GST_CLOCK_TIME_NONE, TRUE, 0));
    // And on the data channel, as a request alone: no report (nothing measured, -1).
    ReceiverFeedback f;
    f.receivedKbps = -1;
    f.keyframe = true;
    sendOnChannel(channel, encodeFeedback(f));
}

void MediaReceiver::sendOnChannel(GstWebRTCDataChannel *channel, const QByteArray &text)
{
    if (!channel)
        return;
    GstWebRTCDataChannelState state = GST_WEBRTC_DATA_CHANNEL_STATE_CLOSED;
    g_object_get(channel, "ready-state", &state, nullptr);
    if (state == GST_WEBRTC_DATA_CHANNEL_STATE_OPEN)
        gst_webrtc_data_channel_send_string(channel, text.constData());
}

void MediaReceiver::onStampMessage(GstWebRTCDataChannel *, gchar *text, gpointer data)
{
    auto *self = static_cast<MediaReceiver *>(data);
    if (auto stamp = decodeFrameStamp(QByteArray(text))) {
        stamp->second.arrivedMs = monotonicMs();
        self->m_stamps.add(stamp->first, stamp->second);
    }
}

}  // namespace rudebot
