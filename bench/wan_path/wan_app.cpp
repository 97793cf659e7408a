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
#include <QTimer>
#include <algorithm>
#include <cstdio>

#include "media/camera_sender.h"
#include "media/media_receiver.h"
#include "media/speech.h"
#include "media/tcp_ping.h"
#include "media/webrtc_peer.h"
#include "support/spin_until.h"
#include "ui/video_view.h"
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
    // The office speaks first kSpeechLead seconds after its microphone starts (the session is
    // up and the video has settled by then), then again every few seconds while the run lasts:
    // one delay per utterance.
    constexpr double kSpeechLead = 10;
    constexpr double kSpeechGap = 4;
    constexpr double kSpeechSeconds = 3;  // about what espeak-ng makes of the sentence
    const int repeats =
        std::max(1, int((seconds - kSpeechLead) / (kSpeechSeconds + kSpeechGap)));
    QTemporaryDir dir;
    const auto speech = webrtc
        ? makeSpeech(dir, QStringLiteral("office"),
            QStringLiteral("Hello from the office. Can you hear me now?"), kSpeechLead, &error,
            repeats, kSpeechGap)
        : std::nullopt;
    Heard heard{dir.filePath(QStringLiteral("remote-speaker.raw"))};
    // When each part of the speaker's file arrived, to 5 ms.
    QTimer listen;
    listen.setTimerType(Qt::PreciseTimer);
    // The benchmark's own work on the GUI thread (the speaker file's polling, the timecode's
    // reading), taken out of the app's decoding and painting.
    double ownSeconds = 0;
    QObject::connect(&listen, &QTimer::timeout, [&heard, &ownSeconds] {
        const double start = threadCpuClock();
        heard.poll();
        ownSeconds += threadCpuClock() - start;
    });
    if (speech)
        listen.start(5);

    std::vector<std::pair<qint64, qint64>> decoded;  // (at, age)
    const auto onImage = [&](const QImage &image) {
        const double start = threadCpuClock();
        if (const auto code = readTimecode(image))
            decoded.emplace_back(monotonicMs(), timecodeAgeMs(*code, monotonicMs()));
        ownSeconds += threadCpuClock() - start;
    };
    MediaReceiverSettings rs;
    if (speech)
        rs.audioSink = speakerInto(heard.file);
    MediaReceiver receiver(rs);
    MjpegClient viewer;
    // The remote window's picture, painted as the app paints it (the raster engine, into the
    // offscreen platform's backing store): the app's CPU is decoding and painting.
    VideoView view;
    const QStringList viewSize =
        arg(args, QStringLiteral("--view"), QStringLiteral("960x540")).split('x');
    view.resize(viewSize.value(0).toInt(), viewSize.value(1).toInt());
    view.show();
    QObject::connect(&receiver, &MediaReceiver::frameReady, [&](const ReceivedFrame &f) {
        onImage(f.image);
        view.setFrame(f.image);
    });
    QObject::connect(&viewer, &MjpegClient::frameReceived, [&](const QImage &image) {
        onImage(image);
        view.setFrame(image);
    });

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
    double stationMicCpu = 0;
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
                stationMicCpu = parts.value(2).toDouble();
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
    const double guiCpu0 = threadCpuSeconds();
    const double own0 = ownSeconds;
    const std::map<int, ThreadCpu> threads0 = threadsCpu();
    station.write("START\n");
    spinUntil([&] { return monotonicMs() - t0 >= seconds * 1000; }, (seconds + 30) * 1000);
    const double wall = (monotonicMs() - t0) / 1000.0;
    const double cpu = (cpuSeconds() - cpu0) / wall;
    const std::map<int, ThreadCpu> threads1 = threadsCpu();
    // Decoding and painting (the "app's decoding and painting"): the threads that do
    // it (the jitter buffers' threads depayload and decode, "fresh:src" converts to BGRx, Qt's
    // raster pool draws the scaled picture) and the GUI thread (MJPEG decodes there, and
    // paints), less this benchmark's own work on it. Not in it: receiving and decrypting
    // (nicesrc, queue0: SRTP and the RTP session), SCTP, ICE and DTLS.
    double decodePaint = threadCpuSeconds() - guiCpu0 - (ownSeconds - own0);
    for (const char *prefix : {"rtpjitterbuffer", "fresh:", "Thread (pooled)"})
        decodePaint += threadsCpuSeconds(threads0, threads1, QString::fromLatin1(prefix));
    // Where the app's CPU went, on stderr (the table has the total).
    fprintf(stderr, "app threads: %s; the benchmark's own work on the GUI thread %.1f%%\n",
        qPrintable(threadsCpuText(threads0, threads1, wall)),
        (ownSeconds - own0) / wall * 100.0);
    const quint64 bytes = loBytes() - bytes0;
    if (webrtc) {
        const RepairCounts repairs = receiver.repairCounts();
        fprintf(stderr, "app video: %llu lost packets repaired by retransmission, %llu given up\n",
            (unsigned long long)repairs.repaired, (unsigned long long)repairs.givenUp);
    }
    station.write("STOP\n");
    spinUntil([&] { return stationCpu >= 0; }, 10000);
    station.closeWriteChannel();
    ping.stop();
    const QJsonObject pinged = ping.result(t0);
    if (!station.waitForFinished(10000))
        station.kill();

    std::vector<qint64> all, first, last;
    // A freeze: the capture time between two frames shown one after the other, beyond the
    // camera's own frame interval (the issue: none longer than 500 ms at 2 % loss).
    qint64 maxFreezeMs = 0;
    qint64 previousCaptureMs = -1;
    QStringList freezes;  // each longer than 200 ms, and when into the run it ended
    for (const auto &d : decoded) {
        if (d.first < t0)
            continue;
        const qint64 captureMs = d.first - d.second;
        if (previousCaptureMs >= 0) {
            const qint64 gap = captureMs - previousCaptureMs;
            maxFreezeMs = std::max(maxFreezeMs, gap);
            if (gap > 200)
                freezes << QStringLiteral("%1 ms at %2 s")
                               .arg(gap)
                               .arg(double(d.first - t0) / 1000.0, 0, 'f', 1);
        }
        previousCaptureMs = captureMs;
        all.push_back(d.second);
        if (d.first < t0 + seconds * 1000 / 3)
            first.push_back(d.second);
        else if (d.first >= t0 + seconds * 2000 / 3)
            last.push_back(d.second);
    }
    if (!freezes.isEmpty())
        fprintf(stderr, "app freezes: %s\n", qPrintable(freezes.join(QStringLiteral(", "))));
    // Mouth to ear of each utterance: when its first sample reached the speaker against when
    // it left the microphone (the speaker's file is polled every 5 ms).
    std::vector<qint64> audio;
    if (speech && micStartMs > 0)
        for (const double d : delaysMs(*speech, heard, micStartMs))
            audio.push_back(qint64(d));
    const QJsonObject r{{"audioMs", audio.empty() ? -1.0 : double(percentile(audio, 0.5))},
        {"audioMaxMs", audio.empty() ? -1.0 : double(*std::max_element(audio.begin(), audio.end()))},
        {"audioHeard", int(audio.size())}, {"audioSaid", speech ? repeats : 0},
        {"fps", all.size() / wall}, {"painted", double(view.framesShown())},
        {"maxFreezeMs", double(maxFreezeMs)},
        {"p50", double(percentile(all, 0.5))}, {"p95", double(percentile(all, 0.95))},
        {"firstP95", double(percentile(first, 0.95))}, {"lastP95", double(percentile(last, 0.95))},
        {"mbps", bytes * 8.0 / wall / 1e6}, {"pingP95", pinged.value("p95").toDouble(-1)},
        {"appCpu", cpu * 100.0}, {"appDecodePaintCpu", decodePaint / wall * 100.0},
        {"stationCpu", stationCpu},
        {"stationMainCpu", stationMainCpu},
        // Sending the video: the station less its main thread (the camera) and its microphone.
        {"stationVideoCpu", stationCpu - stationMainCpu - stationMicCpu},
        {"size", webrtc ? size : QStringLiteral("full")}};
    printf("RESULT %s\n", QJsonDocument(r).toJson(QJsonDocument::Compact).constData());
    return 0;
}

}  // namespace wan
