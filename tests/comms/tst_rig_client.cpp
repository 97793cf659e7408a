// The rig conversation's motion, table-driven on a test clock with no event loop (rig_bench.h),
// against our real firmware core or a model of the seed: latest target wins, one command in
// flight, seed compensation (lands exactly), limits, logical targets, raw lines answered in
// order and queued behind targets, stop. Connection lifecycle: tst_rig_client_lifecycle.cpp;
// the QObject adapter: tst_rig_client_adapter.cpp.
#include "rig_bench.h"

#include <QTest>
#include <algorithm>

using namespace rudebot;
using Conv = RigConversation;
using Kind = RigBench::Kind;

class TestRigClient : public QObject {
    Q_OBJECT
private slots:
    void dragFlood_sendsOnlyTheLatestTarget_oneLineInFlight_data();
    void dragFlood_sendsOnlyTheLatestTarget_oneLineInFlight();
    void seed_landsExactlyOnTheTarget_despiteStoppingOneShort_data();
    void seed_landsExactlyOnTheTarget_despiteStoppingOneShort();
    void seed_targetAtServoEnd_staysOneDegreeInside();
    void speed_isNeverSentToTheSeed();
    void calibratedLimits_areNeverExceeded_data();
    void calibratedLimits_areNeverExceeded();
    void logicalTarget_usesTheCalibration_data();
    void logicalTarget_usesTheCalibration();
    void rawLines_areAnsweredInOrder_andAnglesBecomeTheTarget();
    void rawLines_badOnesAreRefusedAtOnce_data();
    void rawLines_badOnesAreRefusedAtOnce();
    void target_goesAheadOfQueuedRawLines_data();
    void target_goesAheadOfQueuedRawLines();
    void stopMotion_holdsWhereTheServoIs_data();
    void stopMotion_holdsWhereTheServoIs();
    void arrived_isEmittedOncePerTarget();
    void targetAccepted_isEmittedOncePerCommand_data();
    void targetAccepted_isEmittedOncePerCommand();
};

void TestRigClient::dragFlood_sendsOnlyTheLatestTarget_oneLineInFlight_data()
{
    QTest::addColumn<bool>("seed");
    QTest::newRow("ours") << false;
    QTest::newRow("seed") << true;
}

void TestRigClient::dragFlood_sendsOnlyTheLatestTarget_oneLineInFlight()
{
    QFETCH(bool, seed);
    RigBench b(RigBench::makeBoard(seed), RigBench::defaultOptions());
    b.start();
    QVERIFY(b.waitReady());
    // A dial dragged back and forth: 2,000 targets, 10 per millisecond.
    int last = 0;
    for (int i = 0; i < 2000; ++i) {
        last = 10 + (i * 7) % 160;
        b.setTarget(last);
        if (i % 10 == 0)
            b.step();
    }
    QVERIFY(b.runUntil([&] {
        const auto arrived = b.eventsOf(Kind::Arrived);
        return !arrived.isEmpty() && arrived.last().servoDeg == last;
    }));
    QCOMPARE(b.board->angle(), last);
    QCOMPARE(b.overlaps(), 0);
    QCOMPARE(b.board->discardedBytes(), 0);
    QCOMPARE(b.board->errorsSent(), seed ? 1 : 0);  // the seed's answer to the probe
    QVERIFY2(b.board->anglesReceived().size() < 400,
        qPrintable(QString::number(b.board->anglesReceived().size())));
    QCOMPARE(b.conv.stats().timeouts, 0);
}

void TestRigClient::seed_landsExactlyOnTheTarget_despiteStoppingOneShort_data()
{
    QTest::addColumn<QList<int>>("targets");
    QTest::newRow("up_from_unknown") << QList<int>{150};
    QTest::newRow("down_from_unknown") << QList<int>{20};
    QTest::newRow("where_it_booted") << QList<int>{92};
    QTest::newRow("small_steps") << QList<int>{100, 101, 100, 99, 99, 1, 179};
}

void TestRigClient::seed_landsExactlyOnTheTarget_despiteStoppingOneShort()
{
    QFETCH(QList<int>, targets);
    RigBench b(RigBench::seed(), RigBench::defaultOptions());
    b.start();
    QVERIFY(b.waitReady());
    for (int t : targets) {
        b.setTarget(t);
        QVERIFY(b.waitAtTarget());
        QCOMPARE(b.board->angle(), t);
        QCOMPARE(b.conv.actualServoDeg(), t);
    }
    QCOMPARE(b.board->discardedBytes(), 0);
    QCOMPARE(b.overlaps(), 0);
}

void TestRigClient::seed_targetAtServoEnd_staysOneDegreeInside()
{
    RigBench b(RigBench::seed(), RigBench::defaultOptions());
    b.start();
    QVERIFY(b.waitReady());
    b.setTarget(180);  // the seed can never end on 180 (181 is a bad angle)
    QVERIFY(b.runUntil([&] { return b.count(Kind::Arrived) > 0; }));
    QCOMPARE(b.eventsOf(Kind::Arrived).at(0).servoDeg, 179);
    QCOMPARE(b.board->angle(), 179);
    QCOMPARE(b.board->errorsSent(), 1);  // the probe's only
    QVERIFY(!b.board->anglesReceived().contains(181));
}

void TestRigClient::speed_isNeverSentToTheSeed()
{
    RigBench b(RigBench::seed(), RigBench::defaultOptions());
    b.setSpeed(12);
    b.start();
    QVERIFY(b.waitReady());
    b.setTarget(60);
    QVERIFY(b.waitAtTarget());
    for (const QByteArray &line : b.board->lines())
        QVERIFY2(!line.startsWith('S'), line.constData());
}

void TestRigClient::calibratedLimits_areNeverExceeded_data()
{
    QTest::addColumn<bool>("seed");
    QTest::newRow("ours") << false;
    QTest::newRow("seed") << true;
}

void TestRigClient::calibratedLimits_areNeverExceeded()
{
    QFETCH(bool, seed);
    RigBench b(RigBench::makeBoard(seed), RigBench::defaultOptions());
    Calibration c;
    c.minLogicalDeg = -30;  // servo 60..120
    c.maxLogicalDeg = 30;
    b.conv.setCalibration(c, b.now);
    b.start();
    QVERIFY(b.waitReady());
    for (double t : {500.0, -20.0, 119.6, 61.0, 180.0}) {
        b.setTarget(t);
        QVERIFY(b.waitAtTarget());
    }
    QVERIFY(!b.sendLine("150"));
    QCOMPARE(b.count(Kind::Error), 1);
    QCOMPARE(b.eventsOf(Kind::Error).at(0).error, Conv::Error::Refused);
    for (int a : b.board->anglesReceived())
        QVERIFY2(a >= 60 && a <= 120, qPrintable(QString::number(a)));
    QCOMPARE(b.board->angle(), seed ? 119 : 120);
}

void TestRigClient::logicalTarget_usesTheCalibration_data()
{
    QTest::addColumn<bool>("inverted");
    QTest::addColumn<double>("logical");
    QTest::addColumn<int>("servo");
    QTest::newRow("right") << false << 25.0 << 125;
    QTest::newRow("right_inverted") << true << 25.0 << 75;
    QTest::newRow("left_clamped") << false << -80.0 << 40;
    QTest::newRow("left_inverted_clamped") << true << -80.0 << 160;
}

void TestRigClient::logicalTarget_usesTheCalibration()
{
    QFETCH(bool, inverted);
    QFETCH(double, logical);
    QFETCH(int, servo);
    RigBench b(RigBench::ours(), RigBench::defaultOptions());
    Calibration c;
    c.homeServoDeg = 100;
    c.minLogicalDeg = -60;
    c.maxLogicalDeg = 60;
    c.inverted = inverted;
    b.conv.setCalibration(c, b.now);
    b.start();
    b.conv.setTargetLogical(logical, b.now);
    QCOMPARE(b.conv.targetServoDeg(), servo);
    QVERIFY(b.waitAtTarget());
    QCOMPARE(b.eventsOf(Kind::TargetChanged).at(0).servoDeg, servo);
    QCOMPARE(b.board->angle(), servo);
    const double actualLogical = logicalFromServo(c, b.conv.actualServoDeg());
    QCOMPARE(actualLogical, inverted ? 100.0 - servo : servo - 100.0);
}

void TestRigClient::rawLines_areAnsweredInOrder_andAnglesBecomeTheTarget()
{
    RigBench b(RigBench::ours(), RigBench::defaultOptions());
    b.start();
    QVERIFY(b.waitReady());
    for (const QByteArray &line :
        {QByteArray("abc"), QByteArray("45"), QByteArray("?"), QByteArray("V")})
        QVERIFY(b.sendLine(line));
    QVERIFY(b.runUntil([&] { return b.count(Kind::LineReplied) == 4; }));
    const auto replied = b.eventsOf(Kind::LineReplied);
    QCOMPARE(replied.at(0).line, QByteArray("abc"));
    QCOMPARE(replied.at(0).replies, (QList<QByteArray>{"Error: Bad input", "OK: Good to go"}));
    QCOMPARE(replied.at(1).replies, (QList<QByteArray>{"Input angle: 45", "OK: Good to go"}));
    QCOMPARE(replied.at(2).line, QByteArray("?"));
    QVERIFY(replied.at(2).replies.value(0).startsWith("Position: angle="));
    QCOMPARE(replied.at(3).replies.value(0), QByteArray("Version: Rudebot firmware 1.0.0"));
    QCOMPARE(b.conv.targetServoDeg(), 45);
    QVERIFY(b.waitAtTarget());
    QCOMPARE(b.board->angle(), 45);
    QCOMPARE(b.overlaps(), 0);
}

void TestRigClient::rawLines_badOnesAreRefusedAtOnce_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("why");
    QTest::newRow("empty") << QByteArray() << QStringLiteral("empty line");
    QTest::newRow("line_break") << QByteArray("9\n0") << QStringLiteral("line breaks");
    QTest::newRow("carriage_return") << QByteArray("9\r") << QStringLiteral("line breaks");
    QTest::newRow("outside_limits") << QByteArray("170") << QStringLiteral("calibrated limits");
}

void TestRigClient::rawLines_badOnesAreRefusedAtOnce()
{
    QFETCH(QByteArray, line);
    QFETCH(QString, why);
    RigBench b(RigBench::ours(), RigBench::defaultOptions());
    Calibration c;
    c.minLogicalDeg = c.maxLogicalDeg = 0;  // servo 90 only
    b.conv.setCalibration(c, b.now);
    b.start();
    QVERIFY(b.waitReady());
    QVERIFY(!b.sendLine(line));
    QVERIFY(b.hasError(Conv::Error::Refused, why));
    b.runFor(100);
    QVERIFY(b.board->lines().isEmpty());
}

void TestRigClient::target_goesAheadOfQueuedRawLines_data()
{
    QTest::addColumn<bool>("seed");
    QTest::newRow("ours") << false;
    QTest::newRow("seed") << true;
}

void TestRigClient::target_goesAheadOfQueuedRawLines()
{
    QFETCH(bool, seed);
    const Conv::Options options;
    RigBench b(RigBench::makeBoard(seed), options);
    b.start();
    QVERIFY(b.waitReady());
    // A remote floods raw lines: the queue fills to its bound, then further lines are refused.
    int queued = 0;
    while (b.sendLine("?"))
        ++queued;
    QCOMPARE(queued, options.maxQueuedRawLines + 1);  // one in flight, the rest waiting
    QCOMPARE(b.conv.queuedRawLines(), options.maxQueuedRawLines);
    QVERIFY(b.hasError(Conv::Error::Refused, QStringLiteral("already waiting")));
    // The office's target goes next, ahead of every queued line, and lands.
    b.setTarget(130);
    QVERIFY(b.waitAtTarget());
    const QList<QByteArray> sent = b.linesSent();
    const qsizetype firstAngle = std::find_if(sent.begin(), sent.end(), [](const QByteArray &l) {
        return angleOfCommand(l) >= 0;
    }) - sent.begin();
    QCOMPARE(firstAngle, qsizetype(seed ? 2 : 1));  // after the probe (ours: none) and the line
                                                    // in flight
    // Every raw line still gets its own answer, in order.
    QVERIFY(b.runUntil([&] { return b.count(Kind::LineReplied) == queued; }));
    QCOMPARE(b.board->angle(), 130);
    QCOMPARE(b.overlaps(), 0);
}

void TestRigClient::stopMotion_holdsWhereTheServoIs_data()
{
    QTest::addColumn<bool>("seed");
    QTest::newRow("ours") << false;
    QTest::newRow("seed") << true;
}

void TestRigClient::stopMotion_holdsWhereTheServoIs()
{
    QFETCH(bool, seed);
    RigBench b(RigBench::makeBoard(seed), RigBench::defaultOptions());
    b.start();
    QVERIFY(b.waitReady());
    b.setTarget(20);
    QVERIFY(b.runUntil([&] { return b.board->angle() < 60; }));
    b.conv.stopMotion(b.now);
    QVERIFY(b.waitAtTarget());
    b.runFor(1000);
    // Ours stops on the spot; the seed cannot be interrupted, so its sweep's end is the target.
    if (!seed)
        QVERIFY2(b.board->angle() > 20, qPrintable(QString::number(b.board->angle())));
    QCOMPARE(b.conv.targetServoDeg(), b.board->angle());
    QCOMPARE(b.linesSent().contains("!"), !seed);  // the seed has no stop command
}

void TestRigClient::arrived_isEmittedOncePerTarget()
{
    RigBench b(RigBench::ours(), RigBench::defaultOptions());
    b.start();
    QVERIFY(b.waitReady());
    b.setTarget(80);
    QVERIFY(b.runUntil([&] { return b.count(Kind::Arrived) == 1; }));
    b.setTarget(80);
    QVERIFY(b.sendLine("?"));
    QVERIFY(b.runUntil([&] { return b.count(Kind::LineReplied) == 1; }));
    b.runFor(500);
    QCOMPARE(b.count(Kind::Arrived), 1);
}

void TestRigClient::targetAccepted_isEmittedOncePerCommand_data()
{
    QTest::addColumn<bool>("seed");
    QTest::newRow("rudebot") << false;
    QTest::newRow("seed") << true;
}

void TestRigClient::targetAccepted_isEmittedOncePerCommand()
{
    QFETCH(bool, seed);
    RigBench b(RigBench::makeBoard(seed), RigBench::defaultOptions());
    b.start();
    QVERIFY(b.waitReady());
    // Retargeted while moving, so verdicts arrive while the servo turns.
    b.setTarget(150);
    QVERIFY(b.runUntil([&] { return b.board->angle() > 100; }));
    b.setTarget(20);
    QVERIFY(b.waitAtTarget());
    const int angleCommands = int(b.board->anglesReceived().size());
    QVERIFY(angleCommands >= 2);
    QCOMPARE(b.count(Kind::TargetAccepted), angleCommands);
}

QTEST_GUILESS_MAIN(TestRigClient)
#include "tst_rig_client.moc"
