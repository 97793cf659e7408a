// CPU adaptation's decisions (cpu_overuse.h), frame by frame: processing that takes most of the
// frame interval for long enough steps down, one slow frame does not, frames dropped in front
// of the encoder count as overuse, a light load held for long enough steps back up, and a
// change is left to settle. No clock, no pipeline.
#include <QTest>

#include "media/cpu_overuse.h"

using namespace rudebot;

namespace {

constexpr double kInterval = 1000.0 / 30;

// Feeds frames of `processingMs` every frame interval from `fromMs` for `forMs`; evaluates
// after each and returns the first verdict other than Hold (or Hold).
CpuOveruseDetector::Verdict feed(
    CpuOveruseDetector &d, qint64 fromMs, qint64 forMs, double processingMs, qint64 *atMs = nullptr)
{
    for (double t = double(fromMs); t < double(fromMs + forMs); t += kInterval) {
        d.frameEncoded(qint64(t), processingMs, kInterval);
        const auto v = d.evaluate(qint64(t));
        if (v != CpuOveruseDetector::Verdict::Hold) {
            if (atMs)
                *atMs = qint64(t);
            return v;
        }
    }
    return CpuOveruseDetector::Verdict::Hold;
}

}  // namespace

class TestCpuOveruse : public QObject {
    Q_OBJECT
private slots:
    void sustainedOveruseStepsDown()
    {
        CpuOveruseDetector d;
        QCOMPARE(feed(d, 0, 3000, 10), CpuOveruseDetector::Verdict::Hold);  // 30 %: fine
        qint64 at = -1;
        QCOMPARE(feed(d, 3000, 5000, 32, &at), CpuOveruseDetector::Verdict::StepDown);  // 96 %
        // Not at once: the smoothed usage must cross the line and stay there.
        QVERIFY2(at >= 3000 + 1500, qPrintable(QString::number(at)));
        QVERIFY(d.usagePercent() < 0);  // judged afresh at the new size
    }

    void oneSlowFrameIsNotOveruse()
    {
        CpuOveruseDetector d;
        feed(d, 0, 2000, 8);
        d.frameEncoded(2000, 400, kInterval);  // a page-fault storm, a keyframe
        QCOMPARE(feed(d, 2034, 6000, 8), CpuOveruseDetector::Verdict::Hold);
    }

    void framesDroppedBeforeTheEncoderAreOveruse()
    {
        CpuOveruseDetector d;
        // The frames that reach the encoder are quick, but every other one never got there.
        CpuOveruseDetector::Verdict v = CpuOveruseDetector::Verdict::Hold;
        for (int i = 0; i < 150 && v == CpuOveruseDetector::Verdict::Hold; ++i) {
            const qint64 t = qint64(i * kInterval);
            if (i % 2)
                d.frameDropped(t);
            else
                d.frameEncoded(t, 10, kInterval);
            v = d.evaluate(t);
        }
        QCOMPARE(v, CpuOveruseDetector::Verdict::StepDown);
        QVERIFY(d.dropPercent() == 0);  // reset for the new size
    }

    void sustainedUnderuseStepsUpAfterTheHold()
    {
        CpuOveruseDetector d;
        qint64 down = -1;
        QCOMPARE(feed(d, 0, 5000, 40, &down), CpuOveruseDetector::Verdict::StepDown);
        qint64 up = -1;
        QCOMPARE(feed(d, down + 1, 20000, 5, &up), CpuOveruseDetector::Verdict::StepUp);
        CpuOveruseSettings s;
        QVERIFY2(up - down >= s.underuseForMs, qPrintable(QString::number(up - down)));
    }

    void middlingLoadHolds()
    {
        CpuOveruseDetector d;
        QCOMPARE(feed(d, 0, 30000, 20), CpuOveruseDetector::Verdict::Hold);  // 60 %
        QVERIFY(qAbs(d.usagePercent() - 60) < 1);
    }

    void aChangeSettlesBeforeTheNext()
    {
        CpuOveruseDetector d;
        qint64 first = -1;
        QCOMPARE(feed(d, 0, 5000, 40, &first), CpuOveruseDetector::Verdict::StepDown);
        qint64 second = -1;
        QCOMPARE(feed(d, first + 1, 10000, 40, &second), CpuOveruseDetector::Verdict::StepDown);
        CpuOveruseSettings s;
        QVERIFY2(
            second - first >= s.holdAfterChangeMs, qPrintable(QString::number(second - first)));
    }
};

QTEST_APPLESS_MAIN(TestCpuOveruse)
#include "tst_cpu_overuse.moc"
