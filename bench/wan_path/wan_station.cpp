// bench/wan's station side (wan_sides.h): the timecode camera into the real-time path's
// MediaSender, or into the station's MjpegServer, and nothing else.
#include "wan_sides.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSocketNotifier>
#include <cstdio>
#include <unistd.h>

#include "media/camera_sender.h"
#include "media/webrtc_peer.h"
#include "video/mjpeg_server.h"

namespace wan {

namespace {

void say(const QByteArray &line)
{
    fwrite(line.constData(), 1, size_t(line.size()), stdout);
    fputc('\n', stdout);
    fflush(stdout);
}

}  // namespace

int runStation(const QStringList &args)
{
    using namespace rudebot;
    const QString path = arg(args, QStringLiteral("--station"), QStringLiteral("webrtc"));
    const QStringList wh = arg(args, QStringLiteral("--size"), QStringLiteral("1280x720")).split('x');
    const int fps = arg(args, QStringLiteral("--fps"), QStringLiteral("30")).toInt();
    MediaSenderSettings ss;
    ss.size = QSize(wh.value(0).toInt(), wh.value(1).toInt());
    ss.fps = fps;
    ss.maxKbps = 3000;  // the goal: 720p30 at no more than 3 Mbit/s
    ss.audioSource = arg(args, QStringLiteral("--mic"), QString());
    CameraSender station(ss, fps);
    MjpegServerSettings ms;
    ms.maxFpsPerViewer = fps;
    MjpegServer mjpeg(ms);
    QString error;
    if (path == QLatin1String("webrtc")) {
        QObject::connect(station.sender.peer(), &WebRtcPeer::messageReady,
            [](const QJsonObject &m) {
                say("SIG " + QJsonDocument(m).toJson(QJsonDocument::Compact));
            });
        if (!station.sender.start(&error)) {
            fprintf(stderr, "%s\n", qPrintable(error));
            return 2;
        }
        say("MIC " + QByteArray::number(monotonicMs()));
    } else {
        QObject::disconnect(&station.camera, nullptr, &station.sender, nullptr);
        QObject::connect(
            &station.camera, &VirtualCamera::frameReady, &mjpeg, &MjpegServer::setFrame);
        if (!mjpeg.listen(QHostAddress::LocalHost, 0, &error)) {
            fprintf(stderr, "%s\n", qPrintable(error));
            return 2;
        }
        say("PORT " + QByteArray::number(mjpeg.serverPort()));
    }
    station.camera.start();
    station.sweep.start();

    MediaStats lastStats;
    QObject::connect(&station.sender, &MediaSender::statsUpdated,
        [&lastStats](const MediaStats &stats) { lastStats = stats; });
    double cpu0 = 0;
    double mainCpu0 = 0;
    std::map<int, ThreadCpu> threads0;
    qint64 t0 = 0;
    QByteArray pending;
    QSocketNotifier input(STDIN_FILENO, QSocketNotifier::Read);
    QObject::connect(&input, &QSocketNotifier::activated, [&] {
        char buffer[65536];
        const ssize_t n = ::read(STDIN_FILENO, buffer, sizeof buffer);
        if (n <= 0) {
            input.setEnabled(false);
            QCoreApplication::quit();  // the app side is done
            return;
        }
        pending.append(buffer, int(n));
        for (int nl; (nl = pending.indexOf('\n')) >= 0;) {
            const QByteArray line = pending.left(nl);
            pending.remove(0, nl + 1);
            if (line.startsWith("SIG ")) {
                station.sender.peer()->handleMessage(QJsonDocument::fromJson(line.mid(4)).object());
            } else if (line == "START") {
                cpu0 = cpuSeconds();
                mainCpu0 = threadCpuSeconds();
                threads0 = threadsCpu();
                t0 = monotonicMs();
                // The camera's own longest gap from here on: a freeze the app sees that is
                // already here is this process's (the main thread drawing), not the path's.
                station.cameraMaxGapMs = 0;
            } else if (line == "STOP") {
                const double wall = double(monotonicMs() - t0) / 1000.0;
                const EncoderTarget &t = station.sender.target();
                // Where the station's CPU went, on stderr (the table has the totals).
                const std::map<int, ThreadCpu> threads1 = threadsCpu();
                fprintf(stderr, "station threads: %s\n",
                    qPrintable(threadsCpuText(threads0, threads1, wall)));
                if (path == QLatin1String("webrtc"))
                    fprintf(stderr,
                        "station video (stats at %lld): %llu packets sent, %lld reported lost, "
                        "%llu NACKs, %llu PLIs; the camera's longest gap %lld ms\n",
                        (long long)lastStats.atMs, (unsigned long long)lastStats.packetsSent,
                        (long long)lastStats.packetsLostTotal,
                        (unsigned long long)lastStats.nackReceived,
                        (unsigned long long)lastStats.pliReceived,
                        (long long)station.cameraMaxGapMs);
                say("SIZE " + QByteArray::number(t.size.width()) + 'x'
                    + QByteArray::number(t.size.height()));
                say("CPU " + QByteArray::number((cpuSeconds() - cpu0) / wall * 100.0, 'f', 1) + ' '
                    + QByteArray::number((threadCpuSeconds() - mainCpu0) / wall * 100.0, 'f', 1)
                    + ' '
                    + QByteArray::number(threadsCpuSeconds(threads0, threads1, QStringLiteral("mic:"))
                            / wall * 100.0,
                        'f', 1));
            }
        }
    });
    return QCoreApplication::exec();
}

}  // namespace wan
