// SIGTERM and SIGINT end the event loop through QuitOnSignal: the handler only writes to a pipe,
// so it is safe whenever the signal comes, including before the loop runs (where a handler
// calling QCoreApplication::quit() would do nothing and the signal would be lost).
#include <QtTest>

#include <csignal>

#include "process/quit_on_signal.h"

using namespace rudebot;

class TestQuitOnSignal : public QObject {
    Q_OBJECT
private slots:
    void signalBeforeTheLoop_stillEndsIt_data();
    void signalBeforeTheLoop_stillEndsIt();
    void afterDestruction_theDefaultActionIsBack();
};

void TestQuitOnSignal::signalBeforeTheLoop_stillEndsIt_data()
{
    QTest::addColumn<int>("signal");
    QTest::newRow("SIGTERM") << int(SIGTERM);
    QTest::newRow("SIGINT") << int(SIGINT);
}

void TestQuitOnSignal::signalBeforeTheLoop_stillEndsIt()
{
    QFETCH(int, signal);
    QuitOnSignal quit;
    QString error;
    QVERIFY2(quit.install(&error), qPrintable(error));
    QSignalSpy signalled(&quit, &QuitOnSignal::signalled);
    QCOMPARE(::raise(signal), 0);  // the process goes on: the handler only wrote a byte
    // If the signal were lost the loop would run until this timer: exit code 2, not 0.
    QTimer ceiling;
    ceiling.setSingleShot(true);
    connect(&ceiling, &QTimer::timeout, [] { QCoreApplication::exit(2); });
    ceiling.start(60000);
    QCOMPARE(QCoreApplication::exec(), 0);
    QCOMPARE(signalled.count(), 1);
    QCOMPARE(signalled.at(0).at(0).toInt(), signal);
}

void TestQuitOnSignal::afterDestruction_theDefaultActionIsBack()
{
    {
        QuitOnSignal quit;
        QString error;
        QVERIFY2(quit.install(&error), qPrintable(error));
        struct sigaction now = {};
        QCOMPARE(::sigaction(SIGTERM, nullptr, &now), 0);
        QVERIFY(now.sa_handler != SIG_DFL);
    }
    struct sigaction after = {};
    QCOMPARE(::sigaction(SIGTERM, nullptr, &after), 0);
    QVERIFY(after.sa_handler == SIG_DFL);
}

QTEST_GUILESS_MAIN(TestQuitOnSignal)
#include "tst_quit_on_signal.moc"
