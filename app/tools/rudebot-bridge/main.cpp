// rudebot-bridge: the office station as a service (see --help and docs/security.md).
#include <QDir>
#include <QGuiApplication>
#include <QTemporaryDir>
#include <QTextStream>
#include <csignal>

#include "tools/rudebot-bridge/bridge_config.h"
#include "video/camera_source.h"
#include "comms/link_factory.h"
#include "station/pairing.h"
#include "comms/rig_client.h"
#include "tools/rudebot-bridge/rig_log_text.h"
#include "simrig/sim_rig_process.h"
#include "station/station.h"
#include "station/station_video.h"
#include "station/tls_identity.h"
#include "video/virtual_camera.h"

using namespace rudebot;

namespace {

void quitOnSignal(int)
{
    QCoreApplication::quit();  // systemd stops the service with SIGTERM
}

QString simulatorProgram()
{
    const QString installed = SimRigProcess::defaultProgram();
    return QFileInfo(installed).isExecutable() ? installed : QStringLiteral(RUDEBOT_BUILD_SIM_PATH);
}

} // namespace

int main(int argc, char *argv[])
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    QStringList args;
    for (int i = 1; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);

    BridgeConfig config;
    QString error;
    bool help = false;
    if (!parseBridgeConfig(args, &config, &error, &help)) {
        err << "rudebot-bridge: " << error << '\n';
        return 2;
    }
    if (help) {
        out << error;
        return 0;
    }
    // Cameras need Qt GUI (fonts and QPainter for the virtual one, Qt Multimedia for a
    // webcam), and a service has no display.
    std::unique_ptr<QCoreApplication> appOwner;
    if (config.camera != QLatin1String("none")) {
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        // Without a login session there is no runtime directory and Qt warns; the data
        // directory is private to this user, which is all Qt asks of one.
        if (qEnvironmentVariableIsEmpty("XDG_RUNTIME_DIR") && QDir().mkpath(config.dataDir)
            && QFile::setPermissions(config.dataDir, QFileDevice::ReadOwner | QFileDevice::WriteOwner
                                                         | QFileDevice::ExeOwner))
            qputenv("XDG_RUNTIME_DIR", QFile::encodeName(config.dataDir));
        appOwner = std::make_unique<QGuiApplication>(argc, argv);
    } else {
        appOwner = std::make_unique<QCoreApplication>(argc, argv);
    }
    QCoreApplication &app = *appOwner;
    QCoreApplication::setApplicationName(QStringLiteral("rudebot-bridge"));

    if (!QDir().mkpath(config.dataDir)) {
        err << "rudebot-bridge: cannot create the data directory " << config.dataDir << '\n';
        return 1;
    }
    QFile::setPermissions(config.dataDir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    const auto secret = loadOrCreatePairingSecret(QDir(config.dataDir).filePath("pairing-secret"), &error);
    const auto identity = secret ? loadOrCreateTlsIdentity(config.dataDir, config.station.name, &error)
                                 : std::nullopt;
    if (!secret || !identity) {
        err << "rudebot-bridge: " << error << '\n';
        return 1;
    }
    PairingInfo pairing{config.advertisedHost, config.station.port,
        certificateFingerprint(identity->certificate), *secret};
    if (config.printPairing) {
        out << pairing.toUri() << '\n';
        return 0;
    }

    // The virtual rig stands in for the Arduino: its pty is the serial port.
    QTemporaryDir simDir;
    SimRigProcess sim;
    if (config.virtualRig) {
        SimRigOptions o;
        o.program = simulatorProgram();
        o.link = simDir.filePath("rig");
        o.hold = true;  // boot when the station opens the port, so its ready line is seen
        sim.start(o);
        config.link = LinkSettings{};
        config.link.path = o.link;
        QObject::connect(&sim, &SimRigProcess::failed, &app, [&](const QString &m) {
            err << "rudebot-bridge: " << m << '\n';
            app.exit(1);
        });
    }

    std::unique_ptr<Link> link = createLink(config.link);
    RigClient rig(link.get());
    rig.setCalibration(config.calibration);
    rig.setSpeed(config.msPerDeg);
    Station station(&rig, *identity, *secret, config.station);
    if (!station.start(&error)) {
        err << "rudebot-bridge: " << error << " Or choose another address with --listen.\n";
        return 1;
    }

    std::unique_ptr<VirtualCamera> camera;
    std::unique_ptr<CameraSource> webcam;
    std::unique_ptr<StationVideo> video;
    auto startVideo = [&]() -> bool {
        MjpegServerSettings ms;
        ms.jpegQuality = config.jpegQuality;
        ms.maxFpsPerViewer = config.fps;
        video = std::make_unique<StationVideo>(*identity, *secret, ms);
        if (!video->listen(config.videoAddress, config.videoPort, &error))
            return false;
        station.attachVideo(video.get());
        return true;
    };
    // "timecode" is the virtual camera with a machine-readable time stamp on every frame.
    const bool drawn = config.camera == QLatin1String("virtual") || config.camera == QLatin1String("timecode");
    if (!drawn && config.camera != QLatin1String("none")) {
        const bool optional = config.camera == QLatin1String("auto");
        CameraSourceSettings cs;
        cs.device = optional ? QString() : config.camera;
        cs.resolution = config.videoSize;
        cs.fps = config.fps;
        webcam = std::make_unique<CameraSource>(cs);
        if (!webcam->start(&error)) {
            webcam.reset();
            if (!optional) {
                err << "rudebot-bridge: " << error << '\n';
                return 1;
            }
            err << "rudebot-bridge: serving without video: " << error << '\n';
        } else {
            if (!startVideo()) {
                err << "rudebot-bridge: " << error << '\n';
                return 1;
            }
            QObject::connect(webcam.get(), &CameraSource::frameReady, video.get(), &StationVideo::setFrame);
            QObject::connect(webcam.get(), &CameraSource::errorOccurred, &app, [&](const QString &m) {
                err << "rudebot-bridge: " << m << '\n';
                err.flush();
            });
        }
    }
    if (drawn) {
        VirtualCameraSettings cs;
        cs.resolution = config.videoSize;
        cs.fps = config.fps;
        cs.hfovDeg = config.calibration.hfovDeg;
        cs.timecode = config.camera == QLatin1String("timecode");
        camera = std::make_unique<VirtualCamera>(cs);
        // Where the servo physically points, measured from its pulse (virtual rig), else the
        // angle the firmware reports.
        if (config.virtualRig)
            QObject::connect(&sim, &SimRigProcess::servoChanged, camera.get(),
                [&](const ServoSample &s) { camera->setServoAngle(s.angleDeg); });
        else
            QObject::connect(&rig, &RigClient::actualAngleChanged, camera.get(),
                [&](int servo, double) { camera->setServoAngle(servo); });
        if (!startVideo()) {
            err << "rudebot-bridge: " << error << '\n';
            return 1;
        }
        QObject::connect(camera.get(), &VirtualCamera::frameReady, video.get(), &StationVideo::setFrame);
        camera->start();
    }

    pairing.port = station.port();
    out << "rudebot-bridge: " << config.station.name << " serving " << link->describe()
        << (config.virtualRig ? " (virtual rig)" : "") << " on TLS port " << station.port() << '\n';
    out << "Pair a remote with this link (it is a password: share it privately):\n  "
        << pairing.toUri() << '\n';
    if (video)
        out << "Video (MJPEG over HTTPS, the link's key as password): https://" << pairing.host
            << ':' << video->port() << "/stream\n";
    if (station.rawPort())
        out << "Raw compatibility clients (no authentication!) on "
            << config.station.rawAddress.toString() << ':' << station.rawPort() << '\n';
    out << "Office control socket: " << config.station.officeSocket << '\n';
    out.flush();

    QObject::connect(&rig, &RigClient::stateChanged, &app, [&](RigClient::State s) {
        err << "rudebot-bridge: rig " << rigStateText(s) << '\n';
        err.flush();
    });
    QObject::connect(&rig, &RigClient::errorOccurred, &app, [&](RigClient::Error, const QString &m) {
        err << "rudebot-bridge: " << m << '\n';
        err.flush();
    });
    QObject::connect(&rig, &RigClient::firmwareDetected, &app,
        [&](RigClient::Firmware f, const QString &version) {
            err << "rudebot-bridge: firmware: " << firmwareText(f, version) << '\n';
            err.flush();
        });
    std::signal(SIGTERM, quitOnSignal);
    std::signal(SIGINT, quitOnSignal);
    const int rc = app.exec();
    rig.stop();
    return rc;
}
