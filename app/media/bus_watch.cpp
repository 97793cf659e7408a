#include "media/bus_watch.h"

#include <algorithm>

namespace rudebot {

BusWatch::BusWatch(GstElement *pipeline, QObject *parent)
    : QObject(parent), m_bus(gst_element_get_bus(pipeline))
{
    m_watch = gst_bus_add_watch(m_bus.get(), onMessage, this);
}

BusWatch::~BusWatch()
{
    if (m_watch)
        g_source_remove(m_watch);
}

gboolean BusWatch::onMessage(GstBus *, GstMessage *message, gpointer self)
{
    auto *watch = static_cast<BusWatch *>(self);
    switch (GST_MESSAGE_TYPE(message)) {
    case GST_MESSAGE_ERROR: {
        GError *err = nullptr;
        gchar *debug = nullptr;
        gst_message_parse_error(message, &err, &debug);
        const QString text = QStringLiteral("%1: %2").arg(
            QString::fromUtf8(GST_OBJECT_NAME(GST_MESSAGE_SRC(message))),
            QString::fromUtf8(err ? err->message : "unknown error"));
        if (err)
            g_error_free(err);
        g_free(debug);
        emit watch->error(text);
        break;
    }
    case GST_MESSAGE_EOS: emit watch->endOfStream(); break;
    case GST_MESSAGE_ELEMENT: {
        const GstStructure *s = gst_message_get_structure(message);
        if (!s || !gst_structure_has_name(s, "level"))
            break;
        const GValue *rms = gst_structure_get_value(s, "rms");
        if (!rms)
            break;
        // A GValueArray (GStreamer 1.22 still posts the deprecated type) of one value per
        // channel.
        G_GNUC_BEGIN_IGNORE_DEPRECATIONS
        const auto *values = static_cast<const GValueArray *>(g_value_get_boxed(rms));
        double loudest = -200;
        for (guint i = 0; values && i < values->n_values; ++i)
            loudest = std::max(loudest,
                g_value_get_double(g_value_array_get_nth(const_cast<GValueArray *>(values), i)));
        G_GNUC_END_IGNORE_DEPRECATIONS
        emit watch->levelMeasured(
            QString::fromUtf8(GST_OBJECT_NAME(GST_MESSAGE_SRC(message))), loudest);
        break;
    }
    default: break;
    }
    return G_SOURCE_CONTINUE;
}

}  // namespace rudebot
