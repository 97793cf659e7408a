// The station as rudebot-bridge, the office view and the demo build it (StationHost): on the
// virtual rig running the real firmware, it serves a paired client over TLS on 127.0.0.1, turns
// the servo where the client asks (logical degrees through the calibration), and streams the
// virtual camera; and it says clearly why it cannot start.
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

#include "comms/rig_client.h"
#include "remote/station_client.h"
#include "station/station_host.h"
#include "station/station_video.h"
#include "support/virtual_rig.h"

using namespace rudebot;

namespace {

const int kLong = 60000;

StationHostSettings virtualRigSettings(const QString &dataDir)
{
    StationHostSettings h;
    h.dataDir = dataDir;
    h.advertisedHost = QStringLiteral("127.0.0.1");
    h.virtualRig = true;
    h.sim.program = VirtualRig::simulatorPath();
    h.sim.speed = 0;  // unpaced
    h.sim.hold = true;
    h.calibration.homeServoDeg = 90;
    h.calibration.minLogicalDeg = -60;
    h.calibration.maxLogicalDeg = 60;
    h.station.name = QStringLiteral("Host test");
    h.station.listenAddress = QHostAddress::LocalHost;
    h.station.port = 0;
    h.camera = StationHostSettings::Camera::Virtual;
    h.virtualCamera.resolution = {320, 180};
    h.videoAddress = QHostAddress::LocalHost;
    h.videoPort = 0;
    return h;
}

}  // namespace

class TestStationHost : public QObject {
    Q_OBJECT
private slots:
    void virtualRig_servesAPairedClient_andTurnsTheServo();
    void targets_areConvertedAndClampedOnce_byTheRigClient();
    void identityThatCannotBeMade_failsAtStart();
    void takenPort_failsAtStart_withTheListenFailure();
    void missingSimulator_failsWithTheVirtualRigFailure();
};

void TestStationHost::virtualRig_servesAPairedClient_andTurnsTheServo()
{
    QTemporaryDir dir;
    StationHost host(virtualRigSettings(dir.filePath(QStringLiteral("station"))));
    QVERIFY(host.rig() && host.simulator());
    double servoDeg = -1;
    connect(host.simulator(), &SimRigProcess::servoChanged, this,
        [&](const ServoSample &s) { servoDeg = s.angleDeg; });
    QSignalSpy ready(&host, &StationHost::ready);
    QSignalSpy failed(&host, &StationHost::failed);
    QSignalSpy frames(&host, &StationHost::frameReady);
    QString error;
    QVERIFY2(host.start(&error), qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(!ready.isEmpty() || !failed.isEmpty(), kLong);
    QVERIFY2(failed.isEmpty(), qPrintable(failed.value(0).value(1).toString()));
    QVERIFY(host.isReady() && host.station() && host.video());
    QVERIFY(host.video()->port() != 0);
    QTRY_VERIFY_WITH_TIMEOUT(!frames.isEmpty(), kLong);  // the camera feeds the stream

    // The identity is private to its owner.
    const QFile::Permissions p = QFileInfo(dir.filePath(QStringLiteral("station"))).permissions();
    QCOMPARE(p & (QFile::ReadGroup | QFile::ReadOther | QFile::WriteOther), QFile::Permissions());

    const PairingInfo pairing = host.pairing();
    QCOMPARE(pairing.host, QStringLiteral("127.0.0.1"));
    QCOMPARE(pairing.port, host.station()->port());
    StationClient remote;
    remote.connectToStation(pairing, QStringLiteral("Rudy"));
    QTRY_COMPARE_WITH_TIMEOUT(remote.status(), StationClient::Status::Connected, kLong);
    QTRY_COMPARE_WITH_TIMEOUT(remote.state().link, QStringLiteral("ready"), kLong);
    QCOMPARE(remote.state().videoPort, host.video()->port());
    remote.setTargetLogical(25);  // home 90, not inverted: servo 115
    QTRY_VERIFY_WITH_TIMEOUT(qAbs(servoDeg - 115) < 0.6, kLong);
}

// Remotes and the office send targets as they were asked for (logical or servo degrees, past
// the limits or not); the station passes them on and the rig client converts and clamps, so the
// servo ends where the calibration says. Inverted, home 90, limits -60..60: servo 30..150.
void TestStationHost::targets_areConvertedAndClampedOnce_byTheRigClient()
{
    QTemporaryDir dir;
    StationHostSettings h = virtualRigSettings(dir.path());
    h.calibration.inverted = true;
    h.camera = StationHostSettings::Camera::None;
    StationHost host(h);
    double servoDeg = -1;
    connect(host.simulator(), &SimRigProcess::servoChanged, this,
        [&](const ServoSample &s) { servoDeg = s.angleDeg; });
    QSignalSpy ready(&host, &StationHost::ready);
    QString error;
    QVERIFY2(host.start(&error), qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(!ready.isEmpty(), kLong);
    StationClient remote;
    remote.connectToStation(host.pairing(), QStringLiteral("Rudy"));
    QTRY_COMPARE_WITH_TIMEOUT(remote.state().link, QStringLiteral("ready"), kLong);

    remote.setTargetLogical(25);  // inverted: servo 90 - 25
    QTRY_VERIFY_WITH_TIMEOUT(qAbs(servoDeg - 65) < 0.6, kLong);
    remote.setTargetLogical(170);  // past the right limit: logical 60, servo 30
    QTRY_VERIFY_WITH_TIMEOUT(qAbs(servoDeg - 30) < 0.6, kLong);
    QTRY_COMPARE_WITH_TIMEOUT(remote.state().target, 30, kLong);
    remote.setTargetServo(170);  // servo degrees, past the left limit: servo 150
    QTRY_VERIFY_WITH_TIMEOUT(qAbs(servoDeg - 150) < 0.6, kLong);
    QVERIFY(!host.station()->officeSetTarget(-20));  // the office, logical: servo 110
    QTRY_VERIFY_WITH_TIMEOUT(qAbs(servoDeg - 110) < 0.6, kLong);
    QCOMPARE(host.rig()->targetServoDeg(), 110);
}

void TestStationHost::identityThatCannotBeMade_failsAtStart()
{
    QTemporaryDir dir;
    QFile blocker(dir.filePath(QStringLiteral("file")));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    StationHostSettings h;
    h.dataDir = dir.filePath(QStringLiteral("file/station"));  // under a file: cannot be made
    h.link.path = QStringLiteral("/dev/null");
    h.station.listenAddress = QHostAddress::LocalHost;
    h.station.port = 0;
    StationHost host(h);
    QString error;
    QVERIFY(!host.start(&error));
    QCOMPARE(host.failure(), StationHost::Failure::Identity);
    QVERIFY2(error.contains(h.dataDir), qPrintable(error));
    QVERIFY(!host.isReady());
}

void TestStationHost::takenPort_failsAtStart_withTheListenFailure()
{
    QTcpServer taken;
    QVERIFY(taken.listen(QHostAddress::LocalHost, 0));
    QTemporaryDir dir;
    StationHostSettings h;
    h.dataDir = dir.path();
    h.link.path = QStringLiteral("/dev/null");
    h.station.listenAddress = QHostAddress::LocalHost;
    h.station.port = taken.serverPort();
    StationHost host(h);
    QString error;
    QVERIFY(!host.start(&error));
    QCOMPARE(host.failure(), StationHost::Failure::Listen);
    QVERIFY2(error.contains(QString::number(taken.serverPort())), qPrintable(error));
}

void TestStationHost::missingSimulator_failsWithTheVirtualRigFailure()
{
    QTemporaryDir dir;
    StationHostSettings h = virtualRigSettings(dir.path());
    h.sim.program = dir.filePath(QStringLiteral("no-such-simulator"));
    StationHost host(h);
    QSignalSpy failed(&host, &StationHost::failed);
    QString error;
    QVERIFY2(host.start(&error), qPrintable(error));  // the simulator's fate comes later
    QTRY_VERIFY_WITH_TIMEOUT(!failed.isEmpty(), kLong);
    QCOMPARE(failed.at(0).at(0).value<StationHost::Failure>(), StationHost::Failure::VirtualRig);
    QVERIFY(!host.isReady());
}

QTEST_MAIN(TestStationHost)
#include "tst_station_host.moc"
