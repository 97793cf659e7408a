// bench/wan: MJPEG and the real-time media path (webrtcbin, H.264) side by side over a
// constrained uplink: a network namespace per case whose loopback is shaped with tbf (MTU
// 1500, a 300 ms router queue) or loses 2 % of UDP (nftables). Each case runs this program
// again inside its namespace (--child), streaming the timecode camera (720p30 by default) and
// printing what the receiver decoded: fps, frame age (capture to decoded, from the timecode),
// first against last third, bytes on the link, a TCP ping beside the video (the control
// channel's lot), the child's CPU, and on the real-time path the office's speech to the
// remote's speaker (mouth to ear, by cross-correlation, while the video runs). Needs root
// (namespaces). See docs/benchmarks.md.
#include <QFile>
#include <QGuiApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTcpSocket>
#include <algorithm>
#include <cstdio>
#include <sys/resource.h>

#include "media/gst_setup.h"
#include "media/media_receiver.h"
#include "media/webrtc_peer.h"
#include "video/mjpeg_client.h"
#include "video/mjpeg_server.h"

#include "media/camera_sender.h"
#include "media/media_wire.h"
#include "media/shaped_link.h"
#include "media/speech.h"
#include "support/spin_until.h"

using namespace rudebot;

namespace {

qint64 percentile(std::vector<qint64> v, double p)
{
    if (v.empty())
        return -1;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, size_t(p * double(v.size())))];
}

quint64 loBytes()
{
    QFile f(QStringLiteral("/sys/class/net/lo/statistics/tx_bytes"));
    return f.open(QIODevice::ReadOnly) ? f.readAll().trimmed().toULongLong() : 0;
}

double cpuSeconds()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec)
        + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// A TCP echo beside the video: what a control message waits behind.
struct Ping {
    QTcpServer server;
    QTcpSocket client;
    QTimer timer;
    qint64 sentAt = -1;
    std::vector<qint64> rtts;
    Ping()
    {
        server.listen(QHostAddress::LocalHost, 0);
        QObject::connect(&server, &QTcpServer::newConnection, [this] {
            QTcpSocket *s = server.nextPendingConnection();
            QObject::connect(s, &QTcpSocket::readyRead, s, [s] { s->write(s->readAll()); });
        });
        client.connectToHost(QHostAddress::LocalHost, server.serverPort());
        client.setSocketOption(QAbstractSocket::LowDelayOption, 1);
        QObject::connect(&client, &QTcpSocket::readyRead, [this] {
            client.readAll();
            if (sentAt >= 0)
                rtts.push_back(monotonicMs() - sentAt);
            sentAt = -1;
        });
        timer.setInterval(200);
        QObject::connect(&timer, &QTimer::timeout, [this] {
            if (sentAt < 0 && client.state() == QAbstractSocket::ConnectedState) {
                sentAt = monotonicMs();
                client.write("ping\n");
            }
        });
    }
};

int runChild(const QStringList &args)
{
    const auto arg = [&](const QString &name, const QString &fallback) {
        const int i = args.indexOf(name);
        return i >= 0 && i + 1 < args.size() ? args.at(i + 1) : fallback;
    };
    const QString path = arg(QStringLiteral("--child"), QStringLiteral("webrtc"));
    const int seconds = arg(QStringLiteral("--seconds"), QStringLiteral("20")).toInt();
    const QStringList wh = arg(QStringLiteral("--size"), QStringLiteral("1280x720")).split('x');
    const QSize size(wh.value(0).toInt(), wh.value(1).toInt());
    const int fps = arg(QStringLiteral("--fps"), QStringLiteral("30")).toInt();
    QString error;
    if (!initMedia(&error)) {
        fprintf(stderr, "%s\n", qPrintable(error));
        return 2;
    }
    // The office speaks once, kSpeechLead seconds in (the session is up and the video has
    // settled by then), into the real-time path's microphone.
    constexpr double kSpeechLead = 10;
    QTemporaryDir dir;
    const auto speech = path == QLatin1String("webrtc")
        ? makeSpeech(dir, QStringLiteral("office"),
            QStringLiteral("Hello from the office. Can you hear me now?"), kSpeechLead, &error)
        : std::nullopt;
    const QString speakerFile = dir.filePath(QStringLiteral("remote-speaker.raw"));
    MediaSenderSettings ss;
    ss.size = size;
    ss.fps = fps;
    ss.bitrateKbps = 2500;
    ss.maxKbps = 3000;  // the goal: 720p30 at no more than 3 Mbit/s
    if (speech)
        ss.audioSource = micFrom(*speech);
    CameraSender station(ss, fps);
    std::vector<std::pair<qint64, qint64>> decoded;  // (at, age)
    const auto onImage = [&](const QImage &image) {
        if (const auto code = readTimecode(image))
            decoded.emplace_back(monotonicMs(), timecodeAgeMs(*code, monotonicMs()));
    };
    MediaReceiverSettings rs;
    if (speech)
        rs.audioSink = speakerInto(speakerFile);
    MediaReceiver receiver(rs);
    qint64 micStartMs = -1;
    qint64 firstAudioMs = -1;
    std::unique_ptr<MediaWire> wire;
    MjpegServerSettings ms;
    ms.maxFpsPerViewer = fps;
    MjpegServer mjpeg(ms);
    MjpegClient viewer;
    if (path == QLatin1String("webrtc")) {
        QObject::connect(&receiver, &MediaReceiver::frameReady,
            [&](const ReceivedFrame &f) { onImage(f.image); });
        wire = std::make_unique<MediaWire>(station.sender.peer(), receiver.peer());
        if (!receiver.start(&error) || !station.sender.start(&error)) {
            fprintf(stderr, "%s\n", qPrintable(error));
            return 2;
        }
        micStartMs = monotonicMs();
    } else {
        QObject::disconnect(&station.camera, nullptr, &station.sender, nullptr);
        QObject::connect(
            &station.camera, &VirtualCamera::frameReady, &mjpeg, &MjpegServer::setFrame);
        if (!mjpeg.listen(QHostAddress::LocalHost, 0, &error)) {
            fprintf(stderr, "%s\n", qPrintable(error));
            return 2;
        }
        QObject::connect(&viewer, &MjpegClient::frameReceived, onImage);
        viewer.open(
            QUrl(QStringLiteral("http://127.0.0.1:%1/stream.mjpg").arg(mjpeg.serverPort())));
    }
    Ping ping;
    station.camera.start();
    station.sweep.start();
    if (!spinUntil([&] { return !decoded.empty(); }, 30000)) {
        fprintf(stderr, "no frame arrived\n");
        return 3;
    }
    ping.timer.start();
    const qint64 t0 = monotonicMs();
    const quint64 bytes0 = loBytes();
    const double cpu0 = cpuSeconds();
    spinUntil(
        [&] {
            if (firstAudioMs < 0 && speech && QFileInfo(speakerFile).size() > 0)
                firstAudioMs = monotonicMs();
            return monotonicMs() - t0 >= seconds * 1000;
        },
        (seconds + 30) * 1000);
    const double wall = (monotonicMs() - t0) / 1000.0;
    const double cpu = (cpuSeconds() - cpu0) / wall;
    const quint64 bytes = loBytes() - bytes0;

    std::vector<qint64> all, first, last;
    for (const auto &d : decoded) {
        if (d.first < t0)
            continue;
        all.push_back(d.second);
        if (d.first < t0 + seconds * 1000 / 3)
            first.push_back(d.second);
        else if (d.first >= t0 + seconds * 2000 / 3)
            last.push_back(d.second);
    }
    // Mouth to ear: where the speech sits in what the speaker got, from when it left the
    // microphone (file polling adds up to 50 ms).
    double audioMs = -1;
    if (speech && firstAudioMs > 0) {
        const auto [correlation, atMs] =
            bestMatch(envelope(speech->ref), envelope(readRaw(speakerFile)));
        if (correlation > 0.6)
            audioMs = double(firstAudioMs + atMs) - double(micStartMs + kSpeechLead * 1000);
    }
    const QJsonObject r{{"audioMs", audioMs}, {"fps", all.size() / wall},
        {"p50", double(percentile(all, 0.5))}, {"p95", double(percentile(all, 0.95))},
        {"firstP95", double(percentile(first, 0.95))}, {"lastP95", double(percentile(last, 0.95))},
        {"mbps", bytes * 8.0 / wall / 1e6}, {"pingP95", double(percentile(ping.rtts, 0.95))},
        {"cpu", cpu * 100.0},
        {"size",
            QStringLiteral("%1x%2")
                .arg(station.sender.target().size.width())
                .arg(station.sender.target().size.height())}};
    printf("RESULT %s\n", QJsonDocument(r).toJson(QJsonDocument::Compact).constData());
    return 0;
}

}  // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.contains(QStringLiteral("--child")))
        return runChild(args);
    if (args.contains(QStringLiteral("--help"))) {
        printf("bench_wan [--seconds N] [--size WxH] [--fps F]\n"
               "MJPEG and the real-time path over unshaped, 8, 3, 1 Mbit/s and 2 %% UDP loss "
               "(root).\n");
        return 0;
    }
    const auto arg = [&](const QString &name, const QString &fallback) {
        const int i = args.indexOf(name);
        return i >= 0 && i + 1 < args.size() ? args.at(i + 1) : fallback;
    };
    const QStringList pass{QStringLiteral("--seconds"),
        arg(QStringLiteral("--seconds"), QStringLiteral("30")), QStringLiteral("--size"),
        arg(QStringLiteral("--size"), QStringLiteral("1280x720")), QStringLiteral("--fps"),
        arg(QStringLiteral("--fps"), QStringLiteral("30"))};
    struct Case {
        const char *name;
        QString rate;
        int loss;
    };
    const Case cases[] = {{"unshaped", {}, 0}, {"8 Mbit/s", QStringLiteral("8mbit"), 0},
        {"3 Mbit/s", QStringLiteral("3mbit"), 0}, {"1 Mbit/s", QStringLiteral("1mbit"), 0},
        {"2 % UDP loss", {}, 2}};
    printf("%-13s %-7s %6s %9s %9s %15s %6s %9s %5s %9s %9s\n", "link", "path", "fps", "age p50",
        "age p95", "p95 1st/last", "Mbit/s", "ping p95", "CPU%", "size", "audio");
    for (const Case &c : cases) {
        for (const QString &path : {QStringLiteral("mjpeg"), QStringLiteral("webrtc")}) {
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
            printf("%-13s %-7s %6.1f %6.0f ms %6.0f ms %6.0f/%-6.0f ms %6.2f %6.0f ms %5.0f %9s "
                   "%9s\n",
                c.name, qPrintable(path), r.value("fps").toDouble(), r.value("p50").toDouble(),
                r.value("p95").toDouble(), r.value("firstP95").toDouble(),
                r.value("lastP95").toDouble(), r.value("mbps").toDouble(),
                r.value("pingP95").toDouble(), r.value("cpu").toDouble(),
                path == QLatin1String("webrtc") ? qPrintable(r.value("size").toString()) : "full",
                path != QLatin1String("webrtc") ? "-"
                    : audio >= 0 ? qPrintable(QStringLiteral("%1 ms").arg(audio, 0, 'f', 0))
                                 : "lost");
            fflush(stdout);
        }
    }
    return 0;
}
