// The sender's pacer (pacer.h): its schedule on a fake clock, then a real queue whose packets,
// handed over in one burst, leave spread at 2.5 times the target rate.
#include <QtTest>

#include "media/gst_handle.h"
#include "media/gst_setup.h"
#include "media/pacer.h"

#include <gst/app/gstappsink.h>
#include <gst/app/gstappsrc.h>
#include <mutex>
#include <vector>

using namespace rudebot;

namespace {

constexpr qint64 kMs = 1'000'000;  // ns
// 1200 bytes at 2.5 x 1000 kbit/s: 3.84 ms apart.
constexpr qint64 kSpacingNs = 1200 * 8 * 1'000'000'000LL / 2'500'000;

}  // namespace

class TestPacer : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QString error;
        QVERIFY2(initMedia(&error), qPrintable(error));
    }

    void burstIsSpreadAtTheFactorTimesTheTarget()
    {
        PacingSchedule s(2.5);
        s.setTargetKbps(1000);
        const qint64 t0 = 1000 * kMs;
        for (int i = 0; i < 8; ++i)
            QCOMPARE(s.sendAt(t0, 1200), t0 + i * kSpacingNs);
    }

    void idleBuildsNoCredit()
    {
        PacingSchedule s(2.5);
        s.setTargetKbps(1000);
        s.sendAt(0, 1200);
        // A second later: the next packet leaves at once, and the one after it is paced again.
        QCOMPARE(s.sendAt(1000 * kMs, 1200), 1000 * kMs);
        QCOMPARE(s.sendAt(1000 * kMs, 1200), 1000 * kMs + kSpacingNs);
    }

    void noPacketWaitsMoreThanTheMaximum()
    {
        PacingSchedule s(2.5, 40 * kMs);
        s.setTargetKbps(1000);
        qint64 last = 0;
        for (int i = 0; i < 100; ++i)
            last = s.sendAt(0, 1200);  // a keyframe far over the target
        QCOMPARE(last, 40 * kMs);
    }

    void rateFollowsTheTarget()
    {
        PacingSchedule s(2.5);
        s.setTargetKbps(2000);
        s.sendAt(0, 1200);
        QCOMPARE(s.sendAt(0, 1200), kSpacingNs / 2);
    }

    // A real queue, paced: 20 packets and one list of 5, pushed at once, leave at the schedule's
    // times (a loaded machine only makes them later, so only the lower bound is checked). At
    // 4000 kbit/s the burst's 30 KB take 24 ms, inside the 40 ms a packet may wait at most.
    void queueReleasesABurstSpreadOut()
    {
        gst::ElementRef pipeline(
            static_cast<GstElement *>(gst_object_ref_sink(gst_pipeline_new("pacer-test"))));
        gst::ElementRef src = gst::makeElement("appsrc");
        gst::ElementRef queue = gst::makeElement("queue");
        gst::ElementRef sink = gst::makeElement("appsink");
        QVERIFY(src && queue && sink);
        for (const gst::ElementRef *e : {&src, &queue, &sink})
            gst_bin_add(GST_BIN(pipeline.get()), GST_ELEMENT(gst_object_ref(e->get())));
        gst::CapsRef caps(gst_caps_from_string("application/x-rtp"));
        g_object_set(src.get(), "caps", caps.get(), "format", GST_FORMAT_TIME, nullptr);
        g_object_set(sink.get(), "sync", FALSE, nullptr);
        QString error;
        QVERIFY2(linkInOrder({src.get(), queue.get(), sink.get()}, &error), qPrintable(error));
        Pacer pacer(2.5);
        pacer.setTargetKbps(4000);
        pacer.attach(queue.get());

        struct Arrivals {
            std::mutex mutex;
            std::vector<qint64> atUs;
        } arrivals;
        GstAppSinkCallbacks callbacks{};
        callbacks.new_sample = [](GstAppSink *s, gpointer data) {
            auto *a = static_cast<Arrivals *>(data);
            gst::SampleRef sample(gst_app_sink_pull_sample(s));
            std::lock_guard<std::mutex> lock(a->mutex);
            a->atUs.push_back(g_get_monotonic_time());
            return GST_FLOW_OK;
        };
        gst_app_sink_set_callbacks(GST_APP_SINK(sink.get()), &callbacks, &arrivals, nullptr);
        QVERIFY(gst_element_set_state(pipeline.get(), GST_STATE_PLAYING)
            != GST_STATE_CHANGE_FAILURE);

        // Each packet's time is set when it enters, from then on: measured from before the
        // first push, a late thread (a loaded machine) only makes a packet later.
        const qint64 pushedUs = g_get_monotonic_time();
        GstBufferList *list = gst_buffer_list_new();
        for (int i = 0; i < 5; ++i)
            gst_buffer_list_add(list, gst_buffer_new_allocate(nullptr, 1200, nullptr));
        QCOMPARE(gst_app_src_push_buffer_list(GST_APP_SRC(src.get()), list), GST_FLOW_OK);
        for (int i = 0; i < 20; ++i) {
            GstBuffer *b = gst_buffer_new_allocate(nullptr, 1200, nullptr);
            GST_BUFFER_PTS(b) = 0;
            QCOMPARE(gst_app_src_push_buffer(GST_APP_SRC(src.get()), b), GST_FLOW_OK);
        }
        const auto count = [&] {
            std::lock_guard<std::mutex> lock(arrivals.mutex);
            return arrivals.atUs.size();
        };
        QTRY_COMPARE_WITH_TIMEOUT(count(), size_t(25), 20000);
        gst_element_set_state(pipeline.get(), GST_STATE_NULL);

        // The list's five packets count as one piece of 6000 bytes: the first single packet
        // waits for it (4.8 ms), and each next one for the one before it (0.96 ms).
        const qint64 spacingUs = kSpacingNs / 4 / 1000;
        const qint64 firstSingle = arrivals.atUs[5] - pushedUs;
        QVERIFY2(firstSingle >= 5 * spacingUs,
            qPrintable(QStringLiteral("%1 us after the list").arg(firstSingle)));
        const qint64 last = arrivals.atUs[24] - pushedUs;
        QVERIFY2(last >= 24 * spacingUs,
            qPrintable(QStringLiteral("25 packets within %1 us; paced, the last leaves at %2 us")
                           .arg(last)
                           .arg(24 * spacingUs)));
        QVERIFY(pacer.waitedMs() > 0);
    }
};

QTEST_GUILESS_MAIN(TestPacer)
#include "tst_pacer.moc"
