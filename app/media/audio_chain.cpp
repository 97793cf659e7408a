#include "media/audio_chain.h"

#include "media/gst_setup.h"

namespace rudebot {

namespace audio {

namespace {

// webrtcdsp works on 10 ms blocks of 48 kHz: the microphone and the echo probe both get it.
constexpr const char *kRaw = "audio/x-raw,format=S16LE,rate=48000,channels=1";

GstElement *parseBin(const QString &description, QString *error)
{
    GError *err = nullptr;
    GstElement *bin = gst_parse_bin_from_description(description.toUtf8().constData(), TRUE, &err);
    if (!bin) {
        *error = QString::fromUtf8(err ? err->message : "?");
        if (err)
            g_error_free(err);
        return nullptr;
    }
    return static_cast<GstElement *>(gst_object_ref_sink(bin));
}

bool addAndLink(GstElement *pipeline, const std::vector<GstElement *> &chain, QString *error)
{
    for (GstElement *e : chain) {
        if (!e) {
            *error = QStringLiteral("A GStreamer element of the audio path is missing (see the "
                                    "log; webrtcdsp is in gstreamer1.0-plugins-bad).");
            return false;
        }
    }
    for (GstElement *e : chain)
        gst_bin_add(GST_BIN(pipeline), GST_ELEMENT(gst_object_ref(e)));
    return linkInOrder(chain, error);
}

gst::ElementRef capsFilter(const char *caps)
{
    gst::ElementRef f = gst::makeElement("capsfilter");
    if (f) {
        gst::CapsRef c(gst_caps_from_string(caps));
        g_object_set(f.get(), "caps", c.get(), nullptr);
    }
    return f;
}

gst::ElementRef level(const char *name)
{
    gst::ElementRef l = gst::makeElement("level", name);
    if (l)
        g_object_set(
            l.get(), "interval", guint64(100 * GST_MSECOND), "post-messages", TRUE, nullptr);
    return l;
}

}  // namespace

EchoProbe::EchoProbe(const void *owner)
    : m_name(QStringLiteral("echo-probe-%1").arg(quintptr(owner), 0, 16)),
      m_probe(gst::makeElement("webrtcechoprobe", m_name.toUtf8().constData()))
{
}

GstElement *addMicrophone(GstElement *pipeline, GstElement *webrtc, const QString &source,
    const EchoProbe *probe, QString *error)
{
    QString why;
    gst::ElementRef src(parseBin(source, &why));
    if (!src) {
        *error = QStringLiteral("The microphone \"%1\" cannot be used: %2").arg(source, why);
        return nullptr;
    }
    gst::ElementRef convert = gst::makeElement("audioconvert");
    gst::ElementRef resample = gst::makeElement("audioresample");
    gst::ElementRef raw = capsFilter(kRaw);
    gst::ElementRef dsp = gst::makeElement("webrtcdsp");
    gst::ElementRef meter = level(kMicrophoneLevel);
    gst::ElementRef encoder = gst::makeElement("opusenc");
    gst::ElementRef pay = gst::makeElement("rtpopuspay");
    gst::ElementRef rtp = capsFilter(kRtpCaps);
    gst::ElementRef valve = gst::makeElement("valve");
    if (dsp) {
        const bool cancel = probe && probe->element();
        g_object_set(dsp.get(), "echo-cancel", gboolean(cancel), "noise-suppression", TRUE,
            "high-pass-filter", TRUE, "gain-control", FALSE, "delay-agnostic", TRUE, nullptr);
        if (cancel)
            g_object_set(dsp.get(), "probe", probe->name().toUtf8().constData(), nullptr);
    }
    if (encoder) {
        gst_util_set_object_arg(G_OBJECT(encoder.get()), "audio-type", "voice");
        g_object_set(encoder.get(), "frame-size", 20, nullptr);
    }
    if (pay)
        g_object_set(pay.get(), "pt", guint(kPayload), nullptr);
    if (valve) {
        g_object_set(valve.get(), "drop", TRUE, nullptr);
        // Caps and segments still pass while closed, so the offer knows the stream.
        gst_util_set_object_arg(G_OBJECT(valve.get()), "drop-mode", "forward-sticky-events");
    }
    if (!addAndLink(pipeline,
            {src.get(), convert.get(), resample.get(), raw.get(), dsp.get(), meter.get(),
                encoder.get(), pay.get(), rtp.get(), valve.get()},
            error))
        return nullptr;
    if (!gst_element_link(valve.get(), webrtc)) {
        *error = QStringLiteral("Could not link the microphone to webrtcbin.");
        return nullptr;
    }
    // A microphone that ends (a file, a device gone) is a silent one: its end of stream must
    // not reach webrtcbin, whose RTP session would then say BYE for every stream it bundles,
    // the video included (measured: the picture stopped when a test's WAV ended).
    gst::PadRef out(gst_element_get_static_pad(valve.get(), "src"));
    gst_pad_add_probe(
        out.get(), GST_PAD_PROBE_TYPE_EVENT_DOWNSTREAM,
        [](GstPad *, GstPadProbeInfo *info, gpointer) {
            return GST_EVENT_TYPE(GST_PAD_PROBE_INFO_EVENT(info)) == GST_EVENT_EOS
                ? GST_PAD_PROBE_DROP
                : GST_PAD_PROBE_OK;
        },
        nullptr, nullptr);
    return valve.get();  // owned by the pipeline
}

QString speakerBin(const QString &sink)
{
    return QStringLiteral("audioconvert ! ")
        + (sink.isEmpty() ? QStringLiteral("fakesink sync=false") : sink);
}

bool addSpeaker(
    GstElement *pipeline, GstPad *pad, const QString &sink, const EchoProbe *probe, QString *error)
{
    QString why;
    gst::ElementRef out(parseBin(speakerBin(sink), &why));
    if (!out) {
        *error = QStringLiteral("The speaker \"%1\" cannot be used: %2").arg(sink, why);
        return false;
    }
    gst::ElementRef depay = gst::makeElement("rtpopusdepay");
    gst::ElementRef decoder = gst::makeElement("opusdec");
    gst::ElementRef convert = gst::makeElement("audioconvert");
    gst::ElementRef resample = gst::makeElement("audioresample");
    gst::ElementRef raw = capsFilter(kRaw);
    gst::ElementRef meter = level(kSpeakerLevel);
    if (decoder)
        g_object_set(decoder.get(), "plc", TRUE, nullptr);
    std::vector<GstElement *> chain{
        depay.get(), decoder.get(), convert.get(), resample.get(), raw.get(), meter.get()};
    if (probe && probe->element())
        chain.push_back(probe->element());
    chain.push_back(out.get());
    if (!addAndLink(pipeline, chain, error))
        return false;
    for (GstElement *e : chain)
        gst_element_sync_state_with_parent(e);
    gst::PadRef in(gst_element_get_static_pad(depay.get(), "sink"));
    if (gst_pad_link(pad, in.get()) != GST_PAD_LINK_OK) {
        *error = QStringLiteral("Could not link the other side's sound to the speaker.");
        return false;
    }
    return true;
}

void setDirection(GstPad *srcIntoWebrtc, GstWebRTCRTPTransceiverDirection direction)
{
    gst::PadRef sinkPad(gst_pad_get_peer(srcIntoWebrtc));
    if (!sinkPad)
        return;
    GstWebRTCRTPTransceiver *t = nullptr;
    g_object_get(sinkPad.get(), "transceiver", &t, nullptr);
    if (t) {
        g_object_set(t, "direction", direction, "do-nack", FALSE, nullptr);
        gst_object_unref(t);
    }
}

}  // namespace audio

namespace {

std::vector<AudioDevice> listDevices(const char *klass, const AudioDevice &fallback)
{
    std::vector<AudioDevice> out{fallback};
    GstDeviceMonitor *monitor = gst_device_monitor_new();
    gst_device_monitor_add_filter(monitor, klass, nullptr);
    GList *devices = gst_device_monitor_get_devices(monitor);
    for (GList *l = devices; l; l = l->next) {
        GstDevice *device = GST_DEVICE(l->data);
        gchar *label = gst_device_get_display_name(device);
        GstElement *element = gst_device_create_element(device, nullptr);
        if (element) {
            // The element's factory and the properties that pick this device, as a
            // description gst_parse understands.
            GstElementFactory *factory = gst_element_get_factory(element);
            QString description = QString::fromUtf8(GST_OBJECT_NAME(factory));
            gchar *dev = nullptr;
            if (g_object_class_find_property(G_OBJECT_GET_CLASS(element), "device")) {
                g_object_get(element, "device", &dev, nullptr);
                if (dev)
                    description += QStringLiteral(" device=\"%1\"").arg(QString::fromUtf8(dev));
                g_free(dev);
            }
            out.push_back(AudioDevice{QString::fromUtf8(label), description});
            gst_object_unref(gst_object_ref_sink(element));
        }
        g_free(label);
    }
    g_list_free_full(devices, gst_object_unref);
    gst_object_unref(monitor);
    return out;
}

}  // namespace

std::vector<AudioDevice> audioInputs()
{
    return listDevices("Audio/Source",
        AudioDevice{QStringLiteral("System default"), QStringLiteral("autoaudiosrc")});
}

std::vector<AudioDevice> audioOutputs()
{
    return listDevices("Audio/Sink",
        AudioDevice{QStringLiteral("System default"), QStringLiteral("autoaudiosink")});
}

}  // namespace rudebot
