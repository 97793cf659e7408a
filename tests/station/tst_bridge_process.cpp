// rudebot-bridge as its users run it: a process with flags or a config file, in front of the
// virtual rig, secure with no configuration, and clear about bad input. rudebotctl against it:
// tst_bridge_rudebotctl.cpp.
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <sys/types.h>

#include "remote/station_client.h"
#include "station/pairing.h"
#include "support/bridge_process.h"
#include "support/child_processes.h"
#include "support/free_port.h"
#include "support/line_collector.h"
#include "support/virtual_rig.h"

using namespace rudebot;

namespace {

const int kLong = 30000;

// Runs the bridge to completion (for argument errors); returns the exit code.
int runToEnd(const QStringList &args, QByteArray *stderrOut)
{
    QProcess p;
    p.start(QStringLiteral(RUDEBOT_BRIDGE_PATH), args);
    p.waitForFinished(kLong);
    *stderrOut = p.readAllStandardError();
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

}  // namespace

class TestBridgeProcess : public QObject {
    Q_OBJECT

private slots:
    void badInput_exitsTwoWithOneLineReason_data();
    void badInput_exitsTwoWithOneLineReason();
    void noConfiguration_isSecure_pairsAndTurnsTheRig();
    void directionStated_remotesAreToldItIsChecked_data();
    void directionStated_remotesAreToldItIsChecked();
    void secretReadableByOthers_refusesToStart();
    void configFile_enablesRawModeOnLoopback();
    void portTaken_exitsWithTheReasonAndTheFix();
    void cameraRequiredButAbsent_exitsWithTheFix();
    void cameraAuto_withoutWebcam_servesTheRigWithoutVideo();
    void quitSignal_endsTheBridgeCleanly_andItsVirtualRig_data();
    void quitSignal_endsTheBridgeCleanly_andItsVirtualRig();
};

void TestBridgeProcess::badInput_exitsTwoWithOneLineReason_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("reason");
    QTest::newRow("no rig") << QStringList{} << "no rig";
    QTest::newRow("two rigs") << QStringList{"--serial", "/dev/x", "--connect", "h:1"}
                              << "two rigs";
    QTest::newRow("bad listen") << QStringList{"--serial", "/dev/x", "--listen", "here"}
                                << "--listen must be HOST:PORT";
    QTest::newRow("bad min") << QStringList{"--serial", "/dev/x", "--min", "left"}
                             << "--min must be a number";
    QTest::newRow("limits crossed")
        << QStringList{"--serial", "/dev/x", "--min", "30", "--max", "-30"} << "calibration:";
    QTest::newRow("unknown flag") << QStringList{"--serial", "/dev/x", "--colour", "red"}
                                  << "Unknown option";
    QTest::newRow("speed zero") << QStringList{"--serial", "/dev/x", "--speed", "0"}
                                << "--speed must be a number from 1 to 99";
    QTest::newRow("speed fraction")
        << QStringList{"--serial", "/dev/x", "--speed", "2.5"} << "--speed must be a whole number";
    QTest::newRow("bad usb") << QStringList{"--serial", "/dev/x", "--usb", "arduino"}
                             << "--usb must be";
    QTest::newRow("missing config")
        << QStringList{"--config", "/nonexistent/bridge.conf"} << "cannot read the config file";
}

void TestBridgeProcess::badInput_exitsTwoWithOneLineReason()
{
    QFETCH(QStringList, args);
    QFETCH(QString, reason);
    QByteArray err;
    QCOMPARE(runToEnd(args, &err), 2);
    QVERIFY2(err.startsWith("rudebot-bridge: "), err.constData());
    QVERIFY2(err.contains(reason.toUtf8()), err.constData());
    QCOMPARE(err.count('\n'), 1);
}

void TestBridgeProcess::noConfiguration_isSecure_pairsAndTurnsTheRig()
{
    VirtualRig rig;
    QVERIFY2(rig.start({}), qPrintable(rig.errorString()));
    QTemporaryDir data;
    BridgeProcess bridge;
    const QStringList args{"--serial", rig.linkPath(), "--listen", "127.0.0.1:0", "--advertise",
        "127.0.0.1", "--data-dir", data.filePath("station"), "--office-socket",
        data.filePath("office.sock")};
    // As under systemd without a login session: no runtime directory.
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("XDG_RUNTIME_DIR"));
    bridge.proc.setProcessEnvironment(env);
    QVERIFY2(bridge.start(args), bridge.err.constData());
    QVERIFY2(!bridge.pairingLink.isEmpty(), bridge.out.constData());  // first start: shown once
    // A real board on the default calibration: nobody checked which way it turns, and it says so.
    QVERIFY2(bridge.out.contains("Nobody has checked which way this rig turns"),
        bridge.out.constData());

    // The secret and the key are the owner's alone.
    for (const char *name : {"station", "station/pairing-secret", "station/station-key.pem"}) {
        const QFile::Permissions p = QFileInfo(data.filePath(name)).permissions();
        QCOMPARE(p & (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther),
            QFile::Permissions());
    }
    QString error;
    const auto pairing = PairingInfo::fromUri(bridge.pairingLink, &error);
    QVERIFY2(pairing, qPrintable(error));

    StationClient remote;
    remote.connectToStation(*pairing, "Rudy");
    QTRY_COMPARE_WITH_TIMEOUT(remote.status(), StationClient::Status::Connected, kLong);
    QTRY_COMPARE_WITH_TIMEOUT(remote.state().link, QStringLiteral("ready"), kLong);
    QVERIFY(!remote.state().directionChecked);  // so the remote says so
    remote.setTargetServo(45);
    QVERIFY(rig.waitForAngle(45, 0.6, kLong));
    remote.disconnectFromStation();

    // A restart keeps the same identity: paired remotes need not pair again.
    bridge.proc.terminate();
    QVERIFY(bridge.proc.waitForFinished(kLong));
    // Its log is for people: words, not enum names, and no warning from Qt about the runtime
    // directory it was given.
    bridge.err += bridge.proc.readAllStandardError();
    QVERIFY2(bridge.err.contains("rudebot-bridge: rig ready\n"), bridge.err.constData());
    QVERIFY2(bridge.err.contains("rudebot-bridge: firmware: Rudebot"), bridge.err.constData());
    QVERIFY2(!bridge.err.contains("permissions"), bridge.err.constData());
    BridgeProcess again;
    QVERIFY2(again.start(args), again.err.constData());
    // The link is a password: a service's log must not get it at every restart.
    QVERIFY2(again.pairingLink.isEmpty() && !again.out.contains("key="), again.out.constData());
    QVERIFY2(again.out.contains("rudebot-bridge pair"), again.out.constData());
    // Asked for, it is the same link: paired remotes need not pair again.
    QProcess pair;
    pair.start(QStringLiteral(RUDEBOT_BRIDGE_PATH),
        {"pair", "--data-dir", data.filePath("station"), "--advertise", "127.0.0.1"});
    QVERIFY(pair.waitForFinished(kLong));
    QCOMPARE(pair.exitCode(), 0);
    const auto second =
        PairingInfo::fromUri(QString::fromUtf8(pair.readAllStandardOutput()), &error);
    QVERIFY2(second, qPrintable(error));
    QCOMPARE(second->fingerprint, pairing->fingerprint);
    QCOMPARE(second->secret, pairing->secret);
}

void TestBridgeProcess::directionStated_remotesAreToldItIsChecked_data()
{
    QTest::addColumn<QStringList>("flags");
    QTest::addColumn<bool>("inverted");
    QTest::newRow("--inverted") << QStringList{"--inverted"} << true;
    QTest::newRow("--direction-checked") << QStringList{"--direction-checked"} << false;
}

// Whoever starts the bridge with the direction (or says the default was checked) has checked it.
void TestBridgeProcess::directionStated_remotesAreToldItIsChecked()
{
    QFETCH(QStringList, flags);
    QFETCH(bool, inverted);
    VirtualRig rig;
    QVERIFY2(rig.start({}), qPrintable(rig.errorString()));
    QTemporaryDir data;
    BridgeProcess bridge;
    QVERIFY2(bridge.start(QStringList{"--serial", rig.linkPath(), "--listen", "127.0.0.1:0",
                              "--advertise", "127.0.0.1", "--camera", "none", "--data-dir",
                              data.filePath("station"), "--office-socket",
                              data.filePath("office.sock")}
                 + flags),
        bridge.err.constData());
    QVERIFY2(!bridge.out.contains("Nobody has checked"), bridge.out.constData());
    QString error;
    const auto pairing = PairingInfo::fromUri(bridge.pairingLink, &error);
    QVERIFY2(pairing, qPrintable(error));
    StationClient remote;
    remote.connectToStation(*pairing, "Rudy");
    QTRY_COMPARE_WITH_TIMEOUT(remote.status(), StationClient::Status::Connected, kLong);
    QVERIFY(remote.state().directionChecked);
    QCOMPARE(remote.state().calibration.inverted, inverted);
}

void TestBridgeProcess::secretReadableByOthers_refusesToStart()
{
    QTemporaryDir data;
    QByteArray err;
    QCOMPARE(runToEnd({"--print-pairing", "--data-dir", data.path()}, &err), 0);
    QFile::setPermissions(
        data.filePath("pairing-secret"), QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther);
    QCOMPARE(runToEnd({"--print-pairing", "--data-dir", data.path()}, &err), 1);
    QVERIFY2(err.contains("readable by other users") && err.contains("chmod 600"), err.constData());
}

void TestBridgeProcess::configFile_enablesRawModeOnLoopback()
{
    VirtualRig rig;
    QVERIFY2(rig.start({}), qPrintable(rig.errorString()));
    QTemporaryDir data;
    const quint16 rawPort = freeLoopbackPort();
    QFile conf(data.filePath("bridge.conf"));
    QVERIFY(conf.open(QIODevice::WriteOnly));
    conf.write(QStringLiteral("serial=%1\nlisten=127.0.0.1:0\nraw-listen=%2\nname=Compat\n")
                   .arg(rig.linkPath())
                   .arg(rawPort)
                   .toUtf8());
    conf.close();
    BridgeProcess bridge;
    QVERIFY2(bridge.start({"--config", conf.fileName(), "--data-dir", data.path(), "--advertise",
                 "127.0.0.1", "--office-socket", data.filePath("office.sock")}),
        bridge.err.constData());
    QVERIFY2(
        bridge.out.contains("127.0.0.1:" + QByteArray::number(rawPort)), bridge.out.constData());

    // A tool written for tcp_serial_redirect.py: plain angle lines, the firmware's replies.
    QTcpSocket raw;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            raw.abort();
            raw.connectToHost(QHostAddress::LocalHost, rawPort);
            return raw.waitForConnected(1000);
        }(),
        kLong);
    LineCollector lines(&raw);
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {  // until the station has the rig (it answers "not connected" before)
            raw.write("V\n");
            lines.waitForLines(2, kLong);
            return lines.take(2).value(0).startsWith("Version: Rudebot firmware");
        }(),
        kLong);
    raw.write("33\n");
    QVERIFY(lines.waitForLines(2, kLong));
    QCOMPARE(lines.take(), (QList<QByteArray>{"Input angle: 33", "OK: Good to go"}));
    QVERIFY(rig.waitForAngle(33, 0.6, kLong));
}

void TestBridgeProcess::portTaken_exitsWithTheReasonAndTheFix()
{
    QTcpServer taken;
    QVERIFY(taken.listen(QHostAddress::LocalHost, 0));
    QTemporaryDir data;
    QByteArray err;
    QCOMPARE(runToEnd({"--serial", "/dev/null", "--camera", "none", "--listen",
                          QStringLiteral("127.0.0.1:%1").arg(taken.serverPort()), "--data-dir",
                          data.path(), "--office-socket", data.filePath("office.sock")},
                 &err),
        1);
    QVERIFY2(err.contains("Cannot listen on 127.0.0.1 port")
            && err.contains("another Rudebot station") && err.contains("--listen"),
        err.constData());
}

void TestBridgeProcess::cameraRequiredButAbsent_exitsWithTheFix()
{
    // These machines have no webcam (see PLATFORM-NOTES), so asking for one must fail clearly.
    QTemporaryDir data;
    QByteArray err;
    QCOMPARE(runToEnd({"--serial", "/dev/null", "--camera", "default", "--listen", "127.0.0.1:0",
                          "--data-dir", data.path()},
                 &err),
        1);
    QVERIFY2(err.contains("No camera found") && err.contains("--camera none"), err.constData());
}

void TestBridgeProcess::cameraAuto_withoutWebcam_servesTheRigWithoutVideo()
{
    VirtualRig rig;
    QVERIFY2(rig.start({}), qPrintable(rig.errorString()));
    QTemporaryDir data;
    BridgeProcess bridge;
    QVERIFY2(
        bridge.start({"--serial", rig.linkPath(), "--listen", "127.0.0.1:0", "--advertise",
            "127.0.0.1", "--data-dir", data.path(), "--office-socket", data.filePath("o.sock")}),
        bridge.err.constData());
    QTRY_VERIFY_WITH_TIMEOUT(
        (bridge.err += bridge.proc.readAllStandardError()).contains("serving without video"),
        kLong);
    QVERIFY(!bridge.out.contains("Video ("));
    QString error;
    StationClient remote;
    remote.connectToStation(*PairingInfo::fromUri(bridge.pairingLink, &error), "Rudy");
    QTRY_COMPARE_WITH_TIMEOUT(remote.status(), StationClient::Status::Connected, kLong);
    QCOMPARE(remote.state().videoPort, quint16(0));
}

void TestBridgeProcess::quitSignal_endsTheBridgeCleanly_andItsVirtualRig_data()
{
    QTest::addColumn<int>("signal");
    QTest::newRow("SIGTERM (systemd stop)") << int(SIGTERM);
    QTest::newRow("SIGINT (Ctrl+C)") << int(SIGINT);
}

// systemd stops the service with SIGTERM: the bridge must leave through its event loop (every
// destructor run, the rig let go, the simulator stopped), not die of the signal.
void TestBridgeProcess::quitSignal_endsTheBridgeCleanly_andItsVirtualRig()
{
    QFETCH(int, signal);
    QTemporaryDir data;
    BridgeProcess bridge;
    QVERIFY2(
        bridge.start({"--virtual-rig", "--camera", "none", "--listen", "127.0.0.1:0", "--advertise",
            "127.0.0.1", "--data-dir", data.path(), "--office-socket", data.filePath("o.sock")}),
        bridge.err.constData());
    QTRY_VERIFY_WITH_TIMEOUT(
        (bridge.err += bridge.proc.readAllStandardError()).contains("rig ready"), kLong);
    const QList<qint64> sims = childProcesses(bridge.proc.processId(), "rudebot-sim");
    QCOMPARE(sims.size(), 1);

    QCOMPARE(::kill(pid_t(bridge.proc.processId()), signal), 0);
    QVERIFY(bridge.proc.waitForFinished(kLong));
    QCOMPARE(bridge.proc.exitStatus(), QProcess::NormalExit);  // quit, not killed by the signal
    QCOMPARE(bridge.proc.exitCode(), 0);
    QVERIFY2(QTest::qWaitFor([&] { return processExited(sims.first()); }, kLong),
        "rudebot-sim outlived the bridge");
}

QTEST_MAIN(TestBridgeProcess)
#include "tst_bridge_process.moc"