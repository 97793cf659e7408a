// Frames stay fresh when this machine is slow, as in WebRTC's own senders and receivers: a
// stall on the path (the encoder's thread, the decoder's thread)
// leaves no standing queue of old pictures behind it, and an encoder that cannot keep up
// steps the picture down (CPU adaptation) rather than fall behind. A real sender and receiver
// (webrtcbin) on 127.0.0.1, the timecode camera; each stall is 3 s, made with a blocking pad
// probe on the streaming thread.
#include <QSignalSpy>
#include <QTest>
#include <atomic>

#include "media/gst_setup.h"
#include "media/media_receiver.h"
#include "media/webrtc_peer.h"

#include "media/camera_sender.h"
#include "media/media_wire.h"
#include "support/spin_until.h"

using namespace rudebot;

namespace {

const QSize kSize(640, 360);
constexpr int kStallMs = 3000;

MediaSenderSettings senderSettings(bool adapt)
{
    MediaSenderSettings s;
    s.size = kSize;
    s.fps = 15;
    s.bitrateKbps = 800;
    s.adapt = adapt;
    return s;
}

struct Session {
    explicit Session(bool adapt) : station(senderSettings(adapt), 15), receiver({})
    {
        QObject::connect(
            &receiver, &MediaReceiver::frameReady, &receiver, [this](const ReceivedFrame &f) {
                if (const auto code = readTimecode(f.image))
                    painted.emplace_back(monotonicMs(), timecodeAgeMs(*code, monotonicMs()));
            });
    }
    bool start(QString *error)
    {
        if (!receiver.start(error) || !station.sender.start(error))
            return false;
        station.camera.start();
        station.sweep.start();
        return true;
    }
    int paintedSince(qint64 t) const
    {
        return int(std::count_if(
            painted.begin(), painted.end(), [t](const auto &p) { return p.first >= t; }));
    }
    CameraSender station;
    MediaReceiver receiver;
    MediaWire wire{station.sender.peer(), receiver.peer()};
    std::vector<std::pair<qint64, qint64>> painted;  // (when, age), ms
};

GstElement *elementOf(GstElement *webrtcbin, const char *name)
{
    gst::GstRef<GstObject> pipeline(gst_element_get_parent(webrtcbin));
    return pipeline ? gst_bin_get_by_name(GST_BIN(pipeline.get()), name) : nullptr;
}

// Blocks the streaming thread that carries the first buffer after arming, once, for
// kStallMs, or every buffer for `everyMs` (a slow encoder).
struct Stall {
    std::atomic<bool> armed{true};
    std::atomic<qint64> endedAtMs{-1};
    int everyMs = 0;
    static GstPadProbeReturn probe(GstPad *, GstPadProbeInfo *, gpointer data)
    {
        auto *s = static_cast<Stall *>(data);
        if (s->everyMs > 0) {
            g_usleep(gulong(s->everyMs) * 1000);
        } else if (s->armed.exchange(false)) {
            g_usleep(gulong(kStallMs) * 1000);
            s->endedAtMs = monotonicMs();
        }
        return GST_PAD_PROBE_OK;
    }
    gulong attach(GstElement *element)
    {
        gst::PadRef pad(gst_element_get_static_pad(element, "sink"));
        return gst_pad_add_probe(pad.get(), GST_PAD_PROBE_TYPE_BUFFER, probe, this, nullptr);
    }
};

}  // namespace

class TestMediaFreshness : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QString error;
        QVERIFY2(initMedia(&error), qPrintable(error));
    }

    void afterAStall_noOldPicturesArePainted_data()
    {
        QTest::addColumn<QString>("where");
        // The jitter buffer would hold every packet that arrived meanwhile and replay them.
        QTest::newRow("decoder thread") << QStringLiteral("decoder");
        // The camera's queue in front of the encoder keeps the newest frame only.
        QTest::newRow("encoder thread") << QStringLiteral("encoder");
    }
    void afterAStall_noOldPicturesArePainted()
    {
        QFETCH(QString, where);
        Session s(false);
        QString error;
        QVERIFY2(s.start(&error), qPrintable(error));
        QVERIFY2(spinUntil([&] { return s.painted.size() >= 15; }, 60000),
            qPrintable(s.station.sender.peer()->errorString()));

        Stall stall;
        GstElement *webrtc = where == QLatin1String("decoder") ? s.receiver.webrtcbin()
                                                               : s.station.sender.webrtcbin();
        gst::ElementRef element(elementOf(webrtc, where.toUtf8().constData()));
        QVERIFY(element);
        stall.attach(element.get());
        QVERIFY(spinUntil([&] { return stall.endedAtMs >= 0; }, 30000));
        const qint64 endedAtMs = stall.endedAtMs;
        // The picture resumes...
        QVERIFY2(spinUntil([&] { return s.paintedSince(endedAtMs) >= 20; }, 60000),
            qPrintable(QString::number(s.paintedSince(endedAtMs))));
        // ...with fresh frames: a replayed queue would paint the stall's frames, each over
        // half the stall old. At most the frame caught in the stall itself is old.
        int stale = 0;
        qint64 oldest = 0;
        for (const auto &p : s.painted) {
            if (p.first < endedAtMs)
                continue;
            oldest = std::max(oldest, p.second);
            if (p.second > kStallMs / 2)
                ++stale;
        }
        qInfo("%s stalled %d ms: %d frames painted after it, %d of them over %d ms old "
              "(oldest %lld ms)",
            qPrintable(where), kStallMs, s.paintedSince(endedAtMs), stale, kStallMs / 2, oldest);
        QVERIFY2(stale <= 2, qPrintable(QString::number(stale)));
    }

    void slowEncoder_pictureStepsDownInsteadOfFallingBehind()
    {
        Session s(true);
        QString error;
        QVERIFY2(s.start(&error), qPrintable(error));
        QVERIFY2(spinUntil([&] { return s.painted.size() >= 15; }, 60000),
            qPrintable(s.station.sender.peer()->errorString()));
        QCOMPARE(s.station.sender.cpuStep(), 0);
        // Each frame now takes 90 ms to encode at 15 fps (67 ms apart): 135 % of a frame's
        // time, whatever the network could carry.
        Stall slow;
        slow.everyMs = 90;
        gst::ElementRef encoder(elementOf(s.station.sender.webrtcbin(), "encoder"));
        QVERIFY(encoder);
        const gulong probe = slow.attach(encoder.get());
        QVERIFY2(spinUntil([&] { return s.station.sender.cpuStep() >= 1; }, 30000),
            qPrintable(QStringLiteral("usage %1 %").arg(s.station.sender.encoderUsagePercent())));
        const EncoderTarget t = s.station.sender.target();
        QVERIFY(t.size.width() < kSize.width() || t.fps < 15);
        const qint64 steppedAt = monotonicMs();
        QVERIFY(spinUntil([&] { return s.paintedSince(steppedAt) >= 10; }, 60000));
        qInfo("slow encoder: usage %.0f %%, CPU took %d rung(s) off: %dx%d at %d fps",
            s.station.sender.encoderUsagePercent(), s.station.sender.cpuStep(), t.size.width(),
            t.size.height(), t.fps);
        gst::PadRef pad(gst_element_get_static_pad(encoder.get(), "sink"));
        gst_pad_remove_probe(pad.get(), probe);
    }
};

QTEST_MAIN(TestMediaFreshness)
#include "tst_media_freshness.moc"
