// The station end to end: real firmware in the virtual rig, real TLS sockets on 127.0.0.1,
// several clients, raw compatibility clients, failed authentication, override, park lock,
// the serial side killed and restarted, and hostile clients that must not hurt the others.
#include <QLocalSocket>
#include <QSslSocket>
#include <QTcpSocket>
#include <QtTest>

#include "station_fixture.h"
#include "support/line_collector.h"

using namespace rudebot;

namespace {

const int kLong = 30000;  // generous ceilings: a busy 2-core machine stalls for seconds

bool waitConnected(StationClient &c)
{
    return QTest::qWaitFor([&] { return c.status() == StationClient::Status::Connected; }, kLong);
}

qint64 rssKiB()
{
    QFile f("/proc/self/status");
    f.open(QIODevice::ReadOnly);
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    return -1;
}

}  // namespace

class TestStationIntegration : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void severalClients_allSeeTheRigTurn();
    void rawClient_getsFirmwareRepliesToItsOwnLines();
    void wrongSecret_isRejected_noMovesNoState();
    void wrongCertificate_clientRefusesStation();
    void plainTextOnTlsPort_movesNothing();
    void remoteLease_refusesSecondRemoteWithHolderName();
    void override_refusesRemotes_untilReleased();
    void parkLock_parksAndRefusesEveryone();
    void serialSideKilledAndRestarted_rigReachesLastTarget();
    void hostileClients_othersKeepWorking_memoryBounded();
    void calibrationChange_reachesRemotesAtOnce();

private:
    StationFixture *f = nullptr;
};

void TestStationIntegration::init()
{
    f = new StationFixture;
    QString error;
    QVERIFY2(f->start(0, &error), qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(f->client->state() == RigClient::State::Ready, kLong);
}

void TestStationIntegration::cleanup()
{
    delete f;
    f = nullptr;
}

void TestStationIntegration::severalClients_allSeeTheRigTurn()
{
    StationClient a, b, c;
    a.connectToStation(f->pairing(), "Rudy");
    b.connectToStation(f->pairing(), "Kim");
    c.connectToStation(f->pairing(), "Lee");
    QVERIFY(waitConnected(a) && waitConnected(b) && waitConnected(c));
    QTRY_COMPARE_WITH_TIMEOUT(a.state().clients.size(), 3, kLong);

    a.setTargetServo(120);
    for (StationClient *x : {&a, &b, &c}) {
        QTRY_COMPARE_WITH_TIMEOUT(x->state().target, 120, kLong);
        QTRY_COMPARE_WITH_TIMEOUT(x->state().angle, 120, kLong);
        QCOMPARE(x->state().firmware, QStringLiteral("rudebot"));
    }
    QVERIFY(f->rig.waitForAngle(120, 0.6, kLong));  // measured from the pulse, not reported
    QCOMPARE(a.state().holder, QStringLiteral("Rudy"));
    QVERIFY(a.lastRttMs() >= 0 || QSignalSpy(&a, &StationClient::rttMeasured).wait(kLong));
}

void TestStationIntegration::rawClient_getsFirmwareRepliesToItsOwnLines()
{
    QTcpSocket raw;
    raw.connectToHost(QHostAddress::LocalHost, f->station->rawPort());
    QVERIFY(raw.waitForConnected(kLong));
    LineCollector lines(&raw);
    raw.write("100\n");
    QVERIFY(lines.waitForLines(2, kLong));
    QCOMPARE(lines.take(), (QList<QByteArray>{"Input angle: 100", "OK: Good to go"}));
    raw.write("?\r\n");
    QVERIFY(lines.waitForLines(2, kLong));
    QVERIFY(lines.take(1).value(0).startsWith("Position: angle="));
    raw.write("abcdefgh\n");  // over-long: answered the firmware's way
    QVERIFY(lines.waitForLines(3, kLong));
    QCOMPARE(lines.take(2).value(1), QByteArray("Error: Angle more than 3 bytes"));
    QVERIFY(f->rig.waitForAngle(100, 0.6, kLong));
}

void TestStationIntegration::wrongSecret_isRejected_noMovesNoState()
{
    PairingInfo bad = f->pairing();
    bad.secret = QByteArray(32, 'x');
    StationClient c;
    QSignalSpy errors(&c, &StationClient::errorOccurred);
    QSignalSpy states(&c, &StationClient::stateReceived);
    c.connectToStation(bad, "Mallory");
    QTRY_COMPARE_WITH_TIMEOUT(c.status(), StationClient::Status::Rejected, kLong);
    QVERIFY(errors.size() >= 1);
    QVERIFY2(errors.last().at(0).toString().contains("pairing key"),
        qPrintable(errors.last().at(0).toString()));
    c.setTargetServo(10);  // nothing to send it on: it was disconnected
    QCOMPARE(states.size(), 0);
    QCOMPARE(f->client->targetServoDeg(), -1);
    QVERIFY(f->station->clients().isEmpty());
}

void TestStationIntegration::wrongCertificate_clientRefusesStation()
{
    PairingInfo bad = f->pairing();
    bad.fingerprint = QByteArray(64, 'a');
    StationClient c;
    QSignalSpy errors(&c, &StationClient::errorOccurred);
    c.connectToStation(bad, "Rudy");
    QVERIFY(errors.wait(kLong));
    QVERIFY2(errors.first().at(0).toString().contains("does not match the pairing"),
        qPrintable(errors.first().at(0).toString()));
    // Rejected for good: no silent retries against a station that is not the paired one.
    QCOMPARE(c.status(), StationClient::Status::Rejected);
    QVERIFY(!errors.wait(3000));
    QCOMPARE(errors.size(), 1);
    c.disconnectFromStation();
}

void TestStationIntegration::plainTextOnTlsPort_movesNothing()
{
    QTcpSocket s;
    s.connectToHost(QHostAddress::LocalHost, f->station->port());
    QVERIFY(s.waitForConnected(kLong));
    s.write("10\n{\"type\":\"target\",\"servo\":10}\n");
    QTRY_VERIFY_WITH_TIMEOUT(s.state() == QAbstractSocket::UnconnectedState, kLong);
    QCOMPARE(f->client->targetServoDeg(), -1);
}

void TestStationIntegration::remoteLease_refusesSecondRemoteWithHolderName()
{
    StationClient a, b;
    a.connectToStation(f->pairing(), "Rudy");
    b.connectToStation(f->pairing(), "Kim");
    QVERIFY(waitConnected(a) && waitConnected(b));
    QSignalSpy refusals(&b, &StationClient::refused);
    a.setTargetServo(60);
    QTRY_COMPARE_WITH_TIMEOUT(b.state().holder, QStringLiteral("Rudy"), kLong);
    b.setTargetServo(150);
    QVERIFY(refusals.wait(kLong));
    QVERIFY(refusals.first().at(0).toString().contains("Rudy is turning the rig"));
    QTRY_COMPARE_WITH_TIMEOUT(f->client->targetServoDeg(), 60, kLong);
}

void TestStationIntegration::override_refusesRemotes_untilReleased()
{
    StationClient office, remote;
    office.connectToOffice(f->officeSocket, "Front desk");
    remote.connectToStation(f->pairing(), "Rudy");
    QVERIFY(waitConnected(office) && waitConnected(remote));
    office.setOverride(true);
    QTRY_VERIFY_WITH_TIMEOUT(remote.state().overrideHeld, kLong);
    QCOMPARE(remote.state().overrideBy, QStringLiteral("Front desk"));

    QSignalSpy refusals(&remote, &StationClient::refused);
    remote.setTargetServo(30);
    QVERIFY(refusals.wait(kLong));
    QVERIFY2(
        refusals.first().at(0).toString().contains("Front desk in the office has taken control"),
        qPrintable(refusals.first().at(0).toString()));
    office.setTargetServo(140);  // the office's own dial always wins
    QVERIFY(f->rig.waitForAngle(140, 0.6, kLong));

    office.setOverride(false);
    QTRY_VERIFY_WITH_TIMEOUT(!remote.state().overrideHeld, kLong);
    remote.setTargetServo(30);
    QVERIFY(f->rig.waitForAngle(30, 0.6, kLong));
}

void TestStationIntegration::parkLock_parksAndRefusesEveryone()
{
    StationClient office, remote;
    office.connectToOffice(f->officeSocket, "Front desk");
    remote.connectToStation(f->pairing(), "Rudy");
    QVERIFY(waitConnected(office) && waitConnected(remote));
    remote.setTargetServo(170);
    QVERIFY(f->rig.waitForAngle(170, 0.6, kLong));
    office.setParkLock(true);
    QTRY_VERIFY_WITH_TIMEOUT(remote.state().parkLocked, kLong);
    // No park step in the calibration: the soft limit farthest from home (never home itself).
    QVERIFY(f->rig.waitForAngle(180, 0.6, kLong));

    QSignalSpy remoteRefusals(&remote, &StationClient::refused);
    remote.setTargetServo(10);
    QVERIFY(remoteRefusals.wait(kLong));
    QVERIFY(remoteRefusals.first().at(0).toString().contains("parked the camera for privacy"));
    QSignalSpy officeRefusals(&office, &StationClient::refused);
    office.setTargetServo(10);
    QVERIFY(officeRefusals.wait(kLong));
    QCOMPARE(f->client->targetServoDeg(), 180);

    office.setParkLock(false);
    QTRY_VERIFY_WITH_TIMEOUT(!remote.state().parkLocked, kLong);
    remote.setTargetServo(10);
    QVERIFY(f->rig.waitForAngle(10, 0.6, kLong));
}

void TestStationIntegration::serialSideKilledAndRestarted_rigReachesLastTarget()
{
    // Real time: the kill must land mid-move.
    delete f;
    f = new StationFixture;
    QString error;
    QVERIFY2(f->start(1, &error), qPrintable(error));
    StationClient remote;
    remote.connectToStation(f->pairing(), "Rudy");
    QVERIFY(waitConnected(remote));
    QTRY_COMPARE_WITH_TIMEOUT(remote.state().link, QStringLiteral("ready"), kLong);
    remote.setTargetServo(20);
    QVERIFY(f->rig.waitForAngle(60, 1, kLong));
    f->rig.kill();  // the Arduino is unplugged mid-move
    QTRY_VERIFY_WITH_TIMEOUT(remote.state().link != QStringLiteral("ready"), kLong);
    QVERIFY(f->rig.restart());  // plugged back in: a fresh board at 90 degrees
    QTRY_COMPARE_WITH_TIMEOUT(remote.state().link, QStringLiteral("ready"), kLong);
    QVERIFY(f->rig.waitForAngle(20, 0.6, kLong));
    QTRY_COMPARE_WITH_TIMEOUT(remote.state().angle, 20, kLong);
}

void TestStationIntegration::hostileClients_othersKeepWorking_memoryBounded()
{
    StationClient good;
    good.connectToStation(f->pairing(), "Rudy");
    QVERIFY(waitConnected(good));
    const qint64 rssBefore = rssKiB();

    // An authenticated client that sends a 1 MB line, then binary junk, then never reads.
    QSslSocket evil;
    evil.setPeerVerifyMode(QSslSocket::VerifyNone);
    evil.connectToHostEncrypted("127.0.0.1", f->station->port());
    QTRY_VERIFY_WITH_TIMEOUT(
        evil.isEncrypted(), kLong);  // no blocking waits: the station runs in this thread
    QTRY_VERIFY_WITH_TIMEOUT(evil.canReadLine(), kLong);
    const QJsonObject hello = QJsonDocument::fromJson(evil.readLine()).object();
    const QByteArray nonce = hello.value("nonce").toString().toLatin1();
    QVERIFY(!nonce.isEmpty());
    evil.write(station::encode({{"type", "auth"}, {"name", "Evil"},
        {"response", QString::fromLatin1(authResponse(f->secret, nonce, f->fingerprint))}}));
    evil.write(QByteArray(1024 * 1024, 'A') + "\n");
    QByteArray junk(64 * 1024, Qt::Uninitialized);
    for (char &c : junk)
        c = char(QRandomGenerator::global()->bounded(256));
    evil.write(junk);
    evil.setReadBufferSize(1);  // and from now on never reads

    // A client that never even starts TLS, and a slowloris on the raw port.
    QTcpSocket silent;
    silent.connectToHost(QHostAddress::LocalHost, f->station->port());
    QTcpSocket rawFlood;
    rawFlood.connectToHost(QHostAddress::LocalHost, f->station->rawPort());
    QVERIFY(rawFlood.waitForConnected(kLong));
    rawFlood.write(QByteArray(1024 * 1024, '7'));  // one endless line of digits

    // 200 simultaneous connections: most are refused before TLS, nobody else notices.
    QList<QTcpSocket *> crowd;
    for (int i = 0; i < 200; ++i) {
        auto *s = new QTcpSocket(this);
        s->connectToHost(QHostAddress::LocalHost, f->station->port());
        crowd.append(s);
    }
    QTRY_VERIFY2_WITH_TIMEOUT(f->station->refusedConnections() >= 150,
        qPrintable(
            QStringLiteral("refused %1, clients %2, crowd connected %3")
                .arg(f->station->refusedConnections())
                .arg(f->station->clients().size())
                .arg(std::count_if(crowd.begin(), crowd.end(),
                    [](QTcpSocket *s) { return s->state() == QAbstractSocket::ConnectedState; }))),
        kLong);

    // Meanwhile the good client turns the rig and sees it turn, and a state flood from many
    // moves does not pile up for the client that does not read.
    for (int target : {40, 140, 70}) {
        good.setTargetServo(target);
        QVERIFY(f->rig.waitForAngle(target, 0.6, kLong));
        QTRY_COMPARE_WITH_TIMEOUT(good.state().angle, target, kLong);
    }
    QSignalSpy pongs(&good, &StationClient::rttMeasured);
    QVERIFY(pongs.wait(kLong));

    const qint64 grownKiB = rssKiB() - rssBefore;
    qInfo("hostile: %lld connections refused before TLS, RSS grew %lld KiB, rtt %d ms",
        f->station->refusedConnections(), grownKiB, good.lastRttMs());
    QVERIFY2(grownKiB < 64 * 1024, qPrintable(QString::number(grownKiB)));
    qDeleteAll(crowd);
}

void TestStationIntegration::calibrationChange_reachesRemotesAtOnce()
{
    StationClient remote;
    remote.connectToStation(f->pairing(), "Rudy");
    QVERIFY(waitConnected(remote));
    Calibration cal = f->client->calibration();
    cal.minLogicalDeg = -33;
    cal.maxLogicalDeg = 44;
    cal.hfovDeg = 72;
    f->client->setCalibration(cal);  // the office finished the wizard: no rig move involved
    QTRY_COMPARE_WITH_TIMEOUT(remote.state().calibration.minLogicalDeg, -33.0, kLong);
    QCOMPARE(remote.state().calibration.maxLogicalDeg, 44.0);
    QCOMPARE(remote.state().calibration.hfovDeg, 72.0);
}

QTEST_MAIN(TestStationIntegration)
#include "tst_station_integration.moc"
