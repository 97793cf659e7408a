// The sender's encoder emits each frame before the next one comes: fed one 720p frame at a
// time, each frame's encoded picture leaves the encoder on its own. Frame threads or a
// "variable" frame rate in the caps make x264 hold frames back (a frame interval or more of
// delay per thread on the video path), and this test then waits in vain.
#include <QtTest>

#include "media/gst_setup.h"
#include "media/h264_encoder.h"

#include <QImage>
#include <gst/app/gstappsink.h>
#include <gst/app/gstappsrc.h>

using namespace rudebot;

namespace {

// A picture that changes every frame, so the encoder has real work (and P-frames real bits).
QImage frameNumber(int n)
{
    QImage image(1280, 720, QImage::Format_RGB32);
    for (int y = 0; y < image.height(); ++y) {
        auto *line = reinterpret_cast<quint32 *>(image.scanLine(y));
        for (int x = 0; x < image.width(); ++x)
            line[x] = quint32(((x + 7 * n) ^ (y * 3 + n)) * 2654435761u);
    }
    return image;
}

}  // namespace

class TestH264Encoder : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QString error;
        QVERIFY2(initMedia(&error), qPrintable(error));
    }

    void eachFrameLeavesBeforeTheNextArrives()
    {
        const int fps = 30;
        gst::ElementRef pipeline(
            static_cast<GstElement *>(gst_object_ref_sink(gst_pipeline_new("encoder-test"))));
        gst::ElementRef src = gst::makeElement("appsrc");
        gst::ElementRef convert = gst::makeElement("videoconvert");
        gst::ElementRef encoder = makeH264Encoder(2000, fps);
        gst::ElementRef sink = gst::makeElement("appsink");
        QVERIFY(src && convert && encoder && sink);
        for (const gst::ElementRef *e : {&src, &convert, &encoder, &sink})
            gst_bin_add(GST_BIN(pipeline.get()), GST_ELEMENT(gst_object_ref(e->get())));
        gst::CapsRef caps(gst_caps_from_string(
            rawFrameCaps(QSize(1280, 720), fps).toUtf8().constData()));
        g_object_set(src.get(), "caps", caps.get(), "is-live", TRUE, "format", GST_FORMAT_TIME,
            nullptr);
        g_object_set(sink.get(), "sync", FALSE, nullptr);
        QString error;
        QVERIFY2(linkInOrder({src.get(), convert.get(), encoder.get(), sink.get()}, &error),
            qPrintable(error));
        QVERIFY(gst_element_set_state(pipeline.get(), GST_STATE_PLAYING)
            != GST_STATE_CHANGE_FAILURE);

        for (int n = 0; n < 12; ++n) {
            auto *held = new QImage(frameNumber(n));
            GstBuffer *buffer = gst_buffer_new_wrapped_full(GST_MEMORY_FLAG_READONLY,
                held->bits(), size_t(held->sizeInBytes()), 0, size_t(held->sizeInBytes()), held,
                [](gpointer p) { delete static_cast<QImage *>(p); });
            GST_BUFFER_PTS(buffer) = GstClockTime(n) * GST_SECOND / fps;
            GST_BUFFER_DURATION(buffer) = GST_SECOND / fps;
            QCOMPARE(gst_app_src_push_buffer(GST_APP_SRC(src.get()), buffer), GST_FLOW_OK);
            // Generous: a busy two-core machine encodes a 720p frame in well under a second.
            gst::SampleRef sample(
                gst_app_sink_try_pull_sample(GST_APP_SINK(sink.get()), 5 * GST_SECOND));
            QVERIFY2(sample, qPrintable(QStringLiteral("frame %1 was held in the encoder").arg(n)));
            QVERIFY(gst_buffer_get_size(gst_sample_get_buffer(sample.get())) > 0);
        }
        gst_element_set_state(pipeline.get(), GST_STATE_NULL);
    }
};

QTEST_GUILESS_MAIN(TestH264Encoder)
#include "tst_h264_encoder.moc"
