#include "media/bus_watch.h"

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
    default: break;
    }
    return G_SOURCE_CONTINUE;
}

}  // namespace rudebot
