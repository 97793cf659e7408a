// rudebot-bridge: the office station as a service (see --help and docs/security.md).
#include <QDir>
#include <QGuiApplication>
#include <QTextStream>
#include <tuple>

#include "comms/link.h"
#include "comms/rig_client.h"
#include "process/quit_on_signal.h"
#include "station/audio_choice.h"
#include "station/private_files.h"
#include "station/station_data.h"
#include "station/station_host.h"
#include "station/station_video.h"
#include "tools/rudebot-bridge/bridge_config.h"
#include "tools/rudebot-bridge/pairing_commands.h"
#include "tools/rudebot-bridge/rig_log_text.h"

using namespace rudebot;

namespace {

QString simulatorProgram()
{
    const QString installed = SimRigProcess::defaultProgram();
    return QFileInfo(installed).isExecutable() ? installed : QStringLiteral(RUDEBOT_BUILD_SIM_PATH);
}

// What the configuration asks of the station's parts.
StationHostSettings hostSettings(const BridgeConfig &config)
{
    StationHostSettings h;
    h.dataDir = config.dataDir;
    h.advertisedHost = config.advertisedHost;
    h.link = config.link;
    h.virtualRig = config.virtualRig;
    h.sim.program = simulatorProgram();
    h.sim.hold = true;  // boot when the station opens the port, so its ready line is seen
    h.calibration = config.calibration;
    h.directionChecked = config.directionChecked;
    h.msPerDeg = config.msPerDeg;
    h.station = config.station;
    h.videoAddress = config.videoAddress;
    h.videoPort = config.videoPort;
    h.media.enabled = config.realTime;
    h.media.ice = config.ice;
    h.media.audioSource = config.microphone;  // as resolved by the caller (audio_choice.h)
    h.media.audioSink = config.speaker;
    h.mjpeg.jpegQuality = config.jpegQuality;
    h.mjpeg.maxFpsPerViewer = config.fps;
    // "timecode" is the virtual camera with a machine-readable time stamp on every frame.
    if (config.camera == QLatin1String("virtual") || config.camera == QLatin1String("timecode")) {
        h.camera = StationHostSettings::Camera::Virtual;
        h.virtualCamera.resolution = config.videoSize;
        h.virtualCamera.fps = config.fps;
        h.virtualCamera.hfovDeg = config.calibration.hfovDeg;
        h.virtualCamera.timecode = config.camera == QLatin1String("timecode");
    } else if (config.camera != QLatin1String("none")) {
        h.camera = StationHostSettings::Camera::Webcam;
        h.webcamOptional = config.camera == QLatin1String("auto");
        h.webcam.device = h.webcamOptional ? QString() : config.camera;
        h.webcam.resolution = config.videoSize;
        h.webcam.fps = config.fps;
    }
    return h;
}

void printServing(QTextStream &out, const BridgeConfig &config, const StationHost &host)
{
    const PairingInfo pairing = host.pairing();
    out << "rudebot-bridge: " << config.station.name << " serving " << host.link()->describe()
        << (config.virtualRig ? " (virtual rig)" : "") << " on TLS port " << pairing.port << '\n';
    // The link is a password: logged on the first start only (a service's journal is kept).
    if (host.identity().created && !pairing.secret.isEmpty())
        out << "Pair a remote with this link (it is a password: share it privately; it is shown "
               "only now):\n  "
            << pairing.toUri() << '\n';
    out << "Pairing: 'rudebot-bridge pair --name NAME' makes a link per person, 'rudebot-bridge "
           "pair' shows the shared one, 'rudebot-bridge paired' lists who is paired.\n";
    if (host.video())
        out << "Video (MJPEG over HTTPS, the link's key as password): https://" << pairing.host
            << ':' << host.video()->port() << "/stream\n";
    if (host.station()->rawPort())
        out << "Raw compatibility clients (no authentication!) on "
            << config.station.rawAddress.toString() << ':' << host.station()->rawPort() << '\n';
    if (!host.station()->directionChecked())
        out << "Nobody has checked which way this rig turns, so remotes are told it may turn the "
               "other way than their dial says. Check it (the office view's Calibrate rig…, or by "
               "eye), then start with --inverted if a larger servo angle turns the camera left, "
               "else with --direction-checked.\n";
    out << "Office control socket: " << config.station.officeSocket << '\n';
    out.flush();
}

QString failureText(StationHost::Failure failure, const QString &message)
{
    if (failure == StationHost::Failure::Listen)
        return message + QStringLiteral(" Or choose another address with --listen.");
    return message;
}

}  // namespace

int main(int argc, char *argv[])
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    QStringList args;
    for (int i = 1; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);

    if (const int rc = runPairingCommand(args, out, err); rc >= 0)
        return rc;
    BridgeConfig config;
    QString error;
    bool help = false;
    if (!parseBridgeConfig(args, &config, &error, &help)) {
        err << "rudebot-bridge: " << error << '\n';
        return 2;
    }
    if (help) {
        out << error
            << (args.contains(QLatin1String("--version")) ? QString() : pairingCommandsHelp());
        return 0;
    }
    if (config.printPairing)  // the old spelling of "rudebot-bridge pair"
        return runPairingCommand(QStringList{QStringLiteral("pair")} + args, out, err);
    // The station's own private directory (a shared folder is never chmodded: station_data.h).
    QString note;
    const std::optional<QString> privateDir =
        privateStationDirectory(config.dataDir, stationDataFiles(), &note, &error);
    if (!privateDir) {
        err << "rudebot-bridge: " << error << '\n';
        return 1;
    }
    if (!note.isEmpty())
        err << "rudebot-bridge: " << note << '\n';
    if (QFileInfo(config.station.officeSocket).absolutePath()
        == QDir(config.dataDir).absolutePath())
        config.station.officeSocket =
            QDir(*privateDir).filePath(QFileInfo(config.station.officeSocket).fileName());
    config.dataDir = *privateDir;
    // Cameras need Qt GUI (fonts and QPainter for the virtual one, Qt Multimedia for a
    // webcam), and a service has no display.
    std::unique_ptr<QCoreApplication> appOwner;
    if (config.camera != QLatin1String("none")) {
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        // Without a login session there is no runtime directory and Qt warns; the data
        // directory is private to this user, which is all Qt asks of one.
        if (qEnvironmentVariableIsEmpty("XDG_RUNTIME_DIR"))
            qputenv("XDG_RUNTIME_DIR", QFile::encodeName(config.dataDir));
        appOwner = std::make_unique<QGuiApplication>(argc, argv);
    } else {
        appOwner = std::make_unique<QCoreApplication>(argc, argv);
    }
    QCoreApplication &app = *appOwner;
    QCoreApplication::setApplicationName(QStringLiteral("rudebot-bridge"));
    // systemd stops the service with SIGTERM: the event loop returns and the rig is let go.
    QuitOnSignal quitOnSignal;
    if (!quitOnSignal.install(&error))
        err << "rudebot-bridge: " << error << '\n';

    // Sound devices by name, checked now so a typo is a clear error, not a silent office.
    for (auto [choice, role, flag] :
        {std::make_tuple(&config.microphone, AudioRole::Microphone, "--microphone"),
            std::make_tuple(&config.speaker, AudioRole::Speaker, "--speaker")}) {
        const std::optional<QString> description = resolveAudioChoice(*choice, role, &error);
        if (!description) {
            err << "rudebot-bridge: " << flag << ": " << error << '\n';
            return 2;
        }
        *choice = *description;
    }

    StationHost host(hostSettings(config));
    RigClient &rig = *host.rig();
    QObject::connect(&rig, &RigClient::stateChanged, &app, [&](RigClient::State s) {
        err << "rudebot-bridge: rig " << rigStateText(s) << '\n';
        err.flush();
    });
    QObject::connect(
        &rig, &RigClient::errorOccurred, &app, [&](RigClient::Error, const QString &m) {
            err << "rudebot-bridge: " << m << '\n';
            err.flush();
        });
    QObject::connect(&rig, &RigClient::firmwareDetected, &app,
        [&](RigClient::Firmware f, const QString &version) {
            err << "rudebot-bridge: firmware: " << firmwareText(f, version) << '\n';
            err.flush();
        });
    QObject::connect(&host, &StationHost::cameraError, &app, [&](const QString &m) {
        err << "rudebot-bridge: " << m << '\n';
        err.flush();
    });
    QObject::connect(&host, &StationHost::ready, &app, [&] {
        if (!host.cameraProblem().isEmpty())
            err << "rudebot-bridge: serving without video: " << host.cameraProblem() << '\n';
        err.flush();
        printServing(out, config, host);
    });
    QObject::connect(
        &host, &StationHost::failed, &app, [&](StationHost::Failure f, const QString &m) {
            err << "rudebot-bridge: " << failureText(f, m) << '\n';
            err.flush();
            app.exit(1);
        });
    if (!host.start(&error)) {
        err << "rudebot-bridge: " << failureText(host.failure(), error) << '\n';
        return 1;
    }
    return app.exec();
}
