// The same client through the bridges users run in front of the rig: pyserial's
// tcp_serial_redirect.py and ser2net 4 in raw mode, both on 127.0.0.1 only.
#include "integration_helpers.h"
#include "support/virtual_rig.h"

#include <QProcess>
#include <QTemporaryDir>

using namespace rudebot;

namespace {

struct Bridge {
    ~Bridge()
    {
        if (proc.state() != QProcess::NotRunning) {
            proc.terminate();
            if (!proc.waitForFinished(5000))
                proc.kill();
            proc.waitForFinished(5000);
        }
    }
    QProcess proc;
    QTemporaryDir dir;
    quint16 port = 0;
};

bool startRedirect(Bridge *b, const QString &device)
{
    b->port = freeLoopbackPort();
    // The unmodified script, with its listening socket confined to 127.0.0.1.
    b->proc.start(QStringLiteral("/usr/bin/python3"),
        {QStringLiteral(RUDEBOT_SUPPORT_DIR "/tcp_serial_redirect_loopback.py"),
            QStringLiteral("-q"), QStringLiteral("-P"), QString::number(b->port), device,
            QStringLiteral("115200")});
    return b->proc.waitForStarted(10000) && waitForListener(b->port, 15000);
}

bool startSer2net(Bridge *b, const QString &device)
{
    b->port = freeLoopbackPort();
    QFile config(b->dir.filePath(QStringLiteral("ser2net.yaml")));
    if (!config.open(QIODevice::WriteOnly))
        return false;
    // Raw TCP (no telnet), loopback only; "local" ignores modem lines a pty does not have.
    config.write(QStringLiteral("%YAML 1.1\n---\nconnection: &rig\n"
                                // nodelay: a reply is two short writes; with Nagle the second
                                // waits for the client's delayed ACK, 40 ms on Linux.
                                "    accepter: tcp(nodelay),127.0.0.1,%1\n"
                                "    connector: serialdev,%2,115200n81,local\n"
                                "    options:\n      kickolduser: true\n")
                     .arg(b->port)
                     .arg(device)
                     .toUtf8());
    config.close();
    b->proc.start(QStringLiteral("ser2net"),
        {QStringLiteral("-n"), QStringLiteral("-d"), QStringLiteral("-u"), QStringLiteral("-c"),
            config.fileName()});
    return b->proc.waitForStarted(10000) && waitForListener(b->port, 15000);
}

RigClientOptions bridgeOptions()
{
    RigClientOptions o;
    o.bootWaitMs = 500;  // no bootloader in the simulator; a bridge may not reset the board
    return o;
}

}  // namespace

class TestBridgesIntegration : public QObject {
    Q_OBJECT
private slots:
    void bridge_carriesTheConversation_data();
    void bridge_carriesTheConversation();
    void bridgeRestarted_clientReconnects_andReachesTheLastTarget();
};

void TestBridgesIntegration::bridge_carriesTheConversation_data()
{
    QTest::addColumn<QString>("bridge");
    QTest::addColumn<QString>("firmware");
    QTest::newRow("tcp_serial_redirect/rudebot") << "tcp_serial_redirect"
                                                 << "rudebot";
    QTest::newRow("tcp_serial_redirect/seedlike") << "tcp_serial_redirect"
                                                  << "seedlike";
    QTest::newRow("ser2net/rudebot") << "ser2net"
                                     << "rudebot";
    QTest::newRow("ser2net/seedlike") << "ser2net"
                                      << "seedlike";
}

void TestBridgesIntegration::bridge_carriesTheConversation()
{
    QFETCH(QString, bridge);
    QFETCH(QString, firmware);
    VirtualRig rig;
    VirtualRig::Options ro;
    ro.elf = VirtualRig::firmwarePath(firmware);
    ro.speed = 0;
    ro.resetOnOpen = true;
    QVERIFY2(rig.start(ro), qPrintable(rig.errorString()));
    Bridge b;
    const bool started = bridge == QLatin1String("ser2net") ? startSer2net(&b, rig.linkPath())
                                                            : startRedirect(&b, rig.linkPath());
    QVERIFY2(started, b.proc.readAllStandardError().constData());

    ClientOnLink c(tcpSettings(b.port), bridgeOptions());
    c.client->start();
    QVERIFY(c.waitReady(20000));
    const bool seed = firmware == QLatin1String("seedlike");
    QCOMPARE(c.client->firmware(), seed ? RigClient::Firmware::Seed : RigClient::Firmware::Rudebot);
    for (int target : {140, 35}) {
        QSignalSpy arrived(c.client.get(), &RigClient::arrived);
        c.client->setTargetServo(target);
        QVERIFY(arrived.wait(30000));
        QVERIFY2(
            rig.waitForAngle(target, 0.5, 5000), qPrintable(QString::number(rig.servo().angleDeg)));
    }
    if (!seed)
        qInfo("round trip through %s: %.2f ms (median of 50)", qPrintable(bridge),
            c.medianRoundTripMs(50));
    QCOMPARE(c.client->stats().errorReplies, seed ? 1 : 0);
    QCOMPARE(c.client->stats().timeouts, 0);
}

void TestBridgesIntegration::bridgeRestarted_clientReconnects_andReachesTheLastTarget()
{
    VirtualRig rig;
    VirtualRig::Options ro;
    ro.speed = 0;
    ro.resetOnOpen = true;
    QVERIFY2(rig.start(ro), qPrintable(rig.errorString()));
    auto bridge = std::make_unique<Bridge>();
    QVERIFY(startSer2net(bridge.get(), rig.linkPath()));
    RigClientOptions options = bridgeOptions();
    options.backoff = BackoffPolicy{100, 2.0, 1000};
    ClientOnLink c(tcpSettings(bridge->port), options);
    c.client->start();
    QVERIFY(c.waitReady(20000));
    const quint16 port = bridge->port;
    bridge.reset();  // the bridge goes away (SIGTERM)
    QTRY_VERIFY_WITH_TIMEOUT(c.client->state() != RigClient::State::Ready, 15000);
    c.client->setTargetServo(20);  // asked for while there is no bridge

    bridge = std::make_unique<Bridge>();
    bridge->port = port;
    QFile config(bridge->dir.filePath(QStringLiteral("ser2net.yaml")));
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write(QStringLiteral("connection: &rig\n    accepter: tcp,127.0.0.1,%1\n"
                                "    connector: serialdev,%2,115200n81,local\n")
                     .arg(port)
                     .arg(rig.linkPath())
                     .toUtf8());
    config.close();
    bridge->proc.start(QStringLiteral("ser2net"), {"-n", "-d", "-u", "-c", config.fileName()});
    QVERIFY(bridge->proc.waitForStarted(10000));
    QVERIFY2(rig.waitForAngle(20, 0.5, 30000), qPrintable(QString::number(rig.servo().angleDeg)));
    QTRY_VERIFY_WITH_TIMEOUT(c.client->isAtTarget(), 10000);
}

QTEST_GUILESS_MAIN(TestBridgesIntegration)
#include "tst_bridges_integration.moc"
