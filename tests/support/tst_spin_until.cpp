// spinUntil sleeps while it waits: it asks its predicate again when an event came or its
// wake-up timer fired, not thousands of times a second (a busy loop takes a core from the
// real parts every integration test and benchmark runs beside it).
#include <QtTest>

#include "spin_until.h"

class TestSpinUntil : public QObject {
    Q_OBJECT
private slots:
    void waitingForNothing_asksRarely()
    {
        int asked = 0;
        QElapsedTimer t;
        t.start();
        QVERIFY(!spinUntil([&] { return ++asked < 0; }, 400));
        QVERIFY(t.elapsed() >= 400);
        // 400 ms at one wake-up per 20 ms is ~20; a busy loop asks tens of thousands of times.
        QVERIFY2(asked < 200, qPrintable(QString::number(asked)));
    }

    void anEvent_endsTheWaitAtOnce()
    {
        bool fired = false;
        QTimer::singleShot(50, [&] { fired = true; });
        QElapsedTimer t;
        t.start();
        QVERIFY(spinUntil([&] { return fired; }, 10000));
        QVERIFY2(t.elapsed() < 5000, qPrintable(QString::number(t.elapsed())));
    }

    void stateNoEventAnnounces_isStillSeen()
    {
        QElapsedTimer t;
        t.start();
        QVERIFY(spinUntil([&] { return t.elapsed() >= 100; }, 10000));
    }
};

QTEST_GUILESS_MAIN(TestSpinUntil)
#include "tst_spin_until.moc"
