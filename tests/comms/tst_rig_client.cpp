// The rig client's conversation, against a fake Uno on a loopback link: firmware detection,
// latest-target-only, one command in flight, timeouts, resets, limits, the seed's quirks.
#include "fake_board.h"
#include "comms/rig_client.h"

#include <QSignalSpy>
#include <QTest>
#include <memory>

using namespace rudebot;

namespace {

// One rig on a loopback cable, with timings short enough for unit tests.
struct Rig {
    explicit Rig(FakeBoard::Options board = {}, RigClientOptions client = fastOptions())
        : host(QStringLiteral("host")), device(QStringLiteral("device"))
    {
        LoopbackLink::connectEnds(&host, &device);
        fake = std::make_unique<FakeBoard>(&device, &host, board);
        this->client = std::make_unique<RigClient>(&host, client);
    }
    static RigClientOptions fastOptions()
    {
        RigClientOptions o;
        o.bootWaitMs = 100;
        o.probeWindowMs = 600;
        o.replyTimeoutMs = 300;
        o.seedMsPerDeg = 1;
        o.sweepTimeoutFactor = 20;  // a loaded machine may run the fake's 1 ms timers late
        o.pollIntervalMs = 5;
        o.backoff = BackoffPolicy{20, 2.0, 100};
        return o;
    }
    bool waitReady(int ms = 5000)
    {
        return QTest::qWaitFor([this] { return client->state() == RigClient::State::Ready; }, ms);
    }
    LoopbackLink host, device;
    std::unique_ptr<FakeBoard> fake;
    std::unique_ptr<RigClient> client;
};

FakeBoard::Options seedBoard()
{
    FakeBoard::Options o;
    o.seed = true;
    return o;
}

} // namespace

class TestRigClient : public QObject {
    Q_OBJECT
private slots:
    void readyLine_detectsOurFirmware_withoutAProbe();
    void silentBoot_probesAndDetectsOurFirmware();
    void seedBoard_isDetectedByBadInputToTheProbe();
    void targetSetBeforeTheBoardBoots_isNotLost_data();
    void targetSetBeforeTheBoardBoots_isNotLost();
    void dragFlood_sendsOnlyTheLatestTarget_oneLineInFlight_data();
    void dragFlood_sendsOnlyTheLatestTarget_oneLineInFlight();
    void seed_landsExactlyOnTheTarget_despiteStoppingOneShort_data();
    void seed_landsExactlyOnTheTarget_despiteStoppingOneShort();
    void seed_targetAtServoEnd_staysOneDegreeInside();
    void boardReset_isDetected_andTheLastTargetResent();
    void speed_isSetAgainAfterEveryReset_beforeTheTarget();
    void speed_isNeverSentToTheSeed();
    void silentBoard_timesOutWithAClearError_thenReconnects();
    void nothingAnswers_reportsNoBoard();
    void unpluggedCable_reconnects_andReachesTheLastTarget();
    void calibratedLimits_areNeverExceeded();
    void logicalTarget_usesTheCalibration_data();
    void logicalTarget_usesTheCalibration();
    void rawLine_getsItsReplies_andAnglesBecomeTheTarget();
    void arrived_isEmittedOncePerTarget();
    void targetAccepted_isEmittedOncePerCommand_data();
    void targetAccepted_isEmittedOncePerCommand();
    void trace_logsEveryLineWithItsDirection();
};

void TestRigClient::readyLine_detectsOurFirmware_withoutAProbe()
{
    Rig rig;
    QSignalSpy detected(rig.client.get(), &RigClient::firmwareDetected);
    rig.client->start();
    QVERIFY(rig.waitReady());
    QCOMPARE(detected.size(), 1);
    QCOMPARE(detected.at(0).at(0).value<RigClient::Firmware>(), RigClient::Firmware::Rudebot);
    QCOMPARE(detected.at(0).at(1).toString(), QStringLiteral("1.0.0"));
    QCOMPARE(rig.client->actualServoDeg(), 90);
    QVERIFY(rig.fake->lines().isEmpty());  // the ready line said it all
}

void TestRigClient::silentBoot_probesAndDetectsOurFirmware()
{
    FakeBoard::Options board;
    board.resetOnOpen = false;  // e.g. a bridge that keeps the port open: no reset, no ready line
    Rig rig(board);
    rig.client->start();
    QVERIFY(rig.waitReady());
    QCOMPARE(rig.client->firmware(), RigClient::Firmware::Rudebot);
    QCOMPARE(rig.fake->lines(), QList<QByteArray>{"?"});
    QCOMPARE(rig.client->actualServoDeg(), 90);
}

void TestRigClient::seedBoard_isDetectedByBadInputToTheProbe()
{
    Rig rig(seedBoard());
    QSignalSpy detected(rig.client.get(), &RigClient::firmwareDetected);
    rig.client->start();
    QVERIFY(rig.waitReady());
    QCOMPARE(detected.size(), 1);
    QCOMPARE(rig.client->firmware(), RigClient::Firmware::Seed);
    QVERIFY(!rig.client->hasActualAngle());  // the seed never says where it is
}

void TestRigClient::targetSetBeforeTheBoardBoots_isNotLost_data()
{
    QTest::addColumn<bool>("seed");
    QTest::addColumn<int>("bootMs");
    QTest::newRow("ours_fast_boot") << false << 0;
    QTest::newRow("ours_slow_boot") << false << 300;  // longer than the boot wait: probes lost
    QTest::newRow("seed_slow_boot") << true << 300;
}

void TestRigClient::targetSetBeforeTheBoardBoots_isNotLost()
{
    QFETCH(bool, seed);
    QFETCH(int, bootMs);
    FakeBoard::Options board = seed ? seedBoard() : FakeBoard::Options();
    board.bootMs = bootMs;
    RigClientOptions options = Rig::fastOptions();
    options.probeWindowMs = 3000;
    Rig rig(board, options);
    QSignalSpy arrived(rig.client.get(), &RigClient::arrived);
    rig.client->setTargetServo(120);
    rig.client->start();
    QVERIFY(arrived.wait(5000));
    QCOMPARE(arrived.at(0).at(0).toInt(), 120);
    QCOMPARE(rig.fake->angle(), 120);
    QCOMPARE(rig.client->actualServoDeg(), 120);
}

void TestRigClient::dragFlood_sendsOnlyTheLatestTarget_oneLineInFlight_data()
{
    QTest::addColumn<bool>("seed");
    QTest::newRow("ours") << false;
    QTest::newRow("seed") << true;
}

void TestRigClient::dragFlood_sendsOnlyTheLatestTarget_oneLineInFlight()
{
    QFETCH(bool, seed);
    Rig rig(seed ? seedBoard() : FakeBoard::Options());
    rig.client->start();
    QVERIFY(rig.waitReady());
    QSignalSpy arrived(rig.client.get(), &RigClient::arrived);
    // A dial dragged back and forth: 2,000 targets, the event loop turning between them.
    int last = 0;
    for (int i = 0; i < 2000; ++i) {
        last = 10 + (i * 7) % 160;
        rig.client->setTargetServo(last);
        if (i % 10 == 0)
            QCoreApplication::processEvents();
    }
    QTRY_VERIFY_WITH_TIMEOUT(!arrived.isEmpty() && arrived.last().at(0).toInt() == last, 10000);
    QCOMPARE(rig.fake->angle(), last);
    QCOMPARE(rig.fake->overlaps(), 0);
    QCOMPARE(rig.fake->discardedBytes(), 0);
    QCOMPARE(rig.fake->errorsSent(), seed ? 1 : 0);  // the seed's answer to the probe
    QVERIFY2(rig.fake->anglesReceived().size() < 400,
        qPrintable(QString::number(rig.fake->anglesReceived().size())));
    QCOMPARE(rig.client->stats().timeouts, 0);
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
    Rig rig(seedBoard());
    rig.client->start();
    QVERIFY(rig.waitReady());
    for (int t : targets) {
        QSignalSpy arrived(rig.client.get(), &RigClient::arrived);
        rig.client->setTargetServo(t);
        QTRY_VERIFY_WITH_TIMEOUT(rig.client->isAtTarget(), 5000);
        QCOMPARE(rig.fake->angle(), t);
        QCOMPARE(rig.client->actualServoDeg(), t);
    }
    QCOMPARE(rig.fake->discardedBytes(), 0);
}

void TestRigClient::seed_targetAtServoEnd_staysOneDegreeInside()
{
    Rig rig(seedBoard());
    rig.client->start();
    QVERIFY(rig.waitReady());
    QSignalSpy arrived(rig.client.get(), &RigClient::arrived);
    rig.client->setTargetServo(180);  // the seed can never end on 180 (181 is a bad angle)
    QVERIFY(arrived.wait(5000));
    QCOMPARE(arrived.at(0).at(0).toInt(), 179);
    QCOMPARE(rig.fake->angle(), 179);
    QCOMPARE(rig.fake->errorsSent(), 1);  // the probe's only
    QVERIFY(!rig.fake->anglesReceived().contains(181));
}

void TestRigClient::boardReset_isDetected_andTheLastTargetResent()
{
    Rig rig;
    rig.client->start();
    QVERIFY(rig.waitReady());
    QSignalSpy arrived(rig.client.get(), &RigClient::arrived);
    rig.client->setTargetServo(30);
    QVERIFY(arrived.wait(5000));
    QSignalSpy resets(rig.client.get(), &RigClient::boardReset);
    QSignalSpy actual(rig.client.get(), &RigClient::actualAngleChanged);
    rig.fake->reset();  // a brown-out: back at 90, ready line, target forgotten
    QVERIFY(resets.wait(5000));
    QCOMPARE(actual.first().at(0).toInt(), 90);
    QTRY_COMPARE_WITH_TIMEOUT(rig.fake->angle(), 30, 5000);
    QTRY_VERIFY_WITH_TIMEOUT(rig.client->isAtTarget(), 5000);
    QCOMPARE(rig.client->stats().resets, 1);
}

void TestRigClient::speed_isSetAgainAfterEveryReset_beforeTheTarget()
{
    Rig rig;
    rig.client->setSpeed(12);
    rig.client->start();
    QVERIFY(rig.waitReady());
    QTRY_COMPARE_WITH_TIMEOUT(rig.fake->speed(), 12, 5000);
    QSignalSpy arrived(rig.client.get(), &RigClient::arrived);
    rig.client->setTargetServo(30);
    QVERIFY(arrived.wait(5000));
    QSignalSpy resets(rig.client.get(), &RigClient::boardReset);
    rig.fake->reset();  // the board forgets its speed with everything else
    QCOMPARE(rig.fake->speed(), FakeBoard::kDefaultSpeed);
    QVERIFY(resets.wait(5000));
    QTRY_COMPARE_WITH_TIMEOUT(rig.fake->angle(), 30, 5000);
    QCOMPARE(rig.fake->speed(), 12);
    // After the reset the speed went first, then the target: the sweep back ran at the speed.
    const QList<QByteArray> lines = rig.fake->lines();
    const qsizetype second = lines.lastIndexOf("S12");
    QVERIFY(second > lines.indexOf("S12"));
    QCOMPARE(lines.value(second + 1), QByteArray("30"));
    QCOMPARE(rig.fake->errorsSent(), 0);
}

void TestRigClient::speed_isNeverSentToTheSeed()
{
    Rig rig(seedBoard());
    rig.client->setSpeed(12);
    rig.client->start();
    QVERIFY(rig.waitReady());
    QSignalSpy arrived(rig.client.get(), &RigClient::arrived);
    rig.client->setTargetServo(60);
    QVERIFY(arrived.wait(10000));
    for (const QByteArray &line : rig.fake->lines())
        QVERIFY2(!line.startsWith('S'), line.constData());
}

void TestRigClient::silentBoard_timesOutWithAClearError_thenReconnects()
{
    Rig rig;
    rig.client->start();
    QVERIFY(rig.waitReady());
    QSignalSpy errors(rig.client.get(), &RigClient::errorOccurred);
    QSignalSpy states(rig.client.get(), &RigClient::stateChanged);
    rig.fake->setMute(true);
    rig.client->setTargetServo(10);
    QTRY_VERIFY_WITH_TIMEOUT(errors.size() >= 2, 5000);
    QCOMPARE(errors.at(0).at(0).value<RigClient::Error>(), RigClient::Error::Timeout);
    QVERIFY2(errors.at(0).at(1).toString().contains(QLatin1String("did not answer '10'")),
        qPrintable(errors.at(0).at(1).toString()));
    QCOMPARE(errors.at(1).at(0).value<RigClient::Error>(), RigClient::Error::Timeout);
    QVERIFY(errors.at(1).at(1).toString().contains(QLatin1String("Reconnecting")));
    // The link is reopened; the board answers again and the target gets there.
    rig.fake->setMute(false);
    QTRY_VERIFY_WITH_TIMEOUT(rig.client->isAtTarget(), 5000);
    QCOMPARE(rig.fake->angle(), 10);
    QVERIFY(states.contains(QList<QVariant>{QVariant::fromValue(RigClient::State::Connecting)}));
}

void TestRigClient::nothingAnswers_reportsNoBoard()
{
    Rig rig;
    rig.fake->setMute(true);
    QSignalSpy errors(rig.client.get(), &RigClient::errorOccurred);
    rig.client->start();
    QVERIFY(errors.wait(5000));
    QCOMPARE(errors.at(0).at(0).value<RigClient::Error>(), RigClient::Error::NoBoard);
    QVERIFY(errors.at(0).at(1).toString().contains(QLatin1String("No Rudebot board answers")));
    QVERIFY(rig.fake->lines().size() >= 2);  // it kept asking, one line at a time
    QCOMPARE(rig.fake->overlaps(), 0);
}

void TestRigClient::unpluggedCable_reconnects_andReachesTheLastTarget()
{
    Rig rig;
    rig.client->start();
    QVERIFY(rig.waitReady());
    QSignalSpy errors(rig.client.get(), &RigClient::errorOccurred);
    rig.host.setPluggedIn(false);
    QCOMPARE(rig.client->state(), RigClient::State::Connecting);
    QCOMPARE(errors.at(0).at(0).value<RigClient::Error>(), RigClient::Error::LinkFailed);
    rig.client->setTargetServo(140);  // while unplugged
    QTRY_VERIFY_WITH_TIMEOUT(errors.size() >= 3, 5000);  // failed reopen attempts, reported
    rig.host.setPluggedIn(true);
    rig.device.open();
    QTRY_VERIFY_WITH_TIMEOUT(rig.client->isAtTarget(), 5000);
    QCOMPARE(rig.fake->angle(), 140);
}

void TestRigClient::calibratedLimits_areNeverExceeded()
{
    for (bool seed : {false, true}) {
        Rig rig(seed ? seedBoard() : FakeBoard::Options());
        Calibration c;
        c.minLogicalDeg = -30;  // servo 60..120
        c.maxLogicalDeg = 30;
        rig.client->setCalibration(c);
        rig.client->start();
        QVERIFY(rig.waitReady());
        QSignalSpy refused(rig.client.get(), &RigClient::errorOccurred);
        for (double t : {500.0, -20.0, 119.6, 61.0, 180.0}) {
            rig.client->setTargetServo(t);
            QTRY_VERIFY_WITH_TIMEOUT(rig.client->isAtTarget(), 5000);
        }
        QVERIFY(!rig.client->sendLine("150"));
        QCOMPARE(refused.size(), 1);
        QCOMPARE(refused.at(0).at(0).value<RigClient::Error>(), RigClient::Error::Refused);
        for (int a : rig.fake->anglesReceived())
            QVERIFY2(a >= 60 && a <= 120, qPrintable(QString::number(a)));
        QCOMPARE(rig.fake->angle(), seed ? 119 : 120);
    }
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
    Rig rig;
    Calibration c;
    c.homeServoDeg = 100;
    c.minLogicalDeg = -60;
    c.maxLogicalDeg = 60;
    c.inverted = inverted;
    rig.client->setCalibration(c);
    QSignalSpy target(rig.client.get(), &RigClient::targetChanged);
    rig.client->start();
    rig.client->setTargetLogical(logical);
    QCOMPARE(target.at(0).at(0).toInt(), servo);
    QTRY_VERIFY_WITH_TIMEOUT(rig.client->isAtTarget(), 5000);
    QCOMPARE(rig.fake->angle(), servo);
    QCOMPARE(rig.client->actualLogicalDeg(), inverted ? 100.0 - servo : servo - 100.0);
}

void TestRigClient::rawLine_getsItsReplies_andAnglesBecomeTheTarget()
{
    Rig rig;
    rig.client->start();
    QVERIFY(rig.waitReady());
    QSignalSpy replied(rig.client.get(), &RigClient::lineReplied);
    QVERIFY(rig.client->sendLine("abc"));
    QVERIFY(rig.client->sendLine("45"));
    QTRY_COMPARE_WITH_TIMEOUT(replied.size(), 2, 5000);
    QCOMPARE(replied.at(0).at(1).value<QList<QByteArray>>(),
        (QList<QByteArray>{"Error: Bad input", "OK: Good to go"}));
    QCOMPARE(replied.at(1).at(1).value<QList<QByteArray>>(),
        (QList<QByteArray>{"Input angle: 45", "OK: Good to go"}));
    QCOMPARE(rig.client->targetServoDeg(), 45);
    QTRY_VERIFY_WITH_TIMEOUT(rig.client->isAtTarget(), 5000);
    QVERIFY(!rig.client->sendLine(""));
    QVERIFY(!rig.client->sendLine("9\n0"));
}

void TestRigClient::arrived_isEmittedOncePerTarget()
{
    Rig rig;
    rig.client->start();
    QVERIFY(rig.waitReady());
    QSignalSpy arrived(rig.client.get(), &RigClient::arrived);
    rig.client->setTargetServo(80);
    QVERIFY(arrived.wait(5000));
    rig.client->setTargetServo(80);
    QVERIFY(rig.client->sendLine("?"));
    QSignalSpy replied(rig.client.get(), &RigClient::lineReplied);
    QVERIFY(replied.wait(5000));
    QCOMPARE(arrived.size(), 1);
}

namespace {
QStringList g_trace;
void collectTrace(QtMsgType, const QMessageLogContext &ctx, const QString &msg)
{
    if (QByteArray(ctx.category) == "rudebot.rig.trace")
        g_trace << msg;
}
} // namespace

void TestRigClient::targetAccepted_isEmittedOncePerCommand_data()
{
    QTest::addColumn<bool>("seed");
    QTest::newRow("rudebot") << false;
    QTest::newRow("seed") << true;
}

void TestRigClient::targetAccepted_isEmittedOncePerCommand()
{
    QFETCH(bool, seed);
    Rig rig(seed ? seedBoard() : FakeBoard::Options{});
    rig.client->start();
    QVERIFY(rig.waitReady());
    QSignalSpy accepted(rig.client.get(), &RigClient::targetAccepted);
    QSignalSpy arrived(rig.client.get(), &RigClient::arrived);
    // Retargeted while moving, so verdicts arrive while the servo turns.
    rig.client->setTargetServo(150);
    QTRY_VERIFY_WITH_TIMEOUT(rig.fake->angle() > 100 || !accepted.isEmpty(), 5000);
    rig.client->setTargetServo(20);
    QVERIFY(arrived.wait(10000) || !arrived.isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(rig.client->isAtTarget(), 10000);
    const int angleCommands = int(rig.fake->anglesReceived().size());
    QVERIFY(angleCommands >= 2);
    QCOMPARE(int(accepted.size()), angleCommands);
}

void TestRigClient::trace_logsEveryLineWithItsDirection()
{
    QLoggingCategory::setFilterRules(QStringLiteral("rudebot.rig.trace.debug=true"));
    const QtMessageHandler previous = qInstallMessageHandler(collectTrace);
    {
        FakeBoard::Options board;
        board.resetOnOpen = false;
        Rig rig(board);
        rig.client->start();
        QVERIFY(rig.waitReady());
    }
    qInstallMessageHandler(previous);
    QLoggingCategory::setFilterRules(QString());
    QCOMPARE(g_trace.value(0), QStringLiteral("loopback host > ?"));
    QVERIFY(g_trace.value(1).startsWith(QLatin1String("loopback host < Position: angle=90")));
    QCOMPARE(g_trace.value(2), QStringLiteral("loopback host < OK: Good to go"));
}

QTEST_GUILESS_MAIN(TestRigClient)
#include "tst_rig_client.moc"
