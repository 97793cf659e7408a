// Landing the seed firmware exactly on a target, checked against a model of its sweep loop:
//   for (ipos = servo.read(); ipos != newpos; ipos += incr) servo.write(ipos);
#include "core/seed_approach.h"

#include <QTest>

using namespace rudebot;

namespace {
int seedSweep(int from, int sent)
{
    const int incr = sent > from ? 1 : -1;
    int last = from;
    for (int ipos = from; ipos != sent; ipos += incr)
        last = ipos;
    return last;
}
}  // namespace

class TestSeedApproach : public QObject {
    Q_OBJECT
private slots:
    void anyStart_landsExactlyWithinTwoCommands_data();
    void anyStart_landsExactlyWithinTwoCommands();
    void knownStart_landsWithOneCommand();
    void trackedInterval_alwaysHoldsTheRealAngle();
    void seedRange_keepsOneDegreeInside_data();
    void seedRange_keepsOneDegreeInside();
    void sweepDegrees_isTheWorstCase();
};

void TestSeedApproach::anyStart_landsExactlyWithinTwoCommands_data()
{
    QTest::addColumn<int>("target");
    for (int t : {1, 2, 45, 90, 92, 178, 179})
        QTest::addRow("target_%d", t) << t;
}

void TestSeedApproach::anyStart_landsExactlyWithinTwoCommands()
{
    QFETCH(int, target);
    for (int start = 0; start <= 180; ++start) {
        SeedPosition pos;  // unknown: [0, 180]
        int real = start;
        int commands = 0;
        for (int sent; (sent = seedCommandFor(pos, target)) >= 0; ++commands) {
            QVERIFY(sent >= 0 && sent <= 180);
            QVERIFY2(commands < 2, qPrintable(QStringLiteral("start %1").arg(start)));
            real = seedSweep(real, sent);
            pos = seedPositionAfter(pos, sent);
        }
        QCOMPARE(real, target);
        QVERIFY(pos.isKnown());
    }
}

void TestSeedApproach::knownStart_landsWithOneCommand()
{
    for (int from = 1; from <= 179; ++from) {
        for (int target = 1; target <= 179; ++target) {
            const SeedPosition pos{from, from};
            const int sent = seedCommandFor(pos, target);
            if (from == target) {
                QCOMPARE(sent, -1);
                continue;
            }
            QCOMPARE(seedSweep(from, sent), target);
            QCOMPARE(seedPositionAfter(pos, sent), (SeedPosition{target, target}));
        }
    }
}

void TestSeedApproach::trackedInterval_alwaysHoldsTheRealAngle()
{
    for (int lo = 0; lo <= 180; lo += 7) {
        for (int hi = lo; hi <= 180; hi += 11) {
            for (int sent = 0; sent <= 180; sent += 5) {
                const SeedPosition after = seedPositionAfter({lo, hi}, sent);
                for (int real = lo; real <= hi; ++real) {
                    const int end = seedSweep(real, sent);
                    QVERIFY(end >= after.lo && end <= after.hi);
                }
            }
        }
    }
}

void TestSeedApproach::seedRange_keepsOneDegreeInside_data()
{
    QTest::addColumn<int>("min");
    QTest::addColumn<int>("max");
    QTest::addColumn<int>("seedMin");
    QTest::addColumn<int>("seedMax");
    QTest::newRow("full") << 0 << 180 << 1 << 179;
    QTest::newRow("soft_limits") << 40 << 140 << 41 << 139;
    QTest::newRow("two_degrees") << 40 << 41 << 40 << 40;
}

void TestSeedApproach::seedRange_keepsOneDegreeInside()
{
    QFETCH(int, min);
    QFETCH(int, max);
    const ServoRange r = seedRange({min, max});
    QTEST(r.min, "seedMin");
    QTEST(r.max, "seedMax");
}

void TestSeedApproach::sweepDegrees_isTheWorstCase()
{
    QCOMPARE(seedSweepDegrees({0, 180}, 91), 91);
    QCOMPARE(seedSweepDegrees({90, 92}, 89), 3);
    QCOMPARE(seedSweepDegrees({10, 10}, 170), 160);
}

QTEST_APPLESS_MAIN(TestSeedApproach)
#include "tst_seed_approach.moc"
