// bench/wan's app side (wan_sides.h): starts the station side, receives its picture (the
// real-time path's MediaReceiver, or an MjpegClient), reads each frame's timecode, pings beside
// the video from a process of its own (tcp_ping.h), and prints one RESULT line.
#include "wan_sides.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <cstdio>

#include "media/camera_sender.h"
#include "media/media_receiver.h"
#include "media/speech.h"
#include "media/tcp_ping.h"
#include "media/webrtc_peer.h"
#include "support/spin_until.h"
#include "video/mjpeg_client.h"

namespace wan {

namespace {

quint64 loBytes()
{
    QFile f(QStringLiteral("/sys/class/net/lo/statistics/tx_bytes"));
    return f.open(QIODevice::ReadOnly) ? f.readAll().trimmed().toULongLong() : 0;
}

}  // namespace

int runApp(const QStringList &args)
{
    using namespace rudebot;
    const QString path = arg(args, QStringLiteral("--child"), QStringLiteral("webrtc"));
    const int seconds = arg(args, QStringLiteral("--seconds"), QStringLiteral("20")).toInt();
    const bool webrtc = path == QLatin1String("webrtc");
    QString error;
    // The office speaks once, kSpeechLead seconds after its microphone starts (the session is
    // up and the video has settled by then).
    constexpr double kSpeechLead = 10;
    QTemporaryDir dir;
    const auto speech = webrtc
        ? makeSpeech(dir, QStringLiteral("office"),
            QStringLiteral("Hello from the office. Can you hear me now?"), kSpeechLead, &error)
        : std::nullopt;
    const QString speakerFile = dir.filePath(QStringLiteral("remote-speaker.raw"));

    std::vector<std::pair<qint64, qint64>> decoded;  // (at, age)
    const auto onImage = [&](const QImage &image) {
        if (const auto code = readTimecode(image))
            decoded.emplace_back(monotonicMs(), timecodeAgeMs(*code, monotonicMs()));
    };
    MediaReceiverSettings rs;
    if (speech)
        rs.audioSink = speakerInto(speakerFile);
    MediaReceiver receiver(rs);
    MjpegClient viewer;
    QObject::connect(&receiver, &MediaReceiver::frameReady,
        [&](const ReceivedFrame &f) { onImage(f.image); });
    QObject::connect(&viewer, &MjpegClient::frameReceived, onImage);

    // The station, in a process of its own; its lines drive this side.
    QProcess station;
    station.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    QStringList stationArgs{QStringLiteral("--station"), path, QStringLiteral("--size"),
        arg(args, QStringLiteral("--size"), QStringLiteral("1280x720")), QStringLiteral("--fps"),
        arg(args, QStringLiteral("--fps"), QStringLiteral("30"))};
    if (speech)
        stationArgs << QStringLiteral("--mic") << micFrom(*speech);
    qint64 micStartMs = -1;
    double stationCpu = -1;
    double stationMainCpu = -1;
    QString size;
    QByteArray pending;
    QObject::connect(&station, &QProcess::readyReadStandardOutput, [&] {
        pending += station.readAllStandardOutput();
        for (int nl; (nl = pending.indexOf('\n')) >= 0;) {
            const QByteArray line = pending.left(nl);
            pending.remove(0, nl + 1);
            if (line.startsWith("SIG "))
                receiver.peer()->handleMessage(QJsonDocument::fromJson(line.mid(4)).object());
            else if (line.startsWith("MIC "))
                micStartMs = line.mid(4).toLongLong();
            else if (line.startsWith("PORT "))
                viewer.open(QUrl(QStringLiteral("http://127.0.0.1:%1/stream.mjpg")
                                     .arg(QString::fromLatin1(line.mid(5)))));
            else if (line.startsWith("SIZE "))
                size = QString::fromLatin1(line.mid(5));
            else if (line.startsWith("CPU ")) {
                const QList<QByteArray> parts = line.mid(4).split(' ');
                stationCpu = parts.value(0).toDouble();
                stationMainCpu = parts.value(1).toDouble();
            }
        }
    });
    QObject::connect(receiver.peer(), &WebRtcPeer::messageReady, [&](const QJsonObject &m) {
        station.write("SIG " + QJsonDocument(m).toJson(QJsonDocument::Compact) + '\n');
    });
    if (webrtc && !receiver.start(&error)) {
        fprintf(stderr, "%s\n", qPrintable(error));
        return 2;
    }
    station.start(QCoreApplication::applicationFilePath(), stationArgs);
    // Connected before the video fills the queue; only pings from the first frame on count.
    tcpping::PingProcess ping;
    ping.start(seconds + 60);
    if (!spinUntil([&] { return !decoded.empty(); }, 30000)) {
        fprintf(stderr, "no frame arrived\n");
        return 3;
    }
    const qint64 t0 = monotonicMs();
    const quint64 bytes0 = loBytes();
    const double cpu0 = cpuSeconds();
    station.write("START\n");
    qint64 firstAudioMs = -1;
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
    station.write("STOP\n");
    spinUntil([&] { return stationCpu >= 0; }, 10000);
    station.closeWriteChannel();
    ping.stop();
    const QJsonObject pinged = ping.result(t0);
    if (!station.waitForFinished(10000))
        station.kill();

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
    // microphone (file polling, at spinUntil's 20 ms wake-ups, adds up to 20 ms).
    double audioMs = -1;
    if (speech && firstAudioMs > 0 && micStartMs > 0) {
        const auto [correlation, atMs] =
            bestMatch(envelope(speech->ref), envelope(readRaw(speakerFile)));
        if (correlation > 0.6)
            audioMs = double(firstAudioMs + atMs) - double(micStartMs + kSpeechLead * 1000);
    }
    const QJsonObject r{{"audioMs", audioMs}, {"fps", all.size() / wall},
        {"p50", double(percentile(all, 0.5))}, {"p95", double(percentile(all, 0.95))},
        {"firstP95", double(percentile(first, 0.95))}, {"lastP95", double(percentile(last, 0.95))},
        {"mbps", bytes * 8.0 / wall / 1e6}, {"pingP95", pinged.value("p95").toDouble(-1)},
        {"appCpu", cpu * 100.0}, {"stationCpu", stationCpu},
        {"stationMainCpu", stationMainCpu},
        {"size", webrtc ? size : QStringLiteral("full")}};
    printf("RESULT %s\n", QJsonDocument(r).toJson(QJsonDocument::Compact).constData());
    return 0;
}

}  // namespace wan
