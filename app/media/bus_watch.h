// A pipeline's bus, watched from Qt's event loop: on Linux Qt dispatches the default GLib main
// context, so a bus watch added there runs on the GUI thread with no thread of our own.
#pragma once
#include <QObject>
#include <QString>

#include "media/gst_handle.h"

namespace rudebot {

class BusWatch : public QObject {
    Q_OBJECT
public:
    explicit BusWatch(GstElement *pipeline, QObject *parent = nullptr);
    ~BusWatch() override;

signals:
    void error(const QString &message);  // the element's name and GStreamer's text
    void endOfStream();
    // A level element's reading: its name, and the loudest channel's RMS in dBFS (0 = full
    // scale, about -100 for digital silence).
    void levelMeasured(const QString &element, double rmsDb);

private:
    static gboolean onMessage(GstBus *bus, GstMessage *message, gpointer self);
    gst::BusRef m_bus;
    guint m_watch = 0;
};

}  // namespace rudebot
