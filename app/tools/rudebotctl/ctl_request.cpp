#include "tools/rudebotctl/ctl_request.h"

#include "station/link_source.h"

namespace rudebot::ctl {

QString helpText()
{
    return QStringLiteral(
        R"(Usage: rudebotctl (--serial PATH | --connect HOST:PORT | --station FILE|- | --office SOCKET)
                  [OPTIONS] COMMAND

Drives a Rudebot rig (our firmware or the original 2011 one) over a serial port or a raw
serial-to-TCP bridge (tcp_serial_redirect.py, ser2net in raw mode), or through an office
station (rudebot-bridge): as a paired remote with its pairing link, or as the office through
the station's local socket.

Commands:
  goto N [--wait]   turn to servo angle N (0-180); with --logical, N is logical degrees
                    (0 = home, positive = right as seen by the camera). Returns when the
                    board took the angle, or with --wait when the rig stands on it. (With
                    the original firmware goto always waits: its sweeps block.)
  status            prints firmware, angle, target and moving, one key=value per line
  query             prints the board's answer to "?" (our firmware only)
  send LINE         sends LINE (at most 3 characters are read by the board) and prints the
                    reply lines
  override take|release   (--office) take control from the remotes, or give it back
  park lock|unlock        (--office) park the camera for privacy and lock it, or unlock
  watch [--seconds N]     (--station) receive the real-time video as the app does and print
                    one line a second: fps, kbit/s, picture size, frame age (age_ms, from
                    the timecode camera: rudebot-bridge --camera timecode; "-" otherwise),
                    glass to glass from the frames' stamps (glass_ms), packet loss and
                    the part of it retransmission did not repair (unrepaired); exits
                    0 after N seconds (default 10), 3 if the station sends no real-time video
  pause-video             (--office) every viewer gets a privacy card instead of the camera,
                          without turning the rig; resume-video gives the picture back

Options:
  --serial PATH     the rig's serial device (a Uno opened here resets: about 2 s)
  --connect H:P     a raw TCP bridge in front of the rig
  --station FILE    a station, as a paired remote, by its pairing link (rudebot://...) read
                    from FILE (yours alone: chmod 600), or from standard input with
                    --station -. Without --station or another rig, the link in
                    $RUDEBOT_STATION_LINK is used. Never the link itself on the command
                    line: every user of this computer can read it there (ps).
  --office SOCKET   the station's office socket (as the user running the station)
  --timeout S       give up after S seconds in all (default 20)
  --boot-wait MS    how long to wait for the board's ready line before asking it
                    (default 2500, a real Uno's bootloader delay)
  --seconds N       watch: how many seconds (default 10)
  --logical         goto takes logical degrees
  --wait            goto waits until the rig stands on the target
  -h, --help        this text
  --version         the version

Exit status: 0 ok; 1 the rig refused (an "Error: ..." reply, or outside the limits);
2 bad argument; 3 no rig (cannot connect, or nothing answers); 4 timeout.
Errors print one line on stderr.
)");
}

namespace {

bool takeValue(const QStringList &args, int *i, QString *value, QString *error)
{
    if (*i + 1 >= args.size()) {
        *error = QStringLiteral("%1 needs a value").arg(args.at(*i));
        return false;
    }
    *value = args.at(++*i);
    return true;
}

}  // namespace

bool parseRequest(const QStringList &args, Request *out, QString *error)
{
    QStringList positional;
    bool haveLink = false;
    for (int i = 0; i < args.size(); ++i) {
        const QString &a = args.at(i);
        QString v;
        if (a == QLatin1String("--serial")) {
            if (!takeValue(args, &i, &v, error))
                return false;
            out->link.kind = LinkSettings::Kind::Serial;
            out->link.path = v;
            haveLink = true;
        } else if (a == QLatin1String("--connect")) {
            if (!takeValue(args, &i, &v, error) || !parseHostPort(v, &out->link, error))
                return false;
            haveLink = true;
        } else if (a == QLatin1String("--station") || a == QLatin1String("--office")) {
            if (!takeValue(args, &i, &v, error))
                return false;
            out->via =
                a == QLatin1String("--station") ? Request::Via::Station : Request::Via::Office;
            if (out->via == Request::Via::Station && carriesPairingKey(v)) {
                *error = linkOnCommandLineRefusal(QStringLiteral("--station"));
                return false;
            }
            out->station = v;
            haveLink = true;
        } else if (a == QLatin1String("--timeout") || a == QLatin1String("--boot-wait")) {
            bool ok = false;
            if (!takeValue(args, &i, &v, error))
                return false;
            const double n = v.toDouble(&ok);
            if (!ok || n <= 0 || n > 3600 * 1000) {
                *error = QStringLiteral("%1 needs a positive number, not '%2'").arg(a, v);
                return false;
            }
            (a == QLatin1String("--timeout") ? out->timeoutMs : out->bootWaitMs) =
                int(a == QLatin1String("--timeout") ? n * 1000 : n);
        } else if (a == QLatin1String("--seconds")) {
            bool ok = false;
            if (!takeValue(args, &i, &v, error))
                return false;
            out->seconds = v.toInt(&ok);
            if (!ok || out->seconds <= 0 || out->seconds > 24 * 3600) {
                *error = QStringLiteral("--seconds needs a whole number of seconds, not '%1'").arg(v);
                return false;
            }
        } else if (a == QLatin1String("--wait")) {
            out->wait = true;
        } else if (a == QLatin1String("--logical")) {
            out->logical = true;
        } else if (a.startsWith(QLatin1String("--")) && a != QLatin1String("--")) {
            *error = QStringLiteral("unknown option %1 (see --help)").arg(a);
            return false;
        } else {
            positional << a;
        }
    }
    if (!haveLink && !qEnvironmentVariableIsEmpty(kStationLinkVariable)) {
        out->via = Request::Via::Station;  // the link itself is read later (ctl_link_source.h)
        haveLink = true;
    }
    if (!haveLink) {
        *error = QStringLiteral("say where the rig is: --serial PATH, --connect HOST:PORT, "
                                "--station FILE or --office SOCKET");
        return false;
    }
    const QString cmd = positional.value(0);
    const bool twoWords = cmd == QLatin1String("goto") || cmd == QLatin1String("send")
        || cmd == QLatin1String("override") || cmd == QLatin1String("park");
    const int expected = twoWords ? 2 : 1;
    if (cmd == QLatin1String("goto")) {
        out->command = Request::Command::Goto;
        bool ok = false;
        out->angle = positional.value(1).toDouble(&ok);
        const double lo = out->logical ? -180 : 0;
        const double hi = out->logical ? 180 : 180;
        if (!ok || out->angle < lo || out->angle > hi) {
            *error = QStringLiteral("goto needs an angle from %1 to %2, not '%3'")
                         .arg(lo)
                         .arg(hi)
                         .arg(positional.value(1));
            return false;
        }
    } else if (cmd == QLatin1String("send")) {
        out->command = Request::Command::Send;
        out->line = positional.value(1).toLatin1();
        if (out->line.isEmpty()) {
            *error = QStringLiteral("send needs a non-empty LINE");
            return false;
        }
    } else if (cmd == QLatin1String("override") || cmd == QLatin1String("park")) {
        const bool isOverride = cmd == QLatin1String("override");
        out->command = isOverride ? Request::Command::Override : Request::Command::Park;
        const QString v = positional.value(1);
        const QString yes = isOverride ? QStringLiteral("take") : QStringLiteral("lock");
        const QString no = isOverride ? QStringLiteral("release") : QStringLiteral("unlock");
        if (v != yes && v != no) {
            *error = QStringLiteral("%1 takes %2 or %3").arg(cmd, yes, no);
            return false;
        }
        out->on = v == yes;
        if (out->via != Request::Via::Office) {
            *error = QStringLiteral("%1 is for the office: use --office SOCKET").arg(cmd);
            return false;
        }
    } else if (cmd == QLatin1String("watch")) {
        out->command = Request::Command::Watch;
        if (out->via != Request::Via::Station) {
            *error = QStringLiteral("watch needs a station: --station FILE (its pairing link)");
            return false;
        }
    } else if (cmd == QLatin1String("pause-video") || cmd == QLatin1String("resume-video")) {
        out->command = Request::Command::PauseVideo;
        out->on = cmd == QLatin1String("pause-video");
        if (out->via != Request::Via::Office) {
            *error = QStringLiteral("%1 is for the office: use --office SOCKET").arg(cmd);
            return false;
        }
    } else if (cmd == QLatin1String("status")) {
        out->command = Request::Command::Status;
    } else if (cmd == QLatin1String("query")) {
        out->command = Request::Command::Query;
    } else {
        *error = cmd.isEmpty() ? QStringLiteral("no command given (goto, status, query, send, watch, ...)")
                               : QStringLiteral("unknown command '%1'").arg(cmd);
        return false;
    }
    if (positional.size() != expected) {
        *error = QStringLiteral("%1 takes %2 argument(s)").arg(cmd).arg(expected - 1);
        return false;
    }
    return true;
}

}  // namespace rudebot::ctl
