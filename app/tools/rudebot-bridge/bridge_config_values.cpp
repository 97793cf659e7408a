// The settings' text turned into a typed BridgeConfig, each value checked against its range
// and the combinations that make no sense refused, so a typo is a clear error, not a default.
#include "tools/rudebot-bridge/bridge_config_values.h"

#include <QDir>
#include <QHostInfo>
#include <QStandardPaths>

namespace rudebot {

namespace {

bool parseNumber(
    const QString &text, double lo, double hi, const char *what, double *out, QString *error)
{
    bool ok = false;
    const double v = text.toDouble(&ok);
    if (!ok || v < lo || v > hi) {
        *error = QStringLiteral("--%1 must be a number from %2 to %3, not '%4'")
                     .arg(QLatin1String(what))
                     .arg(lo)
                     .arg(hi)
                     .arg(text);
        return false;
    }
    *out = v;
    return true;
}

bool parseListen(const QString &text, const QString &defaultHost, QHostAddress *addr, quint16 *port,
    const char *what, QString *error)
{
    QString host = defaultHost;
    QString portText = text;
    const int colon = text.lastIndexOf(QLatin1Char(':'));
    if (colon >= 0) {
        host = text.left(colon);
        portText = text.mid(colon + 1);
        if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
            host = host.mid(1, host.size() - 2);
    }
    bool ok = false;
    const uint p = portText.toUInt(&ok);
    QHostAddress a;
    if (host == QLatin1String("localhost"))
        a = QHostAddress::LocalHost;
    else if (!a.setAddress(host))
        ok = false;
    if (!ok || p > 65535) {
        *error = QStringLiteral("--%1 must be HOST:PORT with a numeric address, not '%2'")
                     .arg(QLatin1String(what), text);
        return false;
    }
    *addr = a;
    *port = quint16(p);
    return true;
}

QString defaultDataDir()
{
    const QString base = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    return QDir(base).filePath(QStringLiteral("rudebot/station"));
}

// $XDG_RUNTIME_DIR when the session has one, else the (owner-only) data directory. Not
// QStandardPaths: it warns on stderr when the variable is unset, as it is under systemd.
QString defaultOfficeSocket(const QString &dataDir)
{
    const QString runtime = qEnvironmentVariable("XDG_RUNTIME_DIR");
    return QDir(runtime.isEmpty() ? dataDir : runtime)
        .filePath(QStringLiteral("rudebot-bridge.sock"));
}

}  // namespace

bool bridgeConfigFromValues(const QHash<QString, QString> &values, const QStringList &turnServers,
    BridgeConfig *out, QString *error)
{
    auto has = [&](const char *k) { return values.contains(QLatin1String(k)); };
    auto val = [&](const char *k) { return values.value(QLatin1String(k)); };
    auto flag = [&](const char *k) {
        const QString v = val(k).toLower();
        return v == QLatin1String("true") || v == QLatin1String("1") || v == QLatin1String("yes");
    };

    BridgeConfig c;
    if (has("serial") && has("connect")) {
        *error = QStringLiteral("--serial and --connect name two rigs; use one");
        return false;
    }
    if (has("serial")) {
        c.link.kind = LinkSettings::Kind::Serial;
        c.link.path = val("serial");
        c.haveLink = true;
    } else if (has("connect")) {
        if (!parseHostPort(val("connect"), &c.link, error))
            return false;
        c.haveLink = true;
    }
    if (has("usb")) {
        const QStringList parts = val("usb").split(QLatin1Char(':'));
        bool okV = false, okP = false;
        const uint vid = parts.value(0).toUInt(&okV, 16);
        const uint pid = parts.value(1).toUInt(&okP, 16);
        if (parts.size() < 2 || parts.size() > 3 || !okV || !okP || vid > 0xffff || pid > 0xffff) {
            *error = QStringLiteral("--usb must be VID:PID[:SERIAL] in hex, e.g. 2341:0043");
            return false;
        }
        c.link.usbVendorId = quint16(vid);
        c.link.usbProductId = quint16(pid);
        c.link.usbSerialNumber = parts.value(2);
    }
    if (has("listen")
        && !parseListen(val("listen"), QStringLiteral("0.0.0.0"), &c.station.listenAddress,
            &c.station.port, "listen", error))
        return false;
    if (has("raw-listen")) {
        c.station.rawEnabled = true;
        if (!parseListen(val("raw-listen"), QStringLiteral("127.0.0.1"), &c.station.rawAddress,
                &c.station.rawPort, "raw-listen", error))
            return false;
    }
    if (has("name"))
        c.station.name = val("name").left(60);
    c.dataDir = has("data-dir") ? val("data-dir") : defaultDataDir();
    c.station.officeSocket =
        has("office-socket") ? val("office-socket") : defaultOfficeSocket(c.dataDir);
    double n = 0;
    if (has("max-clients")) {
        if (!parseNumber(val("max-clients"), 1, 1000, "max-clients", &n, error))
            return false;
        c.station.maxClients = int(n);
    }
    if (has("lease")) {
        if (!parseNumber(val("lease"), 0, 3600, "lease", &n, error))
            return false;
        c.station.arbiter.leaseMs = qint64(n * 1000);
    }
    if (has("override-idle")) {
        if (!parseNumber(val("override-idle"), 0, 7 * 24 * 3600, "override-idle", &n, error))
            return false;
        c.station.arbiter.overrideIdleMs = qint64(n * 1000);
    }
    if (has("park")) {
        double park = 0;
        if (!parseNumber(val("park"), 0, 180, "park", &park, error))
            return false;
        c.station.parkServoDeg = park;
    }
    if (has("home")
        && !parseNumber(val("home"), 0, 180, "home", &c.calibration.homeServoDeg, error))
        return false;
    if (has("min")
        && !parseNumber(val("min"), -180, 180, "min", &c.calibration.minLogicalDeg, error))
        return false;
    if (has("max")
        && !parseNumber(val("max"), -180, 180, "max", &c.calibration.maxLogicalDeg, error))
        return false;
    if (has("hfov") && !parseNumber(val("hfov"), 1, 179, "hfov", &c.calibration.hfovDeg, error))
        return false;
    if (has("speed")) {
        if (!parseNumber(val("speed"), 1, 99, "speed", &n, error))
            return false;
        if (n != int(n)) {
            *error = QStringLiteral(
                "--speed must be a whole number of milliseconds per degree, not '%1'")
                         .arg(val("speed"));
            return false;
        }
        c.msPerDeg = int(n);
    }
    c.calibration.inverted = has("inverted") && flag("inverted");
    // Saying which way it turns (inverted=false in the file counts) is having checked it.
    c.directionChecked = has("inverted") || (has("direction-checked") && flag("direction-checked"));
    // The virtual camera turns left as the servo angle grows (like most real rigs): unless told
    // otherwise, calibrate the virtual rig so that "right" is right on screen.
    if (has("virtual-rig") && flag("virtual-rig") && !has("inverted"))
        c.calibration.inverted = true;
    const QString calError = validate(c.calibration);
    if (!calError.isEmpty()) {
        *error = QStringLiteral("calibration: %1").arg(calError);
        return false;
    }
    c.printPairing = has("print-pairing") && flag("print-pairing");
    c.ice.turnServers = turnServers;
    c.ice.relayOnly = has("relay-only") && flag("relay-only");
    c.realTime = !(has("no-real-time") && flag("no-real-time"));
    if (has("stun")) {
        c.ice.stunServer = val("stun").trimmed();
        if (!c.ice.stunServer.startsWith(QLatin1String("stun://"))) {
            *error = QStringLiteral("--stun must be stun://HOST:PORT, not '%1'").arg(c.ice.stunServer);
            return false;
        }
    }
    if (c.ice.relayOnly && c.ice.turnServers.isEmpty()) {
        *error = QStringLiteral("--relay-only needs a TURN server (turn=... in the config file)");
        return false;
    }
    c.microphone = val("microphone").trimmed();
    c.speaker = val("speaker").trimmed();
    c.advertisedHost = has("advertise") ? val("advertise") : QHostInfo::localHostName();
    c.virtualRig = has("virtual-rig") && flag("virtual-rig");
    if (c.virtualRig && c.haveLink) {
        *error = QStringLiteral("--virtual-rig replaces the Arduino; drop --serial/--connect");
        return false;
    }
    c.camera = has("camera") ? val("camera").trimmed()
                             : QString::fromLatin1(c.virtualRig ? "virtual" : "auto");
    if (c.camera.isEmpty()) {
        *error =
            QStringLiteral("--camera needs a value: auto, default, a camera name, virtual or none");
        return false;
    }
    c.videoAddress = c.station.listenAddress;
    if (has("video-listen")
        && !parseListen(val("video-listen"), c.station.listenAddress.toString(), &c.videoAddress,
            &c.videoPort, "video-listen", error))
        return false;
    if (has("video-size")) {
        const QStringList wh = val("video-size").split(QLatin1Char('x'));
        const int w = wh.value(0).toInt(), h = wh.value(1).toInt();
        if (wh.size() != 2 || w < 160 || h < 120 || w > 3840 || h > 2160) {
            *error = QStringLiteral("--video-size must be WxH from 160x120 to 3840x2160, not '%1'")
                         .arg(val("video-size"));
            return false;
        }
        c.videoSize = QSize(w, h);
    }
    if (has("fps") && !parseNumber(val("fps"), 1, 60, "fps", &c.fps, error))
        return false;
    if (has("quality")) {
        if (!parseNumber(val("quality"), 1, 100, "quality", &n, error))
            return false;
        c.jpegQuality = int(n);
    }
    if (!c.haveLink && !c.virtualRig && !c.printPairing) {
        *error = QStringLiteral("no rig: give --serial PATH (the Arduino), --connect HOST:PORT (a "
                                "raw bridge) or --virtual-rig");
        return false;
    }
    *out = c;
    return true;
}

}  // namespace rudebot
