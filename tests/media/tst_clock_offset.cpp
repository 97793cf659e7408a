// The station's clock against ours from stamped messages: the tightest lower bound of the
// window plus half the fastest round trip, so one message that waited does not skew it.
#include <QtTest>

#include "media/clock_offset.h"

using namespace rudebot;

class TestClockOffset : public QObject {
    Q_OBJECT
private slots:
    void nothingYet_isEmpty()
    {
        ClockOffset c;
        QVERIFY(!c.offsetMs());
        c.addRoundTrip(0, 20);
        QVERIFY(!c.offsetMs());
    }

    // The station's clock is 5,000 ms ahead; the first message waited 400 ms (a busy station),
    // later ones cross in 10-60 ms; the round trip is 20 ms. The estimate is within the
    // fastest crossing, not off by the slow first one.
    void slowFirstMessage_doesNotSkewTheEstimate()
    {
        const qint64 offset = 5000;
        ClockOffset c;
        c.addRoundTrip(0, 20);
        c.addSample(0 + offset, 400);  // sent at local 0, arrived at 400
        QCOMPARE(*c.offsetMs(), offset - 400 + 10);
        const int transit[] = {60, 35, 12, 48, 10, 25};
        qint64 t = 1000;
        for (int d : transit) {
            c.addSample(t + offset, t + d);
            t += 66;
        }
        QVERIFY2(qAbs(*c.offsetMs() - offset) <= 10, qPrintable(QString::number(*c.offsetMs())));
        // Glass to glass for a frame captured 80 ms before local t: about 80.
        QVERIFY(qAbs(*c.stationTime(t) - (t + offset)) <= 10);
    }

    // The clocks drift apart: the bounds of a window ago no longer count.
    void drift_followsWithinTheWindow()
    {
        ClockOffset c(1000);
        c.addSample(5000, 0);  // offset 5,000, instant crossing
        QCOMPARE(*c.offsetMs(), qint64(5000));
        // Later the station's clock is 30 ms behind where it was: new samples say 4,970.
        for (qint64 t = 100; t <= 3000; t += 100)
            c.addSample(t + 4970, t);
        QCOMPARE(*c.offsetMs(), qint64(4970));
    }

    // A quiet spell longer than the window keeps the last bound rather than forgetting.
    void quietSpell_keepsTheLastBound()
    {
        ClockOffset c(1000);
        c.addSample(7000, 0);
        c.addRoundTrip(100000, 30);
        QCOMPARE(*c.offsetMs(), qint64(7015));
    }
};

QTEST_APPLESS_MAIN(TestClockOffset)
#include "tst_clock_offset.moc"
