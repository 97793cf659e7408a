#include "media/gst_setup.h"

#include <gst/gst.h>

namespace rudebot {

bool initMedia(QString *error)
{
    GError *err = nullptr;
    if (!gst_init_check(nullptr, nullptr, &err)) {
        if (error)
            *error = QStringLiteral("GStreamer did not start: %1")
                         .arg(QString::fromUtf8(err ? err->message : "?"));
        if (err)
            g_error_free(err);
        return false;
    }
    struct Need {
        const char *element;
        const char *package;
    };
    static const Need needs[] = {
        {"webrtcbin", "gstreamer1.0-plugins-bad"},
        {"nicesrc", "gstreamer1.0-nice"},
        {"dtlssrtpenc", "gstreamer1.0-plugins-bad"},
        {"sctpenc", "gstreamer1.0-plugins-bad"},
        {"x264enc", "gstreamer1.0-plugins-ugly"},
        {"rtph264pay", "gstreamer1.0-plugins-good"},
        {"avdec_h264", "gstreamer1.0-libav"},
        {"opusenc", "gstreamer1.0-plugins-base"},
        {"webrtcdsp", "gstreamer1.0-plugins-bad"},
        {"level", "gstreamer1.0-plugins-good"},
        {"appsrc", "gstreamer1.0-plugins-base"},
        {"videoconvert", "gstreamer1.0-plugins-base"},
    };
    for (const Need &n : needs) {
        GstElementFactory *f = gst_element_factory_find(n.element);
        if (!f) {
            if (error)
                *error = QStringLiteral("The GStreamer element \"%1\" is missing; install %2.")
                             .arg(QLatin1String(n.element), QLatin1String(n.package));
            return false;
        }
        gst_object_unref(f);
    }
    return true;
}

bool linkInOrder(const std::vector<GstElement *> &chain, QString *error)
{
    GstElement *prev = nullptr;
    for (GstElement *e : chain) {
        if (prev && !gst_element_link(prev, e)) {
            *error = QStringLiteral("Could not link %1 to %2.")
                         .arg(QString::fromUtf8(GST_OBJECT_NAME(prev)),
                             QString::fromUtf8(GST_OBJECT_NAME(e)));
            return false;
        }
        prev = e;
    }
    return true;
}

}  // namespace rudebot
