// For tests of the real-time path between a real station and the real remote client: the
// station as StationHost builds it (the virtual rig running the real firmware, the timecode
// camera), and a network namespace of the test's own to run in, because libnice gathers no
// candidates on a bare loopback interface (tests/media/shaped_link.h gives it a veth).
#pragma once
#include <QCoreApplication>
#include <QGuiApplication>
#include <QProcess>
#include <QTest>

#include "media/shaped_link.h"
#include "station/station_host.h"
#include "support/virtual_rig.h"
#include "video/timecode.h"

namespace media_fixture {

inline rudebot::StationHostSettings stationSettings(const QString &dataDir)
{
    rudebot::StationHostSettings h;
    h.dataDir = dataDir;
    h.advertisedHost = QStringLiteral("127.0.0.1");
    h.virtualRig = true;
    h.sim.program = VirtualRig::simulatorPath();
    h.sim.speed = 1;  // real time: the rig turns while the picture travels
    h.calibration.homeServoDeg = 90;
    // The virtual camera turns left as the servo angle grows: inverted makes right right.
    h.calibration.inverted = true;
    h.msPerDeg = 30;  // 33 degrees a second
    h.calibration.minLogicalDeg = -80;
    h.calibration.maxLogicalDeg = 80;
    h.station.name = QStringLiteral("Media test");
    h.station.listenAddress = QHostAddress::LocalHost;
    h.station.port = 0;
    h.camera = rudebot::StationHostSettings::Camera::Virtual;
    h.virtualCamera.resolution = {640, 360};
    h.virtualCamera.fps = 15;
    h.virtualCamera.timecode = true;
    h.videoAddress = QHostAddress::LocalHost;
    h.videoPort = 0;
    return h;
}

// Runs this test program inside its own namespace (root: ip netns) and returns its exit
// status; inside (RUDEBOT_MEDIA_NETNS set) runs the test object.
template <class Test, class App = QGuiApplication>
int runInNamespace(int argc, char **argv, const char *tag)
{
    if (qEnvironmentVariableIsSet("RUDEBOT_MEDIA_NETNS")) {
        App app(argc, argv);
        Test test;
        return QTest::qExec(&test, argc, argv);
    }
    QCoreApplication app(argc, argv);
    ShapedLink link(QString::fromLatin1(tag));
    QString error;
    if (!link.setUp({}, 0, &error)) {
        fprintf(stderr, "cannot make a network namespace (root needed): %s\n", qPrintable(error));
        return 1;
    }
    QStringList args = QCoreApplication::arguments();
    QProcess inside;
    inside.setProcessChannelMode(QProcess::ForwardedChannels);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("RUDEBOT_MEDIA_NETNS"), link.name());
    inside.setProcessEnvironment(env);
    const QStringList command = link.wrap(args);
    inside.start(command.first(), command.mid(1));
    inside.waitForFinished(-1);
    return inside.exitStatus() == QProcess::NormalExit ? inside.exitCode() : 1;
}

// Inside the namespace: drop (or pass again) every UDP packet and every TCP packet except the
// station's own ports, as a network that passes only the forwarded TLS ports does (libnice
// would otherwise carry the media over ICE-TCP).
inline bool blockUdp(bool block, QString *error, const QList<quint16> &tcpPorts = {})
{
    QStringList ports;
    for (quint16 p : tcpPorts)
        ports << QString::number(p);
    const QString tcpRule = ports.isEmpty()
        ? QString()
        : QStringLiteral("  tcp dport != { %1 } tcp sport != { %1 } drop\n").arg(ports.join(", "));
    QProcess nft;
    nft.setProcessChannelMode(QProcess::MergedChannels);
    nft.start(QStringLiteral("nft"), {QStringLiteral("-f"), QStringLiteral("-")});
    nft.write(block ? QStringLiteral("table inet rudebot_noudp {\n chain out {\n  type filter hook "
                                     "output priority 0;\n  meta l4proto udp drop\n%1 }\n}\n")
                          .arg(tcpRule)
                          .toUtf8()
                    : QByteArray("delete table inet rudebot_noudp\n"));
    nft.closeWriteChannel();
    const bool ok = nft.waitForFinished(20000) && nft.exitCode() == 0;
    if (!ok && error)
        *error = QString::fromUtf8(nft.readAll());
    return ok;
}

}  // namespace media_fixture
