#include "media/media_receiver.h"

#include "media/bus_watch.h"
#include "media/media_sender.h"
#include "media/rtp_packet.h"
#include "media/webrtc_peer.h"
#include "video/timecode.h"

#include <QMetaObject>
#include <memory>
#include <gst/app/gstappsink.h>
#include <gst/video/video.h>

namespace rudebot {

namespace {

void addRecvOnly(GstElement *webrtc, const char *caps, bool nack)
{
    gst::CapsRef c(gst_caps_from_string(caps));
    GstWebRTCRTPTransceiver *t = nullptr;
    g_signal_emit_by_name(
        webrtc, "add-transceiver", GST_WEBRTC_RTP_TRANSCEIVER_DIRECTION_RECVONLY, c.get(), &t);
    if (t) {
        // Retransmission requests for lost video packets (media_sender.cpp); a lost bit of
        // speech is concealed by Opus instead.
        g_object_set(t, "do-nack", nack ? TRUE : FALSE, nullptr);
        gst_object_unref(t);
    }
}

// A decoded picture lent to a QImage: the mapping and the sample live as long as the image.
struct MappedFrame {
    GstVideoFrame frame;
    GstSample *sample = nullptr;
};

void releaseMappedFrame(void *data)
{
    auto *mapped = static_cast<MappedFrame *>(data);
    gst_video_frame_unmap(&mapped->frame);
    gst_sample_unref(mapped->sample);
    delete mapped;
}

}  // namespace

MediaReceiver::MediaReceiver(const MediaReceiverSettings &settings, QObject *parent)
    : QObject(parent), m_settings(settings)
{
    qRegisterMetaType<rudebot::ReceivedFrame>();
    // The peer exists from the start, so the signalling can be wired before start().
    m_pipeline.reset(
        static_cast<GstElement *>(gst_object_ref_sink(gst_pipeline_new("media-receiver"))));
    gst::ElementRef webrtc = gst::makeElement("webrtcbin", "webrtc");
    if (!webrtc)
        return;
    gst_bin_add(GST_BIN(m_pipeline.get()), GST_ELEMENT(gst_object_ref(webrtc.get())));
    m_webrtc = webrtc.get();
    g_object_set(m_webrtc, "latency", guint(m_settings.latencyMs), nullptr);
    if (GstElement *rtpbin = gst_bin_get_by_name(GST_BIN(m_webrtc), "rtpbin")) {
        g_signal_connect(rtpbin, "new-jitterbuffer", G_CALLBACK(onNewJitterBuffer), this);
        gst_object_unref(rtpbin);
    }
    // The jitter buffer never holds more than its latency: after a stall of this process
    // (a starved CPU, a page-fault storm) the packets that piled up are dropped, the
    // depayloader asks for a keyframe, and the picture resumes fresh instead of replaying
    // seconds of old frames (measured before: p50 3.6 s on a loaded 2-core machine).
    if (GstElement *rtpbin = gst_bin_get_by_name(GST_BIN(m_webrtc), "rtpbin")) {
        g_object_set(rtpbin, "drop-on-latency", TRUE, nullptr);
        gst_object_unref(rtpbin);
    }
    m_peer = std::make_unique<WebRtcPeer>(m_webrtc, WebRtcPeer::Role::Answerer, m_settings.ice);
    m_feedbackTimer.setInterval(100);  // ten reports a second: each is tiny
    connect(&m_feedbackTimer, &QTimer::timeout, this, &MediaReceiver::sendFeedback);
    // A broken picture is noticed within 25 ms of the threshold, not within a report's 100.
    m_pictureTimer.setInterval(25);
    connect(&m_pictureTimer, &QTimer::timeout, this, &MediaReceiver::checkPicture);
}

MediaReceiver::~MediaReceiver()
{
    if (m_pipeline)
        gst_element_set_state(m_pipeline.get(), GST_STATE_NULL);
    if (m_webrtc)
        g_signal_handlers_disconnect_by_data(m_webrtc, this);
    if (GstElement *rtpbin =
            m_webrtc ? gst_bin_get_by_name(GST_BIN(m_webrtc), "rtpbin") : nullptr) {
        g_signal_handlers_disconnect_by_data(rtpbin, this);
        gst_object_unref(rtpbin);
    }
    m_peer.reset();
    if (m_channel)
        gst_object_unref(m_channel);
}

bool MediaReceiver::start(QString *error)
{
    if (m_started)
        return true;
    if (!m_webrtc) {
        *error = QStringLiteral(
            "The GStreamer element \"webrtcbin\" is missing; install gstreamer1.0-plugins-bad.");
        return false;
    }
    m_started = true;
    // Without these, webrtcbin cannot answer an offer (PLATFORM-NOTES: "did not find a
    // compatible transceiver").
    addRecvOnly(
        m_webrtc, "application/x-rtp,media=video,encoding-name=H264,payload=96,clock-rate=90000",
        true);
    // The probe feeds the microphone's canceller: without a microphone it would only cost.
    if (!m_settings.audioSink.isEmpty() && m_settings.echoCancellation)
        m_echo = std::make_unique<audio::EchoProbe>(this);
    if (!m_settings.audioSource.isEmpty()) {
        // The remote's voice: its transceiver answers the station's audio line both ways.
        m_micValve = audio::addMicrophone(
            m_pipeline.get(), m_webrtc, m_settings.audioSource, m_echo.get(), error);
        if (!m_micValve)
            return false;
        gst::PadRef rtpOut(gst_element_get_static_pad(m_micValve, "src"));
        audio::setDirection(rtpOut.get(), GST_WEBRTC_RTP_TRANSCEIVER_DIRECTION_SENDRECV);
    } else if (!m_settings.audioSink.isEmpty()) {
        addRecvOnly(m_webrtc, audio::kRtpCaps, false);
    }
    // Also without a microphone: the station hears on connecting that there is none.
    connect(m_peer.get(), &WebRtcPeer::stateChanged, this, &MediaReceiver::applyValve);
    g_signal_connect(m_webrtc, "pad-added", G_CALLBACK(onPadAdded), this);
    g_signal_connect(m_webrtc, "on-data-channel", G_CALLBACK(onDataChannel), this);
    m_bus = std::make_unique<BusWatch>(m_pipeline.get());
    connect(m_bus.get(), &BusWatch::error, this, &MediaReceiver::error);
    connect(m_bus.get(), &BusWatch::levelMeasured, this, [this](const QString &name, double db) {
        if (name == QLatin1String(audio::kMicrophoneLevel))
            emit microphoneLevel(db);
        else if (name == QLatin1String(audio::kSpeakerLevel))
            emit speakerLevel(db);
    });
    if (gst_element_set_state(m_pipeline.get(), GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE) {
        *error = QStringLiteral("The media pipeline did not start.");
        return false;
    }
    m_feedbackTimer.start();
    m_pictureTimer.start();
    return true;
}

void MediaReceiver::onPadAdded(GstElement *, GstPad *pad, gpointer data)
{
    auto *self = static_cast<MediaReceiver *>(data);
    if (GST_PAD_DIRECTION(pad) != GST_PAD_SRC)
        return;
    gst::CapsRef caps(gst_pad_get_current_caps(pad));
    if (!caps)
        caps.reset(gst_pad_query_caps(pad, nullptr));
    const GstStructure *s = caps ? gst_caps_get_structure(caps.get(), 0) : nullptr;
    const char *media = s ? gst_structure_get_string(s, "media") : nullptr;
    if (media && g_str_equal(media, "video"))
        self->addVideoBranch(pad);
    else if (media && g_str_equal(media, "audio"))
        self->addAudioBranch(pad);
}

void MediaReceiver::addVideoBranch(GstPad *pad)
{
    gst::ElementRef depay = gst::makeElement("rtph264depay");
    gst::ElementRef parse = gst::makeElement("h264parse");
    gst::ElementRef decoder = gst::makeElement("avdec_h264", "decoder");
    gst::ElementRef fresh = gst::makeElement("queue", "fresh");
    gst::ElementRef convert = gst::makeElement("videoconvert");
    gst::ElementRef sink = gst::makeElement("appsink", "frames");
    const auto branch = {&depay, &parse, &decoder, &fresh, &convert, &sink};
    for (auto *e : branch) {
        if (!*e)
            return;
        gst_bin_add(GST_BIN(m_pipeline.get()), GST_ELEMENT(gst_object_ref(e->get())));
    }
    // Ask the sender for a keyframe (PLI) when the stream starts without one or breaks.
    g_object_set(depay.get(), "request-keyframe", TRUE, "wait-for-keyframe", TRUE, nullptr);
    // Slice threads: frame threads hold a frame per extra thread before output.
    gst_util_set_object_arg(G_OBJECT(decoder.get()), "thread-type", "slice");
    // Decoded pictures never queue: when conversion and painting are late, the older one
    // goes (the decoder itself must see every frame, or the next ones break).
    g_object_set(fresh.get(), "max-size-buffers", 1u, "max-size-bytes", 0u, "max-size-time",
        guint64(0), nullptr);
    gst_util_set_object_arg(G_OBJECT(fresh.get()), "leaky", "downstream");
    gst::CapsRef caps(gst_caps_from_string("video/x-raw,format=BGRx"));
    // Never wait for the clock and never queue: the newest picture is the one to paint.
    g_object_set(
        sink.get(), "caps", caps.get(), "sync", FALSE, "max-buffers", 2u, "drop", TRUE, nullptr);
    GstAppSinkCallbacks callbacks{};
    callbacks.new_sample = onSample;
    gst_app_sink_set_callbacks(GST_APP_SINK(sink.get()), &callbacks, this, nullptr);
    gst_element_link_many(
        depay.get(), parse.get(), decoder.get(), fresh.get(), convert.get(), sink.get(), nullptr);
    for (auto *e : branch)
        gst_element_sync_state_with_parent(e->get());
    gst::PadRef depaySink(gst_element_get_static_pad(depay.get(), "sink"));
    gst_pad_add_probe(depaySink.get(), GST_PAD_PROBE_TYPE_BUFFER, onRtp, this, nullptr);
    gst_pad_link(pad, depaySink.get());
    std::lock_guard<std::mutex> lock(m_rtpMutex);
    m_depaySink = gst::PadRef::ref(depaySink.get());
}

void MediaReceiver::addAudioBranch(GstPad *pad)
{
    QString why;
    if (!audio::addSpeaker(m_pipeline.get(), pad, m_settings.audioSink, m_echo.get(), &why)) {
        QMetaObject::invokeMethod(
            this, [this, why] { emit error(why); }, Qt::QueuedConnection);
        return;
    }
    QMetaObject::invokeMethod(
        this, [this] { emit audioStarted(); }, Qt::QueuedConnection);
}

void MediaReceiver::setMicrophoneMuted(bool muted)
{
    if (m_micMuted == muted)
        return;
    m_micMuted = muted;
    applyValve();
}

void MediaReceiver::applyValve()
{
    // Closed until the station is connected and its certificate checked, and while muted.
    const bool open = m_peer && m_peer->state() == WebRtcPeer::State::Connected && !m_micMuted;
    if (m_micValve)
        g_object_set(m_micValve, "drop", open ? FALSE : TRUE, nullptr);
    // Told on connecting and on every change; the station shows it to the office.
    if (m_peer && m_peer->state() == WebRtcPeer::State::Connected)
        m_peer->announceState(MediaState{m_micMuted, false});
}

GstPadProbeReturn MediaReceiver::onRtp(GstPad *pad, GstPadProbeInfo *info, gpointer data)
{
    auto *self = static_cast<MediaReceiver *>(data);
    GstBuffer *buffer = GST_PAD_PROBE_INFO_BUFFER(info);
    const auto header = readRtpHeader(buffer);
    if (!header)
        return GST_PAD_PROBE_OK;
    const quint32 ts = header->timestamp;
    std::lock_guard<std::mutex> lock(self->m_rtpMutex);
    ++self->m_packets;
    self->m_bytes += gst_buffer_get_size(buffer);
    if (self->m_rtpByPts.empty() || self->m_rtpByPts.back().second != ts)
        self->m_rtpByPts.emplace_back(runningTime(pad, GST_BUFFER_PTS(buffer)), ts);
    while (self->m_rtpByPts.size() > 120)
        self->m_rtpByPts.pop_front();
    return GST_PAD_PROBE_OK;
}

GstFlowReturn MediaReceiver::onSample(GstAppSink *appsink, gpointer data)
{
    auto *self = static_cast<MediaReceiver *>(data);
    gst::SampleRef sample(gst_app_sink_pull_sample(appsink));
    if (!sample)
        return GST_FLOW_OK;
    GstVideoInfo info;
    if (!gst_video_info_from_caps(&info, gst_sample_get_caps(sample.get())))
        return GST_FLOW_OK;
    GstBuffer *buffer = gst_sample_get_buffer(sample.get());
    auto mapped = std::make_unique<MappedFrame>();
    if (!gst_video_frame_map(&mapped->frame, &info, buffer, GST_MAP_READ))
        return GST_FLOW_OK;
    mapped->sample = gst_sample_ref(sample.get());
    ReceivedFrame out;
    // The picture is the decoder's buffer itself, kept mapped until the last QImage sharing it
    // is gone: copying 3.7 MB per 720p frame was 12 % of the app's samples (perf, bench/wan).
    // The QImage is read-only; a writer would detach and copy (Qt's rule for foreign data).
    GstVideoFrame *f = &mapped->frame;
    out.image = QImage(static_cast<const uchar *>(GST_VIDEO_FRAME_PLANE_DATA(f, 0)),
        GST_VIDEO_FRAME_WIDTH(f), GST_VIDEO_FRAME_HEIGHT(f), GST_VIDEO_FRAME_PLANE_STRIDE(f, 0),
        QImage::Format_RGB32, releaseMappedFrame, mapped.release());
    gst::PadRef sinkPad(gst_element_get_static_pad(GST_ELEMENT(appsink), "sink"));
    const GstClockTime pts = runningTime(sinkPad.get(), GST_BUFFER_PTS(buffer));
    bool known = false;
    {
        std::lock_guard<std::mutex> lock(self->m_rtpMutex);
        for (auto it = self->m_rtpByPts.rbegin(); it != self->m_rtpByPts.rend(); ++it) {
            if (it->first == pts) {
                out.rtpTimestamp = it->second;
                known = true;
                break;
            }
        }
    }
    if (known)
        out.stamp = self->m_stamps.find(out.rtpTimestamp);
    // One picture waits for the GUI thread at most: a busy event loop gets the newest frame,
    // not a queue of old ones.
    bool post = false;
    {
        std::lock_guard<std::mutex> lock(self->m_rtpMutex);
        post = !self->m_newest.has_value();
        self->m_newest = std::move(out);
    }
    if (post)
        QMetaObject::invokeMethod(self, &MediaReceiver::deliverNewest, Qt::QueuedConnection);
    return GST_FLOW_OK;
}

void MediaReceiver::deliverNewest()
{
    std::optional<ReceivedFrame> frame;
    {
        std::lock_guard<std::mutex> lock(m_rtpMutex);
        frame.swap(m_newest);
    }
    if (frame)
        deliver(std::move(*frame));
}

void MediaReceiver::deliver(ReceivedFrame frame)
{
    ++m_decoded;
    m_lastFrameMs = monotonicMs();
    if (!frame.stamp)
        frame.stamp = m_stamps.find(frame.rtpTimestamp);
    emit frameReady(frame);
}

}  // namespace rudebot
