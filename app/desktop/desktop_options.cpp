#include "desktop/desktop_options.h"

#include "desktop/connection_target.h"
#include "station/link_source.h"

namespace rudebot {

QString desktopUsage()
{
    return QStringLiteral(
        "Usage: rudebot [--demo] [--office] [--station FILE|- | --serial PATH | --bridge HOST:PORT] "
        "[--dark]\n"
        "  (no option)        the remote view; reconnects to the last connection\n"
        "  --demo             the virtual rig (real firmware in simavr), a station and the "
        "virtual\n"
        "                     camera on 127.0.0.1, with the remote view connected to them\n"
        "  --office           run the office station here, on the Arduino (--serial PATH, or the\n"
        "                     first Arduino found), with the office view\n"
        "  --station FILE     a station, by its pairing link (rudebot://…) read from FILE (yours\n"
        "                     alone: chmod 600), or from standard input with --station -.\n"
        "                     Without a connection, the link in $RUDEBOT_STATION_LINK is used.\n"
        "                     Never the link itself on the command line: every user of this\n"
        "                     computer can read it there (ps). File › Connect… takes it too.\n"
        "  --connect TARGET   serial:PATH or bridge:HOST:PORT\n"
        "  --serial PATH      the Arduino's serial port, directly\n"
        "  --bridge HOST:PORT a raw serial-to-TCP bridge (tcp_serial_redirect.py, ser2net)\n"
        "  --station-data DIR the office station's identity and pairing secret\n"
        "  --dark             dark theme\n"
        "  --version          print the version and exit\n");
}

bool parseDesktopArgs(const QStringList &args, DesktopOptions *out, QString *error, bool *help)
{
    *help = false;
    for (int i = 0; i < args.size(); ++i) {
        const QString &a = args[i];
        auto next = [&](QString *value) {
            if (i + 1 >= args.size()) {
                *error = QStringLiteral("%1 needs a value. See rudebot --help.").arg(a);
                return false;
            }
            *value = args[++i];
            return true;
        };
        QString v;
        if (a == QLatin1String("--help") || a == QLatin1String("-h")) {
            *help = true;
        } else if (a == QLatin1String("--demo")) {
            out->demo = true;
        } else if (a == QLatin1String("--office")) {
            out->office = true;
        } else if (a == QLatin1String("--dark")) {
            out->dark = true;
        } else if (a == QLatin1String("--version")) {
            out->version = true;
        } else if (a == QLatin1String("--connect")) {
            if (!next(&out->connect))
                return false;
            if (carriesPairingKey(out->connect)) {
                *error = QStringLiteral("Cannot connect: %1.")
                             .arg(linkOnCommandLineRefusal(QStringLiteral("--station")));
                return false;
            }
        } else if (a == QLatin1String("--station")) {
            if (!next(&out->stationSource))
                return false;
            if (carriesPairingKey(out->stationSource)) {
                *error = QStringLiteral("Cannot connect: %1.")
                             .arg(linkOnCommandLineRefusal(QStringLiteral("--station")));
                return false;
            }
            out->station = true;
        } else if (a == QLatin1String("--serial")) {
            if (!next(&v))
                return false;
            out->connect = QStringLiteral("serial:") + v;
        } else if (a == QLatin1String("--bridge")) {
            if (!next(&v))
                return false;
            out->connect = QStringLiteral("bridge:") + v;
        } else if (a == QLatin1String("--station-data")) {
            if (!next(&out->stationData))
                return false;
        } else {
            *error = QStringLiteral("Unknown option %1. See rudebot --help.").arg(a);
            return false;
        }
    }
    if (out->station && (!out->connect.isEmpty() || out->office || out->demo)) {
        *error = QStringLiteral("--station connects this window to a station: give it alone, "
                                "without --connect, --serial, --bridge, --office or --demo.");
        return false;
    }
    if (!out->station && out->connect.isEmpty() && !out->office && !out->demo
        && !qEnvironmentVariableIsEmpty(kStationLinkVariable))
        out->station = true;  // the link itself is read later (resolveStationLink)
    if (!out->connect.isEmpty()) {
        QString why;
        const auto t = ConnectionTarget::fromString(out->connect, &why);
        if (!t) {
            // why already quotes the text (its key hidden): no need to repeat it.
            *error = QStringLiteral("Cannot connect: %1.").arg(withoutFinalStop(why));
            return false;
        }
        if (out->office && t->kind != ConnectionTarget::Kind::Serial) {
            *error = QStringLiteral("--office runs the station on the Arduino's serial port: give "
                                    "--serial PATH.");
            return false;
        }
    }
    return true;
}

bool resolveStationLink(DesktopOptions *out, QString *error)
{
    if (!out->station)
        return true;
    QString why;
    const auto link = readStationLink(out->stationSource, &why);
    if (!link) {
        *error = QStringLiteral("Cannot connect: %1.").arg(withoutFinalStop(why));
        return false;
    }
    const auto t = ConnectionTarget::fromString(*link, &why);
    if (!t || t->kind != ConnectionTarget::Kind::Station) {
        *error = QStringLiteral("Cannot connect: %1.")
                     .arg(t ? QStringLiteral("that is not a station's pairing link")
                            : withoutFinalStop(why));
        return false;
    }
    out->connect = *link;
    return true;
}

}  // namespace rudebot
