// A remote's speed choice, through a real station in front of the real firmware: its moves turn
// at the speed it chose, clamped to the station's calibrated speed (never faster) and the
// firmware's slowest; the office always turns at the calibrated speed; and the state tells
// remotes the limit. The firmware's own "?" answer says
// what speed it turns at (ms_per_deg), so nothing here is timed.
#include <QtTest>

#include "station_fixture.h"

using namespace rudebot;

namespace {

const int kLong = 30000;

// The ms_per_deg the firmware reports now, asked through the station as a remote would.
int boardSpeed(StationClient &remote)
{
    QSignalSpy replied(&remote, &StationClient::lineReplied);
    remote.sendLine("?");
    if (!replied.wait(kLong))
        return -1;
    for (const QByteArray &line : replied.first().first().value<QList<QByteArray>>()) {
        const int at = line.indexOf("ms_per_deg=");
        if (at >= 0)
            return line.mid(at + 11).toInt();
    }
    return -1;
}

}  // namespace

class TestStationSpeed : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void remoteChoice_turnsAtIt_withinTheCalibratedLimit();
    void officeMoves_alwaysAtTheCalibratedSpeed();
    void choice_isSentAgainAfterAReconnect();

private:
    void connectRemote(StationClient &remote, const QString &name);
    void moveAndSettle(StationClient &remote, double servoDeg);

    StationFixture *f = nullptr;
};

void TestStationSpeed::init()
{
    f = new StationFixture;
    QString error;
    QVERIFY2(f->start(0, &error), qPrintable(error));
    f->station->setCalibratedSpeed(20);
}

void TestStationSpeed::cleanup()
{
    delete f;
    f = nullptr;
}

void TestStationSpeed::connectRemote(StationClient &remote, const QString &name)
{
    remote.connectToStation(f->pairing(), name);
    QTRY_VERIFY_WITH_TIMEOUT(remote.status() == StationClient::Status::Connected
            && remote.state().link == QLatin1String("ready") && remote.state().angle >= 0,
        kLong);
}

void TestStationSpeed::moveAndSettle(StationClient &remote, double servoDeg)
{
    remote.setTargetServo(servoDeg);
    QVERIFY(f->rig.waitForAngle(servoDeg, 0.6, kLong));
}

void TestStationSpeed::remoteChoice_turnsAtIt_withinTheCalibratedLimit()
{
    StationClient remote;
    connectRemote(remote, QStringLiteral("Rudy"));
    QCOMPARE(remote.state().fastestMsPerDeg, 20);  // the limit, told to remotes
    // No choice: the calibrated speed.
    moveAndSettle(remote, 100);
    QCOMPARE(boardSpeed(remote), 20);
    // Slower than the limit: as chosen.
    remote.setSpeed(60);
    moveAndSettle(remote, 110);
    QCOMPARE(boardSpeed(remote), 60);
    // Faster than the calibration allows: the calibrated speed.
    remote.setSpeed(5);
    moveAndSettle(remote, 100);
    QCOMPARE(boardSpeed(remote), 20);
    // Back to "as fast as allowed"; the limit follows a new calibration.
    remote.setSpeed(0);
    f->station->setCalibratedSpeed(25);
    QTRY_COMPARE_WITH_TIMEOUT(remote.state().fastestMsPerDeg, 25, kLong);
    moveAndSettle(remote, 110);
    QCOMPARE(boardSpeed(remote), 25);
    // A choice past the firmware's slowest is refused and changes nothing.
    remote.setSpeed(60);
    moveAndSettle(remote, 100);
    QSignalSpy errors(&remote, &StationClient::errorOccurred);
    remote.setSpeed(150);
    QVERIFY(errors.wait(kLong));
    QVERIFY2(errors.first().first().toString().contains(QStringLiteral("ms_per_deg")),
        qPrintable(errors.first().first().toString()));
    moveAndSettle(remote, 110);
    QCOMPARE(boardSpeed(remote), 60);
}

void TestStationSpeed::officeMoves_alwaysAtTheCalibratedSpeed()
{
    StationClient remote;
    connectRemote(remote, QStringLiteral("Rudy"));
    remote.setSpeed(80);
    moveAndSettle(remote, 100);
    QCOMPARE(boardSpeed(remote), 80);
    QVERIFY(!f->station->officeSetTarget(-20));  // logical; the office always wins
    QTRY_VERIFY_WITH_TIMEOUT(!f->client->isMoving() && f->client->hasActualAngle()
            && std::abs(f->client->actualLogicalDeg() + 20) < 1,
        kLong);
    QCOMPARE(boardSpeed(remote), 20);  // the slow remote's choice was its own
}

void TestStationSpeed::choice_isSentAgainAfterAReconnect()
{
    StationClient remote;
    remote.setSpeed(45);  // chosen before connecting: sent once the station lets us in
    connectRemote(remote, QStringLiteral("Rudy"));
    moveAndSettle(remote, 100);
    QCOMPARE(boardSpeed(remote), 45);
    // The station forgets a client's choice with its connection; the client tells it again.
    remote.disconnectFromStation();
    QTRY_COMPARE_WITH_TIMEOUT(remote.status(), StationClient::Status::Disconnected, kLong);
    StationClient other;
    connectRemote(other, QStringLiteral("Kim"));
    moveAndSettle(other, 110);
    QCOMPARE(boardSpeed(other), 20);  // Kim chose nothing: the calibrated speed
    other.disconnectFromStation();
    connectRemote(remote, QStringLiteral("Rudy"));
    moveAndSettle(remote, 100);
    QCOMPARE(boardSpeed(remote), 45);
}

QTEST_MAIN(TestStationSpeed)
#include "tst_station_speed.moc"
