// The rig conversation's lifecycle, table-driven on a test clock with no event loop
// (rig_bench.h): firmware detection, the boot wait, the probe window, reset detection (an
// unasked ready line), the speed re-sent after a reset, timeouts and the reconnect after N of
// them, an unplugged cable.
#include "rig_bench.h"

#include <QTest>
#include <algorithm>

using namespace rudebot;
using Conv = RigConversation;
using Kind = RigBench::Kind;

class TestRigClientLifecycle : public QObject {
    Q_OBJECT
private slots:
    void detection_data();
    void detection();
    void targetSetBeforeTheBoardBoots_isNotLost_data();
    void targetSetBeforeTheBoardBoots_isNotLost();
    void boardReset_isDetected_andTheLastTargetResent();
    void speed_isSetAgainAfterEveryReset_beforeTheTarget();
    void silentBoard_timesOutWithAClearError_thenReconnects_data();
    void silentBoard_timesOutWithAClearError_thenReconnects();
    void nothingAnswers_probesOneAtATimeForTheWindow_thenReportsNoBoard();
    void unpluggedCable_reconnects_andReachesTheLastTarget();
};

void TestRigClientLifecycle::detection_data()
{
    QTest::addColumn<bool>("seed");
    QTest::addColumn<bool>("resetOnOpen");
    QTest::addColumn<int>("firmware");
    QTest::addColumn<QString>("version");
    QTest::addColumn<QList<QByteArray>>("linesSent");
    QTest::addColumn<int>("actual");
    // The ready line says it all: no probe.
    QTest::newRow("ours_ready_line") << false << true << int(Conv::Firmware::Rudebot)
                                     << QStringLiteral("1.0.0") << QList<QByteArray>{} << 90;
    // A bridge that keeps the port open: no reset, no ready line; the probe finds it.
    QTest::newRow("ours_silent_boot") << false << false << int(Conv::Firmware::Rudebot) << QString()
                                      << QList<QByteArray>{"?"} << 90;
    // The seed answers "?" with "Error: Bad input", and never says where it is.
    QTest::newRow("seed_bad_input")
        << true << true << int(Conv::Firmware::Seed) << QString() << QList<QByteArray>{"?"} << -1;
}

void TestRigClientLifecycle::detection()
{
    QFETCH(bool, seed);
    QFETCH(bool, resetOnOpen);
    QFETCH(int, firmware);
    QFETCH(QString, version);
    QFETCH(QList<QByteArray>, linesSent);
    QFETCH(int, actual);
    BenchOptions bench;
    bench.resetOnOpen = resetOnOpen;
    RigBench b(RigBench::makeBoard(seed), RigBench::defaultOptions(), bench);
    b.start();
    QVERIFY(b.waitReady());
    QCOMPARE(b.count(Kind::FirmwareDetected), 1);
    QCOMPARE(int(b.eventsOf(Kind::FirmwareDetected).at(0).firmware), firmware);
    QCOMPARE(b.eventsOf(Kind::FirmwareDetected).at(0).text, version);
    QCOMPARE(b.linesSent(), linesSent);
    QCOMPARE(b.board->lines(), linesSent);
    QCOMPARE(b.conv.actualServoDeg(), actual);
    // Our firmware's ready line comes at once; otherwise the boot wait passes before the probe.
    QCOMPARE(b.now >= RigBench::defaultOptions().bootWaitMs, !linesSent.isEmpty());
}

void TestRigClientLifecycle::targetSetBeforeTheBoardBoots_isNotLost_data()
{
    QTest::addColumn<bool>("seed");
    QTest::addColumn<int>("bootMs");
    QTest::newRow("ours_fast_boot") << false << 0;
    QTest::newRow("ours_slow_boot") << false << 3000;  // longer than the boot wait: probes lost
    QTest::newRow("seed_slow_boot") << true << 3000;
}

void TestRigClientLifecycle::targetSetBeforeTheBoardBoots_isNotLost()
{
    QFETCH(bool, seed);
    QFETCH(int, bootMs);
    RigBench b(RigBench::makeBoard(seed, bootMs), RigBench::defaultOptions());
    b.setTarget(120);
    b.start();
    QVERIFY(b.runUntil([&] { return b.count(Kind::Arrived) > 0; }));
    QCOMPARE(b.eventsOf(Kind::Arrived).at(0).servoDeg, 120);
    QCOMPARE(b.board->angle(), 120);
    QCOMPARE(b.conv.actualServoDeg(), 120);
    QVERIFY(b.board->discardedBytes() > 0 || bootMs == 0);  // the lost probes were real
}

void TestRigClientLifecycle::boardReset_isDetected_andTheLastTargetResent()
{
    RigBench b(RigBench::ours(), RigBench::defaultOptions());
    b.start();
    QVERIFY(b.waitReady());
    b.setTarget(30);
    QVERIFY(b.waitAtTarget());
    const qsizetype before = b.events.size();
    b.resetBoard();  // a brown-out: back at 90, ready line, target forgotten
    QVERIFY(b.runUntil([&] { return b.count(Kind::BoardReset) == 1; }));
    const auto after = b.events.mid(before);
    const auto firstActual = std::find_if(after.begin(), after.end(),
        [](const RigBench::Event &e) { return e.kind == Kind::ActualAngleChanged; });
    QVERIFY(firstActual != after.end());
    QCOMPARE(firstActual->servoDeg, 90);
    QVERIFY(b.waitAtTarget());
    QCOMPARE(b.board->angle(), 30);
    QCOMPARE(b.conv.stats().resets, 1);
    QCOMPARE(b.linesSent().count("30"), 2);
}

void TestRigClientLifecycle::speed_isSetAgainAfterEveryReset_beforeTheTarget()
{
    RigBench b(RigBench::ours(), RigBench::defaultOptions());
    b.setSpeed(12);
    b.start();
    QVERIFY(b.waitReady());
    QVERIFY(b.runUntil([&] { return b.board->speed() == 12; }));
    b.setTarget(30);
    QVERIFY(b.waitAtTarget());
    b.resetBoard();  // the board forgets its speed with everything else
    QVERIFY(b.runUntil([&] { return b.count(Kind::BoardReset) == 1; }));
    QCOMPARE(b.board->speed(), FirmwareBoard::kDefaultSpeed);
    QVERIFY(b.waitAtTarget());
    QCOMPARE(b.board->angle(), 30);
    QCOMPARE(b.board->speed(), 12);
    // After the reset the speed went first, then the target: the sweep back ran at the speed.
    const QList<QByteArray> lines = b.board->lines();
    const qsizetype second = lines.lastIndexOf("S12");
    QVERIFY(second > lines.indexOf("S12"));
    QCOMPARE(lines.value(second + 1), QByteArray("30"));
    QCOMPARE(b.board->errorsSent(), 0);
}

void TestRigClientLifecycle::silentBoard_timesOutWithAClearError_thenReconnects_data()
{
    QTest::addColumn<int>("timeoutsBeforeReconnect");
    QTest::newRow("after_one") << 1;
    QTest::newRow("after_two") << 2;
    QTest::newRow("after_three") << 3;
}

void TestRigClientLifecycle::silentBoard_timesOutWithAClearError_thenReconnects()
{
    QFETCH(int, timeoutsBeforeReconnect);
    Conv::Options options;
    options.timeoutsBeforeReconnect = timeoutsBeforeReconnect;
    RigBench b(RigBench::ours(), options);
    b.start();
    QVERIFY(b.waitReady());
    b.board->setMute(true);
    b.setTarget(10);
    QVERIFY(b.runUntil([&] { return b.count(Kind::CloseLink) == 1; }));
    const auto errors = b.eventsOf(Kind::Error);
    QCOMPARE(int(errors.size()), timeoutsBeforeReconnect);
    for (int i = 0; i < timeoutsBeforeReconnect; ++i) {
        QCOMPARE(errors.at(i).error, Conv::Error::Timeout);
        QVERIFY2(errors.at(i).text.contains(QLatin1String("did not answer")),
            qPrintable(errors.at(i).text));
        const bool last = i == timeoutsBeforeReconnect - 1;
        QCOMPARE(errors.at(i).text.contains(QLatin1String("Reconnecting")), last);
    }
    QVERIFY(errors.at(0).text.contains(QLatin1String("did not answer '10'")));
    // Exactly one timeout per reply timeout: the client waited for each line.
    QVERIFY(b.now >= timeoutsBeforeReconnect * options.replyTimeoutMs);
    QCOMPARE(b.conv.stats().timeouts, timeoutsBeforeReconnect);
    // The link is reopened; the board answers again and the target gets there.
    b.board->setMute(false);
    QVERIFY(b.waitAtTarget());
    QCOMPARE(b.board->angle(), 10);
    bool connecting = false;
    for (const auto &e : b.eventsOf(Kind::StateChanged))
        connecting |= e.state == Conv::State::Connecting;
    QVERIFY(connecting);
}

void TestRigClientLifecycle::nothingAnswers_probesOneAtATimeForTheWindow_thenReportsNoBoard()
{
    Conv::Options options;
    RigBench b(RigBench::ours(), options);
    b.board->setMute(true);
    b.start();
    QVERIFY(b.runUntil([&] { return b.count(Kind::Error) > 0; }));
    const auto error = b.eventsOf(Kind::Error).at(0);
    QCOMPARE(error.error, Conv::Error::NoBoard);
    QVERIFY(error.text.contains(QLatin1String("No Rudebot board answers on bench")));
    QCOMPARE(b.count(Kind::CloseLink), 1);
    // Boot wait, then one "?" per reply timeout until the probe window has passed.
    const int probes = options.probeWindowMs / options.replyTimeoutMs;
    QCOMPARE(b.linesSent(), QList<QByteArray>(probes, "?"));
    QCOMPARE(b.now, qint64(options.bootWaitMs + probes * options.replyTimeoutMs));
}

void TestRigClientLifecycle::unpluggedCable_reconnects_andReachesTheLastTarget()
{
    RigBench b(RigBench::ours(), RigBench::defaultOptions());
    b.start();
    QVERIFY(b.waitReady());
    b.setPluggedIn(false);
    QCOMPARE(b.conv.state(), Conv::State::Connecting);
    QCOMPARE(b.eventsOf(Kind::Error).at(0).error, Conv::Error::LinkFailed);
    b.setTarget(140);  // while unplugged
    QVERIFY(b.runUntil([&] { return b.count(Kind::Error) >= 3; }));  // failed reopens, reported
    QVERIFY(b.board->lines().isEmpty());
    b.setPluggedIn(true);
    QVERIFY(b.waitAtTarget());
    QCOMPARE(b.board->angle(), 140);
}

QTEST_GUILESS_MAIN(TestRigClientLifecycle)
#include "tst_rig_client_lifecycle.moc"
