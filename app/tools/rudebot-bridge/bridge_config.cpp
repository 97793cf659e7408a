// rudebot-bridge's options and where their values come from: flags over the INI file, the
// file checked for unknown keys and for TURN secrets others could read.
#include "tools/rudebot-bridge/bridge_config.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QHash>
#include <QSet>
#include <QSettings>

#include "tools/rudebot-bridge/bridge_config_values.h"

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
    return bridgeConfigFromValues(values, turnServers, out, error);
}

}  // namespace rudebot
