#include "tools/rudebot-bridge/bridge_config.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QHostInfo>
#include <QSet>
#include <QSettings>
#include <QStandardPaths>

namespace rudebot {

namespace {

struct Option {
    const char *name;
    const char *value;  // nullptr: a flag
    const char *help;
};

const Option kOptions[] = {
    {"serial", "PATH", "the Arduino's serial port (/dev/ttyACM0, /dev/serial/by-id/...)"},
    {"usb", "VID:PID[:SERIAL]",
        "find the Arduino by USB identity when it comes back under another name"},
    {"connect", "HOST:PORT",
        "a rig behind a raw TCP bridge (ser2net, tcp_serial_redirect.py) instead"},
    {"listen", "HOST:PORT", "where remotes connect, TLS (default 0.0.0.0:47800)"},
    {"raw-listen", "[HOST:]PORT",
        "also accept unauthenticated raw clients of the original rig (off by default; host "
        "defaults to 127.0.0.1)"},
    {"name", "NAME", "the station's name shown to remotes"},
    {"data-dir", "DIR",
        "where the pairing secret, the TLS identity and the paired people live (in a folder others "
        "can read: a private subdirectory of it)"},
    {"office-socket", "PATH",
        "local socket for the office's own tools (default: in $XDG_RUNTIME_DIR, else the data "
        "directory)"},
    {"max-clients", "N",
        "authenticated clients of all kinds at once (default 32); connections still proving "
        "themselves have their own budget"},
    {"lease", "SECONDS", "a remote keeps control this long after its last move (default 5)"},
    {"override-idle", "SECONDS",
        "an office override ends after this long without office activity (default 300, 0 = never)"},
    {"park", "SERVO_DEG",
        "the privacy/park position in servo degrees (default: the soft limit farthest from home)"},
    {"home", "SERVO_DEG", "calibration: servo angle facing the room's main direction (default 90)"},
    {"min", "DEG", "calibration: left soft limit, logical degrees (default -90)"},
    {"max", "DEG", "calibration: right soft limit, logical degrees (default 90)"},
    {"inverted", nullptr, "calibration: a larger servo angle turns the camera left"},
    {"direction-checked", nullptr,
        "calibration: someone checked that this rig turns the way --inverted (or its absence) "
        "says; without it (or --inverted), remotes are told the direction has not been checked"},
    {"hfov", "DEG", "calibration: the camera's horizontal field of view (default 60)"},
    {"speed", "MS_PER_DEG",
        "calibration: turning speed, 1-99 ms per degree (our firmware only; default: the "
        "firmware's 30), set again after every board reset"},
    {"virtual-rig", nullptr,
        "no Arduino: run the virtual rig (the real firmware in simavr) with the virtual camera"},
    {"camera", "auto|default|NAME|virtual|timecode|none",
        "the camera to serve: auto (default) = the default webcam if there is one, else no video; "
        "default = the default webcam or fail; NAME = the webcam whose name contains it; virtual = "
        "the drawn office (default with --virtual-rig); timecode = the drawn office with a time "
        "stamp band for measuring latency (docs/station.md); none"},
    {"video-listen", "HOST:PORT",
        "where viewers get the MJPEG stream, TLS (default: --listen's host, port 47801)"},
    {"video-size", "WxH", "video resolution (default 1280x720)"},
    {"fps", "N", "video frames per second (default 15)"},
    {"quality", "N", "JPEG quality 1-100 (default 80)"},
    {"advertise", "HOST",
        "host name or address written into the pairing link (default: this machine's name)"},
    {"stun", "stun://HOST:PORT",
        "STUN server for the real-time video path, told to remotes too (docs/network.md)"},
    {"relay-only", nullptr,
        "real-time video through the TURN relay only (hides both sides' addresses)"},
    {"no-real-time", nullptr, "serve video as MJPEG only, no real-time (WebRTC) path"},
    {"microphone", "none|auto|default|NAME|PIPELINE",
        "the office microphone remotes hear over the real-time path (default none): auto = the "
        "system default if this machine has a sound device, default = the system default, NAME = "
        "the device whose name contains it, or a GStreamer source description"},
    {"speaker", "none|auto|default|NAME|PIPELINE",
        "the office speaker that plays the remotes' voices (default none), as --microphone"},
    {"print-pairing", nullptr,
        "print the shared pairing link and exit (the same as 'rudebot-bridge pair')"},
};

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

bool parseBridgeConfig(const QStringList &args, BridgeConfig *out, QString *error, bool *help)
{
    *help = false;
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "rudebot-bridge: the office station. Owns the rig's serial port, serves it to remote\n"
        "clients over TLS after they prove they hold the pairing secret, and lets the office\n"
        "take control. Started with no configuration it is secure: it makes a pairing secret and\n"
        "a certificate in its data directory and, on that first start only, prints the pairing\n"
        "link for remotes (a password: it is not logged again; see the pairing commands below)."));
    p.addHelpOption();
    p.addOption({QStringLiteral("version"), QStringLiteral("Print the version and exit.")});
    p.addOption({QStringLiteral("config"),
        QStringLiteral("INI file with the options below (without dashes); flags win"),
        QStringLiteral("FILE")});
    for (const Option &o : kOptions) {
        if (o.value)
            p.addOption({QLatin1String(o.name), QLatin1String(o.help), QLatin1String(o.value)});
        else
            p.addOption({QLatin1String(o.name), QLatin1String(o.help)});
    }
    for (const QString &a : args) {
        if (a == QLatin1String("--turn") || a.startsWith(QLatin1String("--turn="))) {
            *error = QStringLiteral(
                "TURN credentials are secrets and every user of this computer can read a "
                "command line (ps): put turn=turn://USER:PASSWORD@HOST:PORT in the config "
                "file (--config FILE, readable by you alone)");
            return false;
        }
    }
    if (!p.parse(QStringList{QStringLiteral("rudebot-bridge")} + args)) {
        *error = p.errorText();
        return false;
    }
    if (p.isSet(QStringLiteral("help"))) {
        *help = true;
        // Parsed before any QCoreApplication exists, so Qt cannot know the program's name.
        *error = p.helpText().replace(
            QLatin1String("<executable_name>"), QLatin1String("rudebot-bridge"));
        return true;
    }
    if (p.isSet(QStringLiteral("version"))) {
        *help = true;
        *error = QStringLiteral("rudebot-bridge " RUDEBOT_VERSION "\n");
        return true;
    }
    if (!p.positionalArguments().isEmpty()) {
        *error = QStringLiteral("unexpected argument '%1'").arg(p.positionalArguments().first());
        return false;
    }

    // Values: the file first, then flags over it.
    QHash<QString, QString> values;
    QStringList turnServers;  // from the file only
    if (p.isSet(QStringLiteral("config"))) {
        const QString file = p.value(QStringLiteral("config"));
        if (!QFileInfo(file).isReadable()) {
            *error = QStringLiteral("cannot read the config file %1").arg(file);
            return false;
        }
        QSettings ini(file, QSettings::IniFormat);
        if (ini.status() != QSettings::NoError) {
            *error = QStringLiteral("%1 is not a valid INI file").arg(file);
            return false;
        }
        QSet<QString> known;
        for (const Option &o : kOptions)
            known.insert(QLatin1String(o.name));
        known.insert(QStringLiteral("turn"));  // config file only: it holds a password
        for (const QString &key : ini.allKeys()) {
            // QSettings takes a commented-out setting ("# usb=2341:0043") for a key named "# usb".
            if (key.startsWith(QLatin1Char('#')))
                continue;
            if (!known.contains(key)) {
                *error = QStringLiteral("unknown setting '%1' in %2").arg(key, file);
                return false;
            }
            values.insert(key, ini.value(key).toString());
        }
        if (values.contains(QStringLiteral("turn"))
            && (QFileInfo(file).permissions()
                   & (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther))) {
            *error = QStringLiteral("%1 holds TURN credentials but others can read or change it: "
                                    "chmod 600 %1")
                         .arg(file);
            return false;
        }
        // Several relays: turn=turn://a..., turn://b... (an INI list).
        const QStringList turns = ini.value(QStringLiteral("turn")).toStringList();
        for (const QString &t : turns) {
            if (!t.trimmed().startsWith(QLatin1String("turn://"))
                && !t.trimmed().startsWith(QLatin1String("turns://"))) {
                // Not the value itself: it may be a password.
                *error = QStringLiteral("turn in %1 must be turn://USER:PASSWORD@HOST:PORT").arg(file);
                return false;
            }
            turnServers << t.trimmed();
        }
    }
    for (const Option &o : kOptions) {
        const QString name = QLatin1String(o.name);
        if (p.isSet(name))
            values.insert(name, o.value ? p.value(name) : QStringLiteral("true"));
    }
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
