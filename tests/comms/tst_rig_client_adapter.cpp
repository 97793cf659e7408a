// RigClient, the QObject adapter over the conversation: over a loopback link with the real
// firmware core on the far end (on the wall clock, as the adapter's QTimer is): its signals,
// the link's reopening after an unplugged cable, the protocol trace.
#include "bench_board.h"
#include "comms/loopback_link.h"
#include "comms/rig_client.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace rudebot;

namespace {

// The firmware core on the far end of a loopback cable, on the wall clock (the adapter's QTimer
// runs on it too). A Uno resets when the host opens the port.
struct LinkedRig {
    LinkedRig() : host(QStringLiteral("host")), device(QStringLiteral("device"))
    {
        LoopbackLink::connectEnds(&host, &device);
        device.open();
        clock.start();
        QObject::connect(&host, &Link::stateChanged, [this](Link::State s) {
            if (s == Link::State::Open)
                fw.reset(clock.elapsed());
        });
        QObject::connect(&device, &Link::bytesReceived, [this](const QByteArray &bytes) {
            fw.receive(bytes, clock.elapsed());
            pump();
        });
        ticker.setTimerType(Qt::PreciseTimer);
        QObject::connect(&ticker, &QTimer::timeout, [this] { pump(); });
        ticker.start(1);
        RigClientOptions o;
        o.backoff = BackoffPolicy{20, 2.0, 100};
        client = std::make_unique<RigClient>(&host, o);
    }
    void pump()
    {
        fw.tick(clock.elapsed());
        if (const QByteArray out = fw.takeOutput(); !out.isEmpty())
            device.write(out);
    }
    bool waitReady()
    {
        return QTest::qWaitFor(
            [this] { return client->state() == RigClient::State::Ready; }, 10000);
    }
    LoopbackLink host, device;
    FirmwareBoard fw;
    QElapsedTimer clock;
    QTimer ticker;
    std::unique_ptr<RigClient> client;
};

QStringList g_trace;
void collectTrace(QtMsgType, const QMessageLogContext &ctx, const QString &msg)
{
    if (QByteArray(ctx.category) == "rudebot.rig.trace")
        g_trace << msg;
}

}  // namespace

class TestRigClientAdapter : public QObject {
    Q_OBJECT
private slots:
    void adapter_overALoopbackLink_reachesTargets_andSignals();
    void adapter_unpluggedCable_reconnects();
    void adapter_trace_logsEveryLineWithItsDirection();
};

void TestRigClientAdapter::adapter_overALoopbackLink_reachesTargets_andSignals()
{
    LinkedRig rig;
    QSignalSpy detected(rig.client.get(), &RigClient::firmwareDetected);
    QSignalSpy states(rig.client.get(), &RigClient::stateChanged);
    rig.client->setSpeed(5);
    rig.client->start();
    QVERIFY(rig.waitReady());
    QCOMPARE(detected.size(), 1);
    QCOMPARE(detected.at(0).at(0).value<RigClient::Firmware>(), RigClient::Firmware::Rudebot);
    QCOMPARE(detected.at(0).at(1).toString(), QStringLiteral("1.0.0"));
    QCOMPARE(states.first().at(0).value<RigClient::State>(), RigClient::State::Connecting);
    QSignalSpy accepted(rig.client.get(), &RigClient::targetAccepted);
    QSignalSpy arrived(rig.client.get(), &RigClient::arrived);
    QSignalSpy actual(rig.client.get(), &RigClient::actualAngleChanged);
    rig.client->setTargetLogical(-20);  // default calibration: servo 70
    QVERIFY(arrived.wait(10000));
    QCOMPARE(arrived.at(0).at(0).toInt(), 70);
    QCOMPARE(accepted.at(0).at(0).toInt(), 70);
    QCOMPARE(actual.last().at(1).toDouble(), -20.0);
    QCOMPARE(rig.fw.angle(), 70);
    QCOMPARE(rig.fw.speed(), 5);
    QSignalSpy replied(rig.client.get(), &RigClient::lineReplied);
    QVERIFY(rig.client->sendLine("V"));
    QVERIFY(replied.wait(5000));
    QCOMPARE(replied.at(0).at(1).value<QList<QByteArray>>().value(0),
        QByteArray("Version: Rudebot firmware 1.0.0"));
    rig.client->stop();
    QCOMPARE(rig.client->state(), RigClient::State::Disconnected);
    QVERIFY(!rig.host.isOpen());
}

void TestRigClientAdapter::adapter_unpluggedCable_reconnects()
{
    LinkedRig rig;
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
    QTRY_VERIFY_WITH_TIMEOUT(rig.client->isAtTarget(), 10000);
    QCOMPARE(rig.fw.angle(), 140);
}

void TestRigClientAdapter::adapter_trace_logsEveryLineWithItsDirection()
{
    QLoggingCategory::setFilterRules(QStringLiteral("rudebot.rig.trace.debug=true"));
    const QtMessageHandler previous = qInstallMessageHandler(collectTrace);
    {
        LinkedRig rig;
        rig.client->start();
        QVERIFY(rig.waitReady());
        rig.client->sendLine("?");
        QTRY_VERIFY_WITH_TIMEOUT(g_trace.size() >= 5, 5000);
    }
    qInstallMessageHandler(previous);
    QLoggingCategory::setFilterRules(QString());
    QCOMPARE(g_trace.value(0), QStringLiteral("loopback host < Ready: Rudebot firmware 1.0.0"));
    QCOMPARE(g_trace.value(1), QStringLiteral("loopback host < OK: Good to go"));
    QCOMPARE(g_trace.value(2), QStringLiteral("loopback host > ?"));
    QVERIFY(g_trace.value(3).startsWith(QLatin1String("loopback host < Position: angle=90")));
    QCOMPARE(g_trace.value(4), QStringLiteral("loopback host < OK: Good to go"));
}

QTEST_GUILESS_MAIN(TestRigClientAdapter)
#include "tst_rig_client_adapter.moc"
