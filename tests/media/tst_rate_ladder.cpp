// The rate controller's ladder, on a fake clock: the picture steps down in size, then rate, as
// the bitrate falls, and back up only with headroom; CPU adaptation caps the ladder (size
// only), and the bitrate may still put the picture below the CPU's rung. No network.
#include <QTest>

#include "media/rate_controller.h"
#include "rate_settings.h"

using namespace rudebot;

namespace {

RateSettings settings()
{
    return rudebot::test::rateSettings();
}

}  // namespace

class TestRateLadder : public QObject {
    Q_OBJECT
private slots:
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

QTEST_APPLESS_MAIN(TestRateLadder)
#include "tst_rate_ladder.moc"
