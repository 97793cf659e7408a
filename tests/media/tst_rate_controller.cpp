// Bandwidth adaptation's decisions, report by report: congestion (loss or a growing queue)
// cuts, random loss below the threshold holds, a clear path ramps back up, not far past what
// the encoder produces, and the picture steps down in size, then rate, and back up with
// headroom; CPU adaptation caps the ladder. No clock, no network.
#include <QTest>

#include "media/rate_controller.h"

using namespace rudebot;

namespace {
RateSettings settings()
{
    RateSettings s;
    s.fullSize = QSize(1280, 720);
    s.fullFps = 30;
    s.minKbps = 150;
    s.maxKbps = 4000;
    s.startKbps = 2000;
    return s;
}
}  // namespace

class TestRateController : public QObject {
    Q_OBJECT
private slots:
    void heavyLossCutsFromWhatWentOut()
    {
        RateController c(settings());
        c.update(PathReport{0, 0.0, 20, 1800});
        const int before = c.target().bitrateKbps;
        c.update(PathReport{1000, 0.30, 20, 1200});
        QVERIFY(c.congested());
        QCOMPARE(c.target().bitrateKbps, int(1200 * 0.75));
        QVERIFY(c.target().bitrateKbps < before);
    }

    void growingQueueCutsBeforeAnyLoss()
    {
        RateController c(settings());
        for (int i = 0; i < 5; ++i)
            c.update(PathReport{i * 250, 0.0, 30, 1900});
        const int before = c.target().bitrateKbps;
        c.update(PathReport{1500, 0.0, 30 + 200, 1900});  // 200 ms above the lowest seen
        QVERIFY(c.congested());
        QVERIFY(c.target().bitrateKbps < before);
    }

    void randomLossBelowThresholdHolds()
    {
        RateController c(settings());
        c.update(PathReport{0, 0.0, 20, 2000});
        const int before = c.target().bitrateKbps;
        for (int i = 1; i <= 20; ++i)
            c.update(PathReport{i * 250, 0.04, 20, 2000});
        QVERIFY(!c.congested());
        QCOMPARE(c.target().bitrateKbps, before);
    }

    void clearPathRampsUpAfterTheHold()
    {
        RateController c(settings());
        c.update(PathReport{0, 0.5, 20, 2000});  // cut to 1500
        const int cut = c.target().bitrateKbps;
        c.update(PathReport{1000, 0.0, 20, 1500});
        QCOMPARE(c.target().bitrateKbps, cut);  // still holding after the cut
        for (int i = 2; i <= 12; ++i)
            c.update(PathReport{i * 1000, 0.0, 20, double(c.target().bitrateKbps)});
        QVERIFY2(
            c.target().bitrateKbps > cut * 2, qPrintable(QString::number(c.target().bitrateKbps)));
        QVERIFY(c.target().bitrateKbps <= 4000);
    }

    void rampStaysNearWhatTheEncoderProduces()
    {
        RateController c(settings());
        for (int i = 0; i <= 60; ++i)
            c.update(PathReport{i * 1000, 0.0, 20, 400});  // a still picture: 400 kbps out
        QVERIFY2(
            c.target().bitrateKbps <= 600, qPrintable(QString::number(c.target().bitrateKbps)));
    }

    void neverBelowTheFloor()
    {
        RateController c(settings());
        for (int i = 0; i < 100; ++i)
            c.update(PathReport{i * 1000, 1.0, -1, 100});
        QCOMPARE(c.target().bitrateKbps, 150);
        QCOMPARE(c.target().fps, 15);  // the last steps also halve the rate
    }

    void ladder_data()
    {
        QTest::addColumn<int>("kbps");
        QTest::addColumn<QSize>("size");
        QTest::addColumn<int>("fps");
        QTest::newRow("plenty") << 3000 << QSize(1280, 720) << 30;
        QTest::newRow("below 720p30's need") << 700 << QSize(960, 540) << 30;
        QTest::newRow("a thin link") << 300 << QSize(640, 360) << 30;
        QTest::newRow("thinner") << 150 << QSize(640, 360) << 15;
    }
    void ladder()
    {
        QFETCH(int, kbps);
        QFETCH(QSize, size);
        QFETCH(int, fps);
        RateController c(settings());
        const EncoderTarget t = c.stepFor(kbps, EncoderTarget{0, QSize(1280, 720), 30});
        QCOMPARE(t.size, size);
        QCOMPARE(t.fps, fps);
        QCOMPARE(t.bitrateKbps, kbps);
    }

    void ladderGoesUpOnlyWithHeadroom()
    {
        RateController c(settings());
        const EncoderTarget small{0, QSize(960, 540), 30};
        // 720p30 needs 829 kbps at 0.03 bits per pixel: 900 is not 30 % above it.
        QCOMPARE(c.stepFor(900, small).size, QSize(960, 540));
        QCOMPARE(c.stepFor(1100, small).size, QSize(1280, 720));
        // Going down needs no headroom.
        QCOMPARE(c.stepFor(800, EncoderTarget{0, QSize(1280, 720), 30}).size, QSize(960, 540));
    }

    void cpuStepCapsTheLadder_data()
    {
        QTest::addColumn<int>("cpuStep");
        QTest::addColumn<int>("kbps");
        QTest::addColumn<QSize>("size");
        QTest::addColumn<int>("fps");
        QTest::addColumn<int>("capWidth");  // of the CPU's rung
        QTest::newRow("no cap, plenty") << 0 << 3000 << QSize(1280, 720) << 30 << 1280;
        QTest::newRow("one rung, plenty") << 1 << 3000 << QSize(960, 540) << 30 << 960;
        QTest::newRow("two rungs") << 2 << 3000 << QSize(640, 360) << 30 << 640;
        // The CPU never takes frame rate: the rungs that halve it are the bitrate's alone.
        QTest::newRow("three rungs: size only") << 3 << 3000 << QSize(640, 360) << 30 << 640;
        QTest::newRow("beyond the last rung") << 99 << 3000 << QSize(640, 360) << 30 << 640;
        // The bitrate may still put the picture below the CPU's rung.
        QTest::newRow("one rung, thin link") << 1 << 300 << QSize(640, 360) << 30 << 960;
        QTest::newRow("two rungs, thinner") << 2 << 150 << QSize(640, 360) << 15 << 640;
    }
    void cpuStepCapsTheLadder()
    {
        QFETCH(int, cpuStep);
        QFETCH(int, kbps);
        QFETCH(QSize, size);
        QFETCH(int, fps);
        QFETCH(int, capWidth);
        RateSettings s = settings();
        s.startKbps = kbps;
        RateController c(s);
        const EncoderTarget t = c.setCpuStep(cpuStep);
        QCOMPARE(t.size, size);
        QCOMPARE(t.fps, fps);
        QVERIFY(c.cpuStep() <= RateController::maxCpuStep());
        // The cap holds through reports of a clear path that raise the bitrate.
        for (int i = 0; i < 40; ++i)
            c.update(PathReport{i * 1000, 0.0, 20, double(c.target().bitrateKbps)});
        QVERIFY(c.target().bitrateKbps > 1500);
        QCOMPARE(c.target().size.width(), capWidth);
        c.setCpuStep(0);
        QVERIFY(c.cpuStep() == 0);
    }
};

QTEST_APPLESS_MAIN(TestRateController)
#include "tst_rate_controller.moc"
