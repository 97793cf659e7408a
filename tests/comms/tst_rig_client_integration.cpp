// The rig client against the virtual rig (the real firmware ELF in simavr) through its pty:
// our firmware and the seed-like one, reset on open, a rig killed mid-move, a drag flood.
#include "integration_helpers.h"
#include "support/virtual_rig.h"

using namespace rudebot;

namespace {

constexpr int kMsPerDeg = 30;  // both firmwares' default sweep speed

VirtualRig::Options rigOptions(const QString &firmware, double speed, bool resetOnOpen)
{
    VirtualRig::Options o;
    o.elf = VirtualRig::firmwarePath(firmware);
    o.speed = speed;
    o.resetOnOpen = resetOnOpen;
    return o;
}

RigClientOptions quickBoot()
{
    RigClientOptions o;
    o.bootWaitMs = 300;  // the simulator has no bootloader delay
    return o;
}

}  // namespace

class TestRigClientIntegration : public QObject {
    Q_OBJECT
private slots:
    void directPty_reachesTargets_andMeasuresTheRoundTrip();
    void seedLike_isDetected_andLandsExactlyDespiteStoppingShort();
    void resetOnOpen_costsNoCommand_data();
    void resetOnOpen_costsNoCommand();
    void rigKilledMidMove_clientReconnects_andReachesTheLastTarget();
    void dragFlood_noFirmwareErrors_andEndsOnTheLastTarget_data();
    void dragFlood_noFirmwareErrors_andEndsOnTheLastTarget();
};

void TestRigClientIntegration::directPty_reachesTargets_andMeasuresTheRoundTrip()
{
    VirtualRig rig;
    QVERIFY2(
        rig.start(rigOptions(QStringLiteral("rudebot"), 0, true)), qPrintable(rig.errorString()));
    ClientOnLink c(serialSettings(rig.linkPath()), quickBoot());
    c.client->start();
    QVERIFY(c.waitReady(15000));
    QCOMPARE(c.client->firmware(), RigClient::Firmware::Rudebot);
    QCOMPARE(c.client->firmwareVersion(), QStringLiteral("1.0.0"));
    for (int target : {150, 10, 91}) {
        QSignalSpy arrived(c.client.get(), &RigClient::arrived);
        c.client->setTargetServo(target);
        QVERIFY(arrived.wait(20000));
        QVERIFY2(
            rig.waitForAngle(target, 0.5, 5000), qPrintable(QString::number(rig.servo().angleDeg)));
    }
    qInfo("round trip, direct pty: %.2f ms (median of 50)", c.medianRoundTripMs(50));
    QCOMPARE(c.client->stats().errorReplies, 0);
    QCOMPARE(c.client->stats().timeouts, 0);
}

void TestRigClientIntegration::seedLike_isDetected_andLandsExactlyDespiteStoppingShort()
{
    VirtualRig rig;
    QVERIFY2(
        rig.start(rigOptions(QStringLiteral("seedlike"), 0, true)), qPrintable(rig.errorString()));
    ClientOnLink c(serialSettings(rig.linkPath()), quickBoot());
    c.client->start();
    QVERIFY(c.waitReady(20000));
    QCOMPARE(c.client->firmware(), RigClient::Firmware::Seed);
    for (int target : {150, 40, 41, 120}) {
        QSignalSpy arrived(c.client.get(), &RigClient::arrived);
        c.client->setTargetServo(target);
        QVERIFY(arrived.wait(30000));
        // The real seed sweep would stop one short; the client sends target +/- 1 instead.
        QVERIFY2(
            rig.waitForAngle(target, 0.5, 5000), qPrintable(QString::number(rig.servo().angleDeg)));
        QCOMPARE(c.client->actualServoDeg(), target);
    }
    QCOMPARE(c.client->stats().errorReplies, 1);  // "Error: Bad input" to the probe, by design
    QCOMPARE(c.client->stats().timeouts, 0);
}

void TestRigClientIntegration::resetOnOpen_costsNoCommand_data()
{
    QTest::addColumn<QString>("firmware");
    QTest::newRow("rudebot") << QStringLiteral("rudebot");
    QTest::newRow("seedlike") << QStringLiteral("seedlike");
}

void TestRigClientIntegration::resetOnOpen_costsNoCommand()
{
    QFETCH(QString, firmware);
    VirtualRig rig;
    // Real time: the board resets as the client opens the port, as a Uno does on DTR.
    QVERIFY2(rig.start(rigOptions(firmware, 1, true)), qPrintable(rig.errorString()));
    ClientOnLink c(serialSettings(rig.linkPath()));  // default boot wait, as the app uses
    QSignalSpy sent(c.client.get(), &RigClient::commandSent);
    QSignalSpy arrived(c.client.get(), &RigClient::arrived);
    c.client->setTargetServo(110);  // before the port is even open
    c.client->start();
    QVERIFY(arrived.wait(30000));
    QVERIFY(rig.waitForAngle(110, 0.5, 5000));
    QVERIFY(rig.resetCount() >= 1);
    QCOMPARE(c.client->stats().timeouts, 0);
    // The very first line went to a running board and was answered: nothing was re-sent.
    const bool seed = firmware == QLatin1String("seedlike");
    QCOMPARE(sent.value(0).value(0).toByteArray(), seed ? QByteArray("?") : QByteArray("110"));
    QCOMPARE(c.client->stats().errorReplies, seed ? 1 : 0);
}

void TestRigClientIntegration::rigKilledMidMove_clientReconnects_andReachesTheLastTarget()
{
    VirtualRig rig;
    QVERIFY2(
        rig.start(rigOptions(QStringLiteral("rudebot"), 1, true)), qPrintable(rig.errorString()));
    RigClientOptions options = quickBoot();
    options.backoff = BackoffPolicy{100, 2.0, 1000};
    ClientOnLink c(serialSettings(rig.linkPath()), options);
    c.client->start();
    QVERIFY(c.waitReady(15000));
    c.client->setTargetServo(170);
    QVERIFY(rig.waitForAngle(110, 1.0, 15000));  // well on its way
    QSignalSpy errors(c.client.get(), &RigClient::errorOccurred);
    rig.kill();  // SIGKILL: an unplugged board, no goodbye
    QTRY_VERIFY_WITH_TIMEOUT(c.client->state() != RigClient::State::Ready, 15000);
    QVERIFY(!errors.isEmpty());
    QCOMPARE(errors.first().at(0).value<RigClient::Error>(), RigClient::Error::LinkFailed);

    QVERIFY2(rig.restart(), qPrintable(rig.errorString()));  // same --link path, new pty
    QTRY_VERIFY_WITH_TIMEOUT(c.client->state() == RigClient::State::Ready, 20000);
    QVERIFY2(rig.waitForAngle(170, 0.5, 20000), qPrintable(QString::number(rig.servo().angleDeg)));
    QTRY_VERIFY_WITH_TIMEOUT(c.client->isAtTarget(), 10000);
}

void TestRigClientIntegration::dragFlood_noFirmwareErrors_andEndsOnTheLastTarget_data()
{
    QTest::addColumn<QString>("firmware");
    QTest::newRow("rudebot") << QStringLiteral("rudebot");
    QTest::newRow("seedlike") << QStringLiteral("seedlike");
}

void TestRigClientIntegration::dragFlood_noFirmwareErrors_andEndsOnTheLastTarget()
{
    QFETCH(QString, firmware);
    const bool seed = firmware == QLatin1String("seedlike");
    VirtualRig rig;
    QVERIFY2(rig.start(rigOptions(firmware, 1, true)), qPrintable(rig.errorString()));
    ClientOnLink c(serialSettings(rig.linkPath()), quickBoot());
    QByteArray lastSent;
    connect(c.client.get(), &RigClient::commandSent, this,
        [&lastSent](const QByteArray &line) { lastSent = line; });
    c.client->start();
    QVERIFY(c.waitReady(20000));
    const int errorsBefore = c.client->stats().errorReplies;

    // A dial dragged back and forth between 30 and 150 degrees (120 degrees a second, four
    // times faster than the servo): 1,000 targets a second for 5 s, by the clock.
    auto dial = [](qint64 ms) {
        const int phase = int(ms % 2000);
        return 30 + (phase < 1000 ? phase : 2000 - phase) * 120 / 1000;
    };
    QElapsedTimer clock;
    clock.start();
    int given = 0;
    int last = -1;
    QTimer ticker;
    ticker.setTimerType(Qt::PreciseTimer);
    connect(&ticker, &QTimer::timeout, this, [&] {
        const qint64 due = qMin<qint64>(5000, clock.elapsed() + 1);
        for (; given < due; ++given)
            c.client->setTargetServo(last = dial(given));
    });
    ticker.start(1);
    QTRY_VERIFY_WITH_TIMEOUT(given >= 5000, 30000);
    ticker.stop();
    QCOMPARE(given, 5000);

    // From here the rig must finish what it is doing and turn to the last target. Timed on
    // the simulator's clock: a starved simulator on a busy machine falls behind the wall
    // clock, which says nothing about the client. (The first sample is up to one step old,
    // which only makes the measurement longer.)
    QElapsedTimer after;
    after.start();
    const qsizetype firstSample = rig.samples().size();
    const double at = rig.servo().angleDeg;
    const double startSimMs = rig.servo().simMs;
    int budgetMs = int(qAbs(at - last) * kMsPerDeg) + 100;
    if (seed && c.client->isBusy()) {
        // The seed blocks until its current sweep ends; then one approach to the target.
        const int inFlight = angleOfCommand(lastSent);
        if (inFlight >= 0)
            budgetMs = int((qAbs(at - inFlight) + qAbs(inFlight - last) + 1) * kMsPerDeg) + 100;
    }
    QVERIFY2(rig.waitForAngle(last, 0.5, budgetMs + 20000),
        qPrintable(QStringLiteral("at %1, want %2").arg(rig.servo().angleDeg).arg(last)));
    const qint64 wallMs = after.elapsed();
    double arrivedSimMs = rig.servo().simMs;
    for (qsizetype i = firstSample; i < rig.samples().size(); ++i) {
        if (qAbs(rig.samples().at(i).angleDeg - last) <= 0.5) {
            arrivedSimMs = rig.samples().at(i).simMs;
            break;
        }
    }
    const double simMs = arrivedSimMs - startSimMs;
    qInfo("%s: from %.1f to %d took %.0f ms simulated (%lld ms wall), budget %d ms "
          "(sweep + 100 ms)",
        qPrintable(firmware), at, last, simMs, wallMs, budgetMs);
    QVERIFY2(
        simMs <= budgetMs, qPrintable(QStringLiteral("%1 ms > %2 ms").arg(simMs).arg(budgetMs)));
    QCOMPARE(c.client->stats().errorReplies - errorsBefore, 0);
    QCOMPARE(c.client->stats().timeouts, 0);
    QTRY_VERIFY_WITH_TIMEOUT(c.client->isAtTarget(), 10000);
    qInfo("%s: %d commands for 5000 targets", qPrintable(firmware), c.client->stats().commandsSent);
}

QTEST_GUILESS_MAIN(TestRigClientIntegration)
#include "tst_rig_client_integration.moc"
