// rudebotctl, the office's and a remote's command-line tool, against a real rudebot-bridge in
// front of the virtual rig: the pairing link kept off the command line, moves, the office's
// override, clear reasons for a bad link, and targets past the limits.
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "station/pairing.h"
#include "support/bridge_process.h"
#include "support/free_port.h"
#include "support/virtual_rig.h"

using namespace rudebot;

namespace {

const int kLong = 30000;

struct Ctl {
    int code = -1;
    QByteArray out;
    QByteArray err;
};

Ctl rudebotctl(const QStringList &args, const QByteArray &input = {}, const QString &envLink = {})
{
    QProcess p;
    if (!envLink.isEmpty()) {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("RUDEBOT_STATION_LINK"), envLink);
        p.setProcessEnvironment(env);
    }
    p.start(QStringLiteral(RUDEBOT_CTL_PATH), args);
    p.write(input);
    p.closeWriteChannel();
    p.waitForFinished(60000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
        p.readAllStandardError()};
}

// A pairing link in a file of the user's own, as rudebotctl --station FILE takes it.
QString linkFile(const QTemporaryDir &dir, const QString &name, const QString &link)
{
    QFile f(dir.filePath(name));
    f.open(QIODevice::WriteOnly);
    f.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    f.write(link.toUtf8() + '\n');
    return f.fileName();
}

}  // namespace

class TestBridgeRudebotctl : public QObject {
    Q_OBJECT

private slots:
    void rudebotctl_drivesTheStationAsRemoteAndOffice();
    void rudebotctl_gotoPastTheLimit_endsOnceTheRigIsAtTheLimit();
};

void TestBridgeRudebotctl::rudebotctl_drivesTheStationAsRemoteAndOffice()
{
    VirtualRig rig;
    QVERIFY2(rig.start({}), qPrintable(rig.errorString()));
    QTemporaryDir data;
    const QString office = data.filePath("office.sock");
    BridgeProcess bridge;
    QVERIFY2(bridge.start({"--serial", rig.linkPath(), "--listen", "127.0.0.1:0", "--advertise",
                 "127.0.0.1", "--data-dir", data.path(), "--office-socket", office, "--lease", "0",
                 "--speed", "12"}),
        bridge.err.constData());
    const QString link = linkFile(data, "office.link", bridge.pairingLink);

    // The link is a password: refused on the command line (every user's ps shows it), with
    // the ways that keep it private; standard input and the environment work.
    Ctl r0 = rudebotctl({"--station", bridge.pairingLink, "status"});
    QCOMPARE(r0.code, 2);
    QVERIFY2(r0.err.contains("(ps)") && r0.err.contains("--station -")
            && r0.err.contains("RUDEBOT_STATION_LINK"),
        r0.err.constData());
    QVERIFY(QTest::qWaitFor(
        [&] {
            r0 = rudebotctl({"--station", "-", "status"}, bridge.pairingLink.toUtf8() + '\n');
            return r0.code == 0;
        },
        kLong));
    QVERIFY2(r0.out.contains("firmware="), r0.out.constData());
    r0 = rudebotctl({"status"}, {}, bridge.pairingLink);
    QVERIFY2(r0.code == 0 && r0.out.contains("firmware="), r0.err.constData());
    // A link file others can read is refused like the station's own secrets.
    QFile::setPermissions(link, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther);
    r0 = rudebotctl({"--station", link, "status"});
    QCOMPARE(r0.code, 2);
    QVERIFY2(r0.err.contains("readable by other users") && r0.err.contains("chmod 600"),
        r0.err.constData());
    QFile::setPermissions(link, QFile::ReadOwner | QFile::WriteOwner);

    // The configured speed reaches the board, and again after the board restarts (it forgets).
    Ctl r;
    const auto speedReached = [&] {
        return QTest::qWaitFor(
            [&] {
                r = rudebotctl({"--station", link, "send", "?"});
                return r.out.contains("ms_per_deg=12");
            },
            kLong);
    };
    QVERIFY2(speedReached(), r.out.constData());
    QVERIFY2(rig.restart(), qPrintable(rig.errorString()));
    QVERIFY2(speedReached(), r.out.constData());

    r = rudebotctl({"--station", link, "goto", "45", "--wait"});
    QVERIFY2(r.code == 0, r.err.constData());
    QVERIFY(rig.waitForAngle(45, 0.6, kLong));
    r = rudebotctl({"--station", link, "status"});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.contains("angle=45\n") && r.out.contains("firmware=rudebot"), r.out.constData());
    r = rudebotctl({"--station", link, "send", "V"});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.startsWith("Version: Rudebot firmware"), r.out.constData());

    QCOMPARE(rudebotctl({"--office", office, "override", "take"}).code, 0);
    r = rudebotctl({"--station", link, "goto", "100"});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains("in the office has taken control"), r.err.constData());
    // Named for the person who ran the office tool, not for the tool.
    QVERIFY2(!r.err.mid(r.err.indexOf(':') + 1).contains("rudebotctl"), r.err.constData());
    QCOMPARE(rudebotctl({"--office", office, "override", "release"}).code, 0);
    QCOMPARE(rudebotctl({"--station", link, "goto", "100", "--wait"}).code, 0);
    QVERIFY(rig.waitForAngle(100, 0.6, kLong));

    // A damaged link or a wrong key: a clear reason, no move.
    r = rudebotctl(
        {"--station", linkFile(data, "bad.link", "rudebot://127.0.0.1:1/?fp=zz"), "status"});
    QCOMPARE(r.code, 2);
    QVERIFY(r.err.contains("not a Rudebot pairing link"));
    QString error;
    auto wrong = PairingInfo::fromUri(bridge.pairingLink, &error);
    wrong->secret = QByteArray(32, 'w');
    r = rudebotctl({"--station", linkFile(data, "wrong-key.link", wrong->toUri()), "goto", "10"});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains("pairing key"), r.err.constData());
    wrong = PairingInfo::fromUri(bridge.pairingLink, &error);
    wrong->fingerprint = QByteArray(64, 'a');
    r = rudebotctl({"--station", linkFile(data, "wrong-fp.link", wrong->toUri()), "goto", "10"});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains("does not match the pairing"), r.err.constData());
    // Nobody listening: the reason it could not connect, not only that it gave up.
    wrong->port = freeLoopbackPort();
    r = rudebotctl(
        {"--station", linkFile(data, "nobody.link", wrong->toUri()), "--timeout", "3", "status"});
    QCOMPARE(r.code, 3);
    QVERIFY2(r.err.contains("Cannot reach the station"), r.err.constData());
    QVERIFY(qAbs(rig.servo().angleDeg - 100) < 0.6);
}

// rudebotctl does not predict the station's limits: it learns that the station took the target
// (clamped by the station's rig client) from the order of the station's answers.
void TestBridgeRudebotctl::rudebotctl_gotoPastTheLimit_endsOnceTheRigIsAtTheLimit()
{
    VirtualRig rig;
    QVERIFY2(rig.start({}), qPrintable(rig.errorString()));
    QTemporaryDir data;
    BridgeProcess bridge;
    QVERIFY2(
        bridge.start({"--serial", rig.linkPath(), "--camera", "none", "--listen", "127.0.0.1:0",
            "--advertise", "127.0.0.1", "--data-dir", data.path(), "--office-socket",
            data.filePath("o.sock"), "--min", "-30", "--max", "30"}),  // servo 60..120
        bridge.err.constData());
    const QString link = linkFile(data, "office.link", bridge.pairingLink);
    Ctl r = rudebotctl({"--station", link, "goto", "170", "--wait"});
    QVERIFY2(r.code == 0, r.err.constData());
    QVERIFY(rig.waitForAngle(120, 0.6, kLong));
    r = rudebotctl({"--station", link, "goto", "--logical", "-50", "--wait"});
    QVERIFY2(r.code == 0, r.err.constData());
    QVERIFY(rig.waitForAngle(60, 0.6, kLong));
    r = rudebotctl({"--station", link, "goto", "100"});  // without --wait: taken
    QVERIFY2(r.code == 0, r.err.constData());
    QVERIFY(rig.waitForAngle(100, 0.6, kLong));
}

QTEST_MAIN(TestBridgeRudebotctl)
#include "tst_bridge_rudebotctl.moc"
