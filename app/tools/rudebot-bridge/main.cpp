// rudebot-bridge: the office station as a service (see --help and docs/security.md).
#include <QCoreApplication>
#include <QDir>
#include <QTextStream>
#include <csignal>

#include "bridge_config.h"
#include "link_factory.h"
#include "pairing.h"
#include "rig_client.h"
#include "station.h"
#include "tls_identity.h"

using namespace rudebot;

namespace {

void quitOnSignal(int)
{
    QCoreApplication::quit();  // systemd stops the service with SIGTERM
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("rudebot-bridge"));
    QTextStream out(stdout);
    QTextStream err(stderr);
    QStringList args = app.arguments();
    args.removeFirst();

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
    const quint16 port = config.station.port;
    PairingInfo pairing{config.advertisedHost, port, certificateFingerprint(identity->certificate), *secret};
    if (config.printPairing) {
        out << pairing.toUri() << '\n';
        return 0;
    }

    std::unique_ptr<Link> link = createLink(config.link);
    RigClient rig(link.get());
    rig.setCalibration(config.calibration);
    Station station(&rig, *identity, *secret, config.station);
    if (!station.start(&error)) {
        err << "rudebot-bridge: " << error << '\n';
        return 1;
    }
    pairing.port = station.port();
    out << "rudebot-bridge: " << config.station.name << " serving " << link->describe()
        << " on TLS port " << station.port() << '\n';
    out << "Pair a remote with this link (it is a password: share it privately):\n  "
        << pairing.toUri() << '\n';
    if (station.rawPort())
        out << "Raw compatibility clients (no authentication!) on "
            << config.station.rawAddress.toString() << ':' << station.rawPort() << '\n';
    out << "Office control socket: " << config.station.officeSocket << '\n';
    out.flush();

    QObject::connect(&rig, &RigClient::stateChanged, &app, [&](RigClient::State s) {
        err << "rudebot-bridge: rig " << QVariant::fromValue(s).toString() << '\n';
        err.flush();
    });
    QObject::connect(&rig, &RigClient::errorOccurred, &app, [&](RigClient::Error, const QString &m) {
        err << "rudebot-bridge: " << m << '\n';
        err.flush();
    });
    QObject::connect(&rig, &RigClient::firmwareDetected, &app,
        [&](RigClient::Firmware f, const QString &version) {
            err << "rudebot-bridge: firmware " << QVariant::fromValue(f).toString() << ' ' << version << '\n';
            err.flush();
        });
    std::signal(SIGTERM, quitOnSignal);
    std::signal(SIGINT, quitOnSignal);
    const int rc = app.exec();
    rig.stop();
    return rc;
}
