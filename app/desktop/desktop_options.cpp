#include "desktop/desktop_options.h"

#include "desktop/connection_target.h"

namespace rudebot {

QString desktopUsage()
{
    return QStringLiteral(
        "Usage: rudebot [--demo] [--office] [--connect LINK | --serial PATH | --bridge HOST:PORT] "
        "[--dark]\n"
        "  (no option)        the remote view; reconnects to the last connection\n"
        "  --demo             the virtual rig (real firmware in simavr), a station and the "
        "virtual\n"
        "                     camera on 127.0.0.1, with the remote view connected to them\n"
        "  --office           run the office station here, on the Arduino (--serial PATH, or the\n"
        "                     first Arduino found), with the office view\n"
        "  --connect LINK     a pairing link (rudebot://…), serial:PATH or bridge:HOST:PORT\n"
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

}  // namespace rudebot
