// bench/wan: MJPEG and the real-time media path (webrtcbin, H.264) side by side over a
// constrained uplink: a network namespace per case whose loopback is shaped with tbf (MTU
// 1500, a 300 ms router queue) or loses 2 % of UDP (nftables). Each case runs this program
// again inside its namespace as the app side (--child, wan_app.cpp), which starts the station
// side (--station, wan_station.cpp) as a process of its own: the timecode camera (720p30 by
// default) into the path, the picture back out, read for fps and frame age (capture to
// decoded, from the timecode), first against last third, bytes on the link, a TCP ping beside
// the video (the control channel's lot, tcp_ping.h), each side's CPU, and on the real-time
// path the office's speech to the remote's speaker (mouth to ear, by cross-correlation, while
// the video runs). Needs root (namespaces). See docs/benchmarks.md.
#include <QApplication>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <cstdio>

#include "media/gst_setup.h"
#include "media/shaped_link.h"
#include "media/tcp_ping.h"
#include "wan_sides.h"

using namespace rudebot;

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);  // the app side paints into a real VideoView
    const QStringList args = app.arguments();
    if (const int i = args.indexOf(QStringLiteral("--ping-child")); i >= 0)
        return tcpping::runPingChild(args.value(i + 1).toInt());
    if (args.contains(QStringLiteral("--child")) || args.contains(QStringLiteral("--station"))) {
        QString error;
        if (!initMedia(&error)) {
            fprintf(stderr, "%s\n", qPrintable(error));
            return 2;
        }
        return args.contains(QStringLiteral("--child")) ? wan::runApp(args) : wan::runStation(args);
    }
    if (args.contains(QStringLiteral("--help"))) {
        printf("bench_wan [--seconds N] [--size WxH] [--fps F] [--view WxH] "
               "[--case unshaped|8|3|1|loss] [--path mjpeg|webrtc]\n"
               "MJPEG and the real-time path over unshaped, 8, 3, 1 Mbit/s and 2 %% UDP loss "
               "(root). Station and app run as two processes; CPU is each one's, %% of a core.\n");
        return 0;
    }
    const auto arg = [&](const QString &name, const QString &fallback) {
        const int i = args.indexOf(name);
        return i >= 0 && i + 1 < args.size() ? args.at(i + 1) : fallback;
    };
    const QStringList pass{QStringLiteral("--seconds"),
        arg(QStringLiteral("--seconds"), QStringLiteral("30")), QStringLiteral("--size"),
        arg(QStringLiteral("--size"), QStringLiteral("1280x720")), QStringLiteral("--fps"),
        arg(QStringLiteral("--fps"), QStringLiteral("30")), QStringLiteral("--view"),
        arg(QStringLiteral("--view"), QStringLiteral("960x540"))};
    struct Case {
        const char *key;
        const char *name;
        QString rate;
        int loss;
    };
    const Case cases[] = {{"unshaped", "unshaped", {}, 0},
        {"8", "8 Mbit/s", QStringLiteral("8mbit"), 0}, {"3", "3 Mbit/s", QStringLiteral("3mbit"), 0},
        {"1", "1 Mbit/s", QStringLiteral("1mbit"), 0}, {"loss", "2 % UDP loss", {}, 2}};
    const QString onlyCase = arg(QStringLiteral("--case"), QString());
    const QString onlyPath = arg(QStringLiteral("--path"), QString());
    // station%: the whole station process; main%: its main thread (the camera drawing and
    // handing frames on), so station% - main% is what sending the video costs. app%: the
    // whole app process; dec+paint%: its decoding and painting alone (wan_app.cpp).
    printf("%-13s %-7s %6s %7s %9s %9s %15s %6s %9s %8s %6s %6s %6s %10s %9s %9s\n", "link",
        "path", "fps", "freeze", "age p50", "age p95", "p95 1st/last", "Mbit/s", "ping p95",
        "station%", "main%", "video%", "app%", "dec+paint%", "size", "audio p50/max (heard)");
    for (const Case &c : cases) {
        if (!onlyCase.isEmpty() && onlyCase != QLatin1String(c.key))
            continue;
        for (const QString &path : {QStringLiteral("mjpeg"), QStringLiteral("webrtc")}) {
            if (!onlyPath.isEmpty() && onlyPath != path)
                continue;
            ShapedLink link(QStringLiteral("wan"));
            QString error;
            if (!link.setUp(c.rate, c.loss, &error)) {
                fprintf(stderr, "%s\n", qPrintable(error));
                return 1;
            }
            QProcess p;
            p.setProcessChannelMode(QProcess::ForwardedErrorChannel);
            const QStringList command =
                link.wrap(QStringList{QCoreApplication::applicationFilePath(),
                              QStringLiteral("--child"), path}
                    + pass);
            p.start(command.first(), command.mid(1));
            p.waitForFinished(600000);
            const QByteArray out = p.readAllStandardOutput();
            const int at = out.lastIndexOf("RESULT ");
            if (at < 0) {
                printf("%-13s %-7s  (no frames: %s)\n", c.name, qPrintable(path), "see stderr");
                continue;
            }
            const QJsonObject r = QJsonDocument::fromJson(out.mid(at + 7).trimmed()).object();
            const double audio = r.value("audioMs").toDouble(-1);
            printf("%-13s %-7s %6.1f %4.0f ms %6.0f ms %6.0f ms %6.0f/%-6.0f ms %6.2f %6.0f ms "
                   "%8.0f %6.0f %6.0f %6.0f %10.0f %9s %9s\n",
                c.name, qPrintable(path), r.value("fps").toDouble(),
                r.value("maxFreezeMs").toDouble(), r.value("p50").toDouble(),
                r.value("p95").toDouble(), r.value("firstP95").toDouble(),
                r.value("lastP95").toDouble(), r.value("mbps").toDouble(),
                r.value("pingP95").toDouble(), r.value("stationCpu").toDouble(),
                r.value("stationMainCpu").toDouble(), r.value("stationVideoCpu").toDouble(),
                r.value("appCpu").toDouble(), r.value("appDecodePaintCpu").toDouble(),
                qPrintable(r.value("size").toString()),
                path != QLatin1String("webrtc") ? "-"
                    : audio >= 0
                    ? qPrintable(QStringLiteral("%1/%2 ms (%3 of %4)")
                                     .arg(audio, 0, 'f', 0)
                                     .arg(r.value("audioMaxMs").toDouble(), 0, 'f', 0)
                                     .arg(r.value("audioHeard").toInt())
                                     .arg(r.value("audioSaid").toInt()))
                    : "lost");
            fflush(stdout);
        }
    }
    return 0;
}
