#include "media/media_sender.h"

#include "media/bus_watch.h"
#include "media/gst_setup.h"
#include "media/h264_encoder.h"
#include "media/rtp_packet.h"
#include "media/webrtc_peer.h"
#include "video/timecode.h"

#include <QMetaObject>
#include <gst/video/video.h>

namespace rudebot {

namespace {

bool addAll(GstElement *pipeline, std::initializer_list<gst::ElementRef *> elements, QString *error)
{
    for (gst::ElementRef *e : elements) {
        if (!*e) {
            *error =
                QStringLiteral("A GStreamer element of the media path is missing (see the log).");
            return false;
        }
        gst_bin_add(GST_BIN(pipeline), GST_ELEMENT(gst_object_ref(e->get())));
    }
    return true;
}

gst::ElementRef makeValve()
{
    gst::ElementRef valve = gst::makeElement("valve");
    if (valve) {
        g_object_set(valve.get(), "drop", TRUE, nullptr);
        // Caps and segments still pass while closed, so the offer knows the streams.
        gst_util_set_object_arg(G_OBJECT(valve.get()), "drop-mode", "forward-sticky-events");
    }
    return valve;
}

gst::CapsRef capsFrom(const char *text)
{
    return gst::CapsRef(gst_caps_from_string(text));
}

void setSendOnly(GstPad *srcIntoWebrtc, bool nack)
{
    gst::PadRef sinkPad(gst_pad_get_peer(srcIntoWebrtc));
    if (!sinkPad)
        return;
    GstWebRTCRTPTransceiver *t = nullptr;
    g_object_get(sinkPad.get(), "transceiver", &t, nullptr);
    if (t) {
        // Retransmission (NACK/RTX) for random loss: a lost packet is resent within a round
        // trip, inside the receiver's jitter buffer, instead of breaking the picture until a
        // keyframe. It was off while the rate controller let the router queue grow to 120 ms
        // (resends then kept a congested queue full); the delay-based controller keeps the
        // queue short and counts what arrives, resends included.
        g_object_set(t, "direction", GST_WEBRTC_RTP_TRANSCEIVER_DIRECTION_SENDONLY, "do-nack",
            nack ? TRUE : FALSE, nullptr);
        gst_object_unref(t);
    }
}

}  // namespace

MediaSender::MediaSender(const MediaSenderSettings &settings, QObject *parent)
    : QObject(parent), m_settings(settings), m_rate([&settings] {
          RateSettings r;
          r.fullSize = settings.size;
          r.fullFps = settings.fps;
          r.minKbps = settings.minKbps;
          r.maxKbps = settings.maxKbps;
          r.startKbps = settings.bitrateKbps;
          return r;
      }())
{
    m_target = settings.adapt ? m_rate.target()
                              : EncoderTarget{settings.bitrateKbps, settings.size, settings.fps};
    // The peer exists from the start, so the signalling can be wired before start().
    m_pipeline.reset(
        static_cast<GstElement *>(gst_object_ref_sink(gst_pipeline_new("media-sender"))));
    gst::ElementRef webrtc = gst::makeElement("webrtcbin", "webrtc");
    if (!webrtc)
        return;
    gst_bin_add(GST_BIN(m_pipeline.get()), GST_ELEMENT(gst_object_ref(webrtc.get())));
    m_webrtc = webrtc.get();
    // The remote's voice: a jitter buffer as short as the receiver's (media_receiver.h).
    g_object_set(m_webrtc, "latency", guint(60), nullptr);
    m_peer = std::make_unique<WebRtcPeer>(m_webrtc, WebRtcPeer::Role::Offerer, m_settings.ice);
    connect(m_peer.get(), &WebRtcPeer::stateChanged, this,
        [this](WebRtcPeer::State state) { setFlowing(state == WebRtcPeer::State::Connected); });
    m_stats = std::make_unique<StatsPoller>(m_webrtc, 500);
    connect(m_stats.get(), &StatsPoller::statsReady, this, &MediaSender::onStats);
    m_watchdog.setInterval(250);
    connect(&m_watchdog, &QTimer::timeout, this, [this] {
        checkFeedback();
        checkCpu();
    });
}

MediaSender::~MediaSender()
{
    if (m_pipeline)
        gst_element_set_state(m_pipeline.get(), GST_STATE_NULL);
    if (m_webrtc)
        g_signal_handlers_disconnect_by_data(m_webrtc, this);
    m_stats.reset();
    m_peer.reset();
    if (m_channel)
        g_signal_handlers_disconnect_by_data(m_channel, this);
    if (m_channel)
        gst_object_unref(m_channel);
}

bool MediaSender::start(QString *error)
{
    if (m_appsrc)
        return true;
    if (!m_webrtc) {
        *error = QStringLiteral(
            "The GStreamer element \"webrtcbin\" is missing; install gstreamer1.0-plugins-bad.");
        return false;
    }
    if (!buildVideo(error) || !buildAudio(error)) {
        gst_element_set_state(m_pipeline.get(), GST_STATE_NULL);
        return false;
    }
    m_bus = std::make_unique<BusWatch>(m_pipeline.get());
    connect(m_bus.get(), &BusWatch::error, this, &MediaSender::error);
    connect(m_bus.get(), &BusWatch::levelMeasured, this, [this](const QString &name, double db) {
        if (name == QLatin1String(audio::kMicrophoneLevel))
            emit microphoneLevel(db);
        else if (name == QLatin1String(audio::kSpeakerLevel))
            emit speakerLevel(db);
    });
    if (gst_element_set_state(m_pipeline.get(), GST_STATE_READY) == GST_STATE_CHANGE_FAILURE) {
        *error = QStringLiteral("The media pipeline did not start.");
        return false;
    }
    // Before the offer, so the offer carries it; unordered and without retransmission: a late
    // stamp is worthless and must not hold the next ones back.
    gst::StructureRef options(gst_structure_new(
        "options", "ordered", G_TYPE_BOOLEAN, FALSE, "max-retransmits", G_TYPE_INT, 0, nullptr));
    g_signal_emit_by_name(m_webrtc, "create-data-channel", "stamps", options.get(), &m_channel);
    if (m_channel)
        g_signal_connect(m_channel, "on-message-string", G_CALLBACK(onChannelMessage), this);
    if (gst_element_set_state(m_pipeline.get(), GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE) {
        *error = QStringLiteral("The media pipeline did not start.");
        return false;
    }
    return true;
}

bool MediaSender::buildVideo(QString *error)
{
    gst::ElementRef src = gst::makeElement("appsrc", "camera");
    gst::ElementRef convert = gst::makeElement("videoconvert");
    gst::ElementRef scale = gst::makeElement("videoscale");
    gst::ElementRef rawCaps = gst::makeElement("capsfilter", "size");
    gst::ElementRef encoder = makeH264Encoder(m_target.bitrateKbps, m_target.fps);
    gst::ElementRef h264Caps = gst::makeElement("capsfilter");
    gst::ElementRef pay = gst::makeElement("rtph264pay", "videopay");
    gst::ElementRef rtpCaps = gst::makeElement("capsfilter");
    gst::ElementRef pacing = gst::makeElement("queue", "pacing");
    gst::ElementRef valve = makeValve();
    if (!addAll(m_pipeline.get(),
            {&src, &convert, &scale, &rawCaps, &encoder, &h264Caps, &pay, &rtpCaps, &pacing,
                &valve},
            error))
        return false;
    m_videoValve = valve.get();
    m_sizeFilter = rawCaps.get();
    m_appsrc = src.get();
    m_encoder = encoder.get();

    // Frames arrive when the camera has them: a live source, timestamped by us at push time;
    // a short queue that drops old frames rather than adding delay when the encoder is late.
    // One frame at most waits in front of the encoder, as in WebRTC senders: a frame the
    // encoder is not ready for is replaced by the next (counted: CPU adaptation reads it).
    g_object_set(m_appsrc, "is-live", TRUE, "format", GST_FORMAT_TIME, "do-timestamp", FALSE,
        "max-buffers", guint64(1), "leaky-type", 2 /* downstream: drop the oldest */, nullptr);
    g_object_set(rawCaps.get(), "caps",
        capsFrom(QStringLiteral("video/x-raw,format=I420,width=%1,height=%2")
                     .arg(m_target.size.width())
                     .arg(m_target.size.height())
                     .toUtf8()
                     .constData())
            .get(),
        nullptr);
    g_object_set(h264Caps.get(), "caps",
        capsFrom("video/x-h264,profile=constrained-baseline").get(), nullptr);
    g_object_set(pay.get(), "config-interval", -1, "pt", guint(kVideoPayload), nullptr);
    gst_util_set_object_arg(G_OBJECT(pay.get()), "aggregate-mode", "zero-latency");
    g_object_set(rtpCaps.get(), "caps",
        capsFrom("application/x-rtp,media=video,encoding-name=H264,payload=96,clock-rate=90000")
            .get(),
        nullptr);
    // The pacer's queue holds what its schedule holds back (at most 40 ms, pacer.h).
    g_object_set(pacing.get(), "max-size-buffers", 0u, "max-size-bytes", 0u, "max-size-time",
        guint64(0), nullptr);
    m_pacer.setTargetKbps(m_target.bitrateKbps);
    m_pacer.attach(pacing.get());
    if (!linkInOrder({m_appsrc, convert.get(), scale.get(), rawCaps.get(), m_encoder, h264Caps.get(),
                       pay.get(), rtpCaps.get(), pacing.get(), m_videoValve, m_webrtc},
            error))
        return false;
    gst::PadRef rtpOut(gst_element_get_static_pad(m_videoValve, "src"));
    setSendOnly(rtpOut.get(), m_settings.retransmit);
    // Processing time per frame, for CPU adaptation: from leaving the camera's queue
    // (conversion and scaling run on the same thread) to leaving the encoder.
    gst::PadRef srcOut(gst_element_get_static_pad(m_appsrc, "src"));
    gst_pad_add_probe(srcOut.get(), GST_PAD_PROBE_TYPE_BUFFER, onDequeued, this, nullptr);
    gst::PadRef encOut(gst_element_get_static_pad(m_encoder, "src"));
    gst_pad_add_probe(encOut.get(), GST_PAD_PROBE_TYPE_BUFFER, onEncoded, this, nullptr);
    gst::PadRef payOut(gst_element_get_static_pad(pay.get(), "src"));
    gst_pad_add_probe(payOut.get(), GST_PAD_PROBE_TYPE_BUFFER, onPayloaded, this, nullptr);
    return true;
}

bool MediaSender::buildAudio(QString *error)
{
    const bool speaker = !m_settings.audioSink.isEmpty();
    if (speaker && m_settings.echoCancellation)
        m_echo = std::make_unique<audio::EchoProbe>(this);
    if (speaker)
        g_signal_connect(m_webrtc, "pad-added", G_CALLBACK(onPadAdded), this);
    if (m_settings.audioSource.isEmpty()) {
        if (speaker) {
            // No microphone, but the remote's voice is wanted: the offer still needs the line.
            gst::CapsRef caps(gst_caps_from_string(audio::kRtpCaps));
            GstWebRTCRTPTransceiver *t = nullptr;
            g_signal_emit_by_name(m_webrtc, "add-transceiver",
                GST_WEBRTC_RTP_TRANSCEIVER_DIRECTION_RECVONLY, caps.get(), &t);
            if (t)
                gst_object_unref(t);
        }
        return true;
    }
    m_audioValve = audio::addMicrophone(
        m_pipeline.get(), m_webrtc, m_settings.audioSource, m_echo.get(), error);
    if (!m_audioValve)
        return false;
    gst::PadRef rtpOut(gst_element_get_static_pad(m_audioValve, "src"));
    audio::setDirection(rtpOut.get(),
        speaker ? GST_WEBRTC_RTP_TRANSCEIVER_DIRECTION_SENDRECV
                : GST_WEBRTC_RTP_TRANSCEIVER_DIRECTION_SENDONLY);
    return true;
}

void MediaSender::onPadAdded(GstElement *, GstPad *pad, gpointer data)
{
    auto *self = static_cast<MediaSender *>(data);
    if (GST_PAD_DIRECTION(pad) != GST_PAD_SRC)
        return;
    QString error;
    if (!audio::addSpeaker(
            self->m_pipeline.get(), pad, self->m_settings.audioSink, self->m_echo.get(), &error)) {
        QMetaObject::invokeMethod(
            self, [self, error] { emit self->error(error); }, Qt::QueuedConnection);
        return;
    }
    QMetaObject::invokeMethod(
        self, [self] { emit self->audioStarted(); }, Qt::QueuedConnection);
}

void MediaSender::setFlowing(bool flowing)
{
    m_flowing = flowing;
    applyValves();
    if (flowing) {
        announceState();
        requestKeyframe();  // what passed the valve so far never reached the peer
        m_stats->start();
        m_lastFeedbackMs = monotonicMs() + 3000;  // the data channel opens after DTLS and SCTP
        m_watchdog.start();
    } else {
        m_stats->stop();
        m_watchdog.stop();
    }
}

void MediaSender::applyValves()
{
    if (m_videoValve)
        g_object_set(m_videoValve, "drop", m_flowing && !m_cameraPaused ? FALSE : TRUE, nullptr);
    if (m_audioValve)
        g_object_set(m_audioValve, "drop", m_flowing && !m_micMuted ? FALSE : TRUE, nullptr);
}

void MediaSender::setCameraPaused(bool paused)
{
    if (m_cameraPaused == paused)
        return;
    m_cameraPaused = paused;
    applyValves();
    announceState();
    if (!paused)
        requestKeyframe();  // the receiver's decoder has nothing to refer to after the gap
}

void MediaSender::setMicrophoneMuted(bool muted)
{
    if (m_micMuted == muted)
        return;
    m_micMuted = muted;
    applyValves();
    announceState();
}

void MediaSender::announceState()
{
    if (m_peer)
        m_peer->announceState(MediaState{m_micMuted, m_cameraPaused});
}

void MediaSender::requestKeyframe()
{
    if (!m_encoder)
        return;
    gst::PadRef out(gst_element_get_static_pad(m_encoder, "src"));
    gst_pad_send_event(
        out.get(), gst_video_event_new_upstream_force_key_unit(GST_CLOCK_TIME_NONE, TRUE, 0));
}

}  // namespace rudebot
