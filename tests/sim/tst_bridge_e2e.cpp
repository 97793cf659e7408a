// The original rig's set-up: pyserial's tcp_serial_redirect.py between the board and the
// network. A TCP client on 127.0.0.1 must get the firmware's replies through it.
#include <QProcess>
#include <QTcpSocket>
#include <QtTest>

#include "support/free_port.h"
#include "support/line_collector.h"
#include "support/virtual_rig.h"

class TestBridgeE2E : public QObject {
    Q_OBJECT

private slots:
    void tcpSerialRedirect_relaysRepliesBothWays();
};

void TestBridgeE2E::tcpSerialRedirect_relaysRepliesBothWays()
{
    VirtualRig rig;
    VirtualRig::Options o;
    o.resetOnOpen = true;  // the bridge opens the port once, like the original set-up
    QVERIFY2(rig.start(o), qPrintable(rig.errorString()));

    const quint16 port = freeLoopbackPort();
    QVERIFY(port);
    QProcess bridge;
    bridge.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    bridge.start(QStringLiteral("/usr/bin/python3"),
        {QStringLiteral(BRIDGE_SCRIPT), QStringLiteral("-P"), QString::number(port),
            QStringLiteral("-q"), rig.linkPath(), QStringLiteral("115200")});
    QVERIFY(bridge.waitForStarted());

    QTcpSocket sock;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            if (sock.state() == QAbstractSocket::ConnectedState)
                return true;
            sock.abort();
            sock.connectToHost(QHostAddress::LocalHost, port);
            return sock.waitForConnected(500);
        }(),
        20000);
    // The board reset when the bridge opened the port; its boot lines went to nobody.
    QVERIFY(rig.waitForResets(1, 20000));
    LineCollector lines(&sock);

    sock.write("135\r\nabc\n?\n");  // three lines at once are fine: ours never blocks
    QVERIFY(lines.waitForLines(6, 20000));
    // Unless the boot lines arrived just after we connected: both ("Ready: ...", "OK: Good
    // to go"), or the end of one (the redirect drops what comes before a client, so CI once
    // got an empty line, the "\n" of a "\r\n" cut in two). At most the banner's two lines.
    QList<QByteArray> got = lines.take(1);
    for (int skipped = 0; skipped < 2 && !got.value(0).startsWith("Input angle:"); ++skipped) {
        QVERIFY(lines.waitForLines(6, 20000));
        got = lines.take(1);
    }
    got += lines.take();
    QCOMPARE(got.value(0), QByteArray("Input angle: 135"));
    QCOMPARE(got.value(1), QByteArray("OK: Good to go"));
    QCOMPARE(got.value(2), QByteArray("Error: Bad input"));
    QCOMPARE(got.value(3), QByteArray("OK: Good to go"));
    QVERIFY2(got.value(4).startsWith("Position: angle="), got.value(4).constData());
    QVERIFY(got.value(4).contains("target=135"));
    QVERIFY(rig.waitForAngle(135, 0.6, 60000));

    bridge.terminate();
    if (!bridge.waitForFinished(10000))
        bridge.kill();
}

QTEST_GUILESS_MAIN(TestBridgeE2E)
#include "tst_bridge_e2e.moc"
