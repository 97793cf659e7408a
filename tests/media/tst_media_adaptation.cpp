// Bandwidth adaptation on a constrained link: sender and receiver in a network namespace whose
// loopback is shaped with tbf (MTU 1500), or loses 2 % of UDP at random (nftables). Each case
// runs this program again inside its own namespace (--scenario), which streams the sweeping
// timecode camera (640x360 unless told) and prints what the receiver painted, and with --ping 1
// what a TCP ping beside the video took (tcp_ping.h, a process of its own; a diagnostic: at
// 3 Mbit/s, 720p its p95 is not yet reliably bounded, 33-161 ms); the test judges it.
#include <QGuiApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <algorithm>

#include "media/gst_setup.h"
#include "media/media_receiver.h"
#include "media/webrtc_peer.h"

#include "media/camera_sender.h"
#include "media/media_wire.h"
#include "media/shaped_link.h"
#include "media/tcp_ping.h"
#include "support/spin_until.h"

using namespace rudebot;

namespace {

struct Painted {
    qint64 atMs;
    qint64 captureMs;  // from the timecode: the station's clock, the same machine here
};

qint64 percentile(std::vector<qint64> v, double p)
{
    if (v.empty())
        return -1;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, size_t(p * double(v.size())))];
}

// Inside the namespace: stream for `seconds`, print one JSON line of results.
int runScenario(const QStringList &args)
{
    const auto arg = [&](const QString &name, int fallback) {
        const int i = args.indexOf(name);
        return i >= 0 && i + 1 < args.size() ? args.at(i + 1).toInt() : fallback;
    };
    const int seconds = arg(QStringLiteral("--seconds"), 20);
    const int clearAfter = arg(QStringLiteral("--clear-after"), -1);
    QString error;
    if (!initMedia(&error)) {
        qCritical("%s", qPrintable(error));
        return 2;
    }
    MediaSenderSettings ss;
    ss.size = QSize(arg(QStringLiteral("--width"), 640), arg(QStringLiteral("--height"), 360));
    ss.fps = 30;
    ss.bitrateKbps = arg(QStringLiteral("--start-kbps"), 2500);
    ss.maxKbps = arg(QStringLiteral("--max-kbps"), 3000);
    ss.adapt = arg(QStringLiteral("--adapt"), 1) != 0;
    ss.retransmit = arg(QStringLiteral("--nack"), 1) != 0;
    const bool withPing = arg(QStringLiteral("--ping"), 0) != 0;
    // With --mic 1 the office's microphone and the remote's speaker too, as a station has
    // them: the audio is bundled beside the video (webrtcbin 1.22 then set the video's
    // retransmission from the audio's transceiver: media_receiver_feedback.cpp).
    const bool withMic = arg(QStringLiteral("--mic"), 0) != 0;
    if (withMic)
        ss.audioSource = QStringLiteral("audiotestsrc is-live=true wave=ticks");
    CameraSender station(ss, 30);
    MediaReceiverSettings rs;
    if (withMic)
        rs.audioSink = QStringLiteral("fakesink sync=false");
    MediaReceiver receiver(rs);
    std::vector<Painted> painted;
    QObject::connect(&receiver, &MediaReceiver::frameReady, [&](const ReceivedFrame &f) {
        if (const auto code = readTimecode(f.image))
            painted.push_back(
                Painted{monotonicMs(), monotonicMs() - timecodeAgeMs(*code, monotonicMs())});
    });
    std::vector<qint64> captured;  // when the camera made each frame
    QObject::connect(&station.camera, &VirtualCamera::frameReady,
        [&](const QImage &) { captured.push_back(monotonicMs()); });
    std::vector<std::pair<qint64, int>> kbps;
    qint64 plis = 0;
    QObject::connect(&station.sender, &MediaSender::statsUpdated,
        [&](const MediaStats &s, const EncoderTarget &t) {
            kbps.emplace_back(s.atMs, t.bitrateKbps);
            plis = qint64(s.pliReceived);
            if (qEnvironmentVariableIsSet("RUDEBOT_MEDIA_TRACE"))
                fprintf(stderr,
                    "stats %lld report=%d lost=%.3f rtt=%.0f sent=%llu pli=%llu nack=%llu -> %d kbps "
                    "%dx%d@%d\n",
                    (long long)s.atMs, int(s.haveReport), s.fractionLost, s.rttMs, (unsigned long long)s.bytesSent,
                    (unsigned long long)s.pliReceived, (unsigned long long)s.nackReceived,
                    t.bitrateKbps, t.size.width(), t.size.height(), t.fps);
        });
    const auto trace = [](const QJsonObject &m) {
        if (qEnvironmentVariableIsSet("RUDEBOT_MEDIA_TRACE") && m.contains("sdp"))
            fprintf(stderr, "%s\n", qPrintable(m.value("sdp").toString()));
        return m;
    };
    MediaWire wire(station.sender.peer(), receiver.peer(), trace, trace);
    if (!receiver.start(&error) || !station.sender.start(&error)) {
        qCritical("%s", qPrintable(error));
        return 2;
    }
    // Connected before the video fills the queue; only pings from the first frame on count.
    tcpping::PingProcess ping;
    if (withPing)
        ping.start(seconds + 30);
    station.camera.start();
    station.sweep.start();
    if (!spinUntil([&] { return !painted.empty(); }, 30000)) {
        qCritical("no frame: %s", qPrintable(station.sender.peer()->errorString()));
        return 3;
    }
    const qint64 t0 = monotonicMs();
    bool cleared = false;
    spinUntil(
        [&] {
            if (clearAfter >= 0 && !cleared && monotonicMs() - t0 >= clearAfter * 1000) {
                cleared = true;
                QProcess::execute(QStringLiteral("tc"),
                    {QStringLiteral("qdisc"), QStringLiteral("del"), QStringLiteral("dev"),
                        QStringLiteral("lo"), QStringLiteral("root")});
            }
            return monotonicMs() - t0 >= seconds * 1000;
        },
        (seconds + 30) * 1000);

    if (withPing)
        ping.stop();
    const QJsonObject pinged = withPing ? ping.result(t0) : QJsonObject{};

    // The second half: after the adaptation has had time to settle.
    const qint64 half = t0 + seconds * 500;
    std::vector<qint64> ages;
    qint64 maxFreezeMs = 0;
    qint64 frozenMs = 0;  // capture time not shown, in gaps of more than 200 ms
    int lastHalfFrames = 0;
    for (size_t i = 0; i < painted.size(); ++i) {
        if (painted[i].atMs < t0)
            continue;
        if (i > 0 && painted[i - 1].atMs >= t0) {
            const qint64 gap = painted[i].captureMs - painted[i - 1].captureMs;
            maxFreezeMs = std::max(maxFreezeMs, gap);
            if (gap > 200) {
                frozenMs += gap;
                if (qEnvironmentVariableIsSet("RUDEBOT_MEDIA_TRACE"))
                    fprintf(stderr, "freeze %lld ms, painted %lld ms into the run\n",
                        (long long)gap, (long long)(painted[i].atMs - t0));
            }
        }
        if (painted[i].atMs >= half) {
            ages.push_back(painted[i].atMs - painted[i].captureMs);
            ++lastHalfFrames;
        }
    }
    int minKbps = 1 << 30;
    int lastKbps = 0;
    double sumKbps = 0;
    int halfReports = 0;
    for (const auto &k : kbps) {
        if (k.first >= t0) {
            minKbps = std::min(minKbps, k.second);
            lastKbps = k.second;
        }
        if (k.first >= half) {
            sumKbps += k.second;
            ++halfReports;
        }
    }
    const auto cameraLastHalf = std::count_if(
        captured.begin(), captured.end(), [&](qint64 at) { return at >= half; });
    const RepairCounts repairs = receiver.repairCounts();
    const QJsonObject result{{"fpsLastHalf", lastHalfFrames / (seconds / 2.0)},
        {"repaired", double(repairs.repaired)}, {"givenUp", double(repairs.givenUp)},
        {"paintedShare", cameraLastHalf > 0 ? double(lastHalfFrames) / double(cameraLastHalf) : 0.0},
        {"ageP50", double(percentile(ages, 0.5))}, {"ageP95", double(percentile(ages, 0.95))},
        {"maxFreezeMs", double(maxFreezeMs)}, {"frozenMs", double(frozenMs)},
        {"cameraMaxGapMs", double(station.cameraMaxGapMs)},
        {"pingP50", pinged.value("p50").toDouble(-1)},
        {"pingP90", pinged.value("p90").toDouble(-1)}, {"pingP95", pinged.value("p95").toDouble(-1)},
        {"pings", pinged.value("n").toDouble(0)},
        {"minKbps", minKbps}, {"lastKbps", lastKbps},
        {"meanKbpsLastHalf", halfReports > 0 ? sumKbps / halfReports : 0.0}, {"plis", double(plis)},
        {"size",
            QStringLiteral("%1x%2")
                .arg(station.sender.target().size.width())
                .arg(station.sender.target().size.height())},
        {"fps", station.sender.target().fps}};
    printf("RESULT %s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
    return 0;
}

}  // namespace

class TestMediaAdaptation : public QObject {
    Q_OBJECT

    // Runs the scenario inside a fresh namespace and returns its result line.
    QJsonObject scenario(const QString &tag, const QString &rate, int loss, const QStringList &args)
    {
        ShapedLink link(tag);
        QString error;
        if (!link.setUp(rate, loss, &error)) {
            qWarning("%s", qPrintable(error));
            return {};
        }
        QProcess p;
        p.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        const QStringList command = link.wrap(
            QStringList{QCoreApplication::applicationFilePath(), QStringLiteral("--scenario")}
            + args);
        p.start(command.first(), command.mid(1));
        if (!p.waitForFinished(240000)) {
            p.kill();
            p.waitForFinished();
            return {};
        }
        const QByteArray out = p.readAllStandardOutput();
        const int at = out.lastIndexOf("RESULT ");
        if (at < 0)
            return {};
        const QJsonObject r = QJsonDocument::fromJson(out.mid(at + 7).trimmed()).object();
        qInfo(
            "%s: %s", qPrintable(tag), QJsonDocument(r).toJson(QJsonDocument::Compact).constData());
        return r;
    }

private slots:
    void initTestCase()
    {
        QString error;
        QVERIFY2(initMedia(&error), qPrintable(error));
        if (geteuid() != 0)
            QSKIP("network namespaces need root (developers and CI run as root)");
    }

    void tbf1mbit_bitrateFollowsThePathAndFramesStayFresh()
    {
        const QJsonObject r = scenario(QStringLiteral("tbf"), QStringLiteral("1mbit"), 0,
            {QStringLiteral("--seconds"), QStringLiteral("24"), QStringLiteral("--start-kbps"),
                QStringLiteral("2500")});
        QVERIFY(!r.isEmpty());
        // Started at 2.5 times the link: without adaptation most packets are dropped and the
        // picture stalls (fps), or queues behind the router's 300 ms (age).
        // Generous ceilings (a loaded 2-core machine); a queueing path is seconds behind.
        QVERIFY2(r.value("ageP95").toDouble() > 0 && r.value("ageP95").toDouble() < 1200,
            qPrintable(QString::number(r.value("ageP95").toDouble())));
        QVERIFY2(r.value("fpsLastHalf").toDouble() >= 8,
            qPrintable(QString::number(r.value("fpsLastHalf").toDouble())));
    }

    void pathClears_bitrateRecoversUpward()
    {
        // 30 s after the clearing: a plain picture's probes are filled only at the highest
        // factor, or not at all (then the encoder, not the path, holds the rate), and the
        // first comes up to 8 s after the last cut.
        const QJsonObject r = scenario(QStringLiteral("clear"), QStringLiteral("600kbit"), 0,
            {QStringLiteral("--seconds"), QStringLiteral("40"), QStringLiteral("--start-kbps"),
                QStringLiteral("1500"), QStringLiteral("--clear-after"), QStringLiteral("10")});
        QVERIFY(!r.isEmpty());
        QVERIFY2(r.value("minKbps").toInt() < 600,
            qPrintable(QString::number(r.value("minKbps").toInt())));
        QVERIFY2(r.value("lastKbps").toInt() > 2 * r.value("minKbps").toInt(),
            qPrintable(QStringLiteral("min %1 last %2")
                           .arg(r.value("minKbps").toInt())
                           .arg(r.value("lastKbps").toInt())));
    }

    void randomLoss2pct_retransmissionKeepsThePictureFluid()
    {
        const QJsonObject r = scenario(QStringLiteral("loss"), QString(), 2,
            {QStringLiteral("--seconds"), QStringLiteral("20"), QStringLiteral("--start-kbps"),
                QStringLiteral("1200"), QStringLiteral("--mic"), QStringLiteral("1")});
        QVERIFY(!r.isEmpty());
        // A freeze: the span of capture time between two painted frames. The issue allows
        // 500 ms at 2 % loss, which bench/wan measures on a quiet machine (292-496 ms); here
        // another test runs beside this one on two cores, and the keyframe request and the
        // keyframe wait for a core too: 417-752 ms measured in CI runs. This bound guards the
        // keyframe requests themselves (without them a freeze lasts until the periodic
        // keyframe, 10 s). A camera that itself stalled is not the link's fault: allow its own
        // worst gap.
        const double allowed = std::max(1000.0, r.value("cameraMaxGapMs").toDouble() + 100);
        QVERIFY2(r.value("maxFreezeMs").toDouble() <= allowed,
            qPrintable(QStringLiteral("freeze %1 ms (allowed %2)")
                           .arg(r.value("maxFreezeMs").toDouble())
                           .arg(allowed)));
        // Retransmission (NACK/RTX) repairs a lost packet inside the jitter buffer: measured at
        // load ~8, 29-30 fps painted with it, 19 without (each loss broke the picture until a
        // keyframe came, and the frames in between with it). Of the frames the camera made:
        // a loaded machine slows the camera too.
        QVERIFY2(r.value("paintedShare").toDouble() >= 0.8,
            qPrintable(QStringLiteral("%1 of the camera's frames painted (%2 fps)")
                           .arg(r.value("paintedShare").toDouble())
                           .arg(r.value("fpsLastHalf").toDouble())));
        // A lost packet's retransmission comes in time: its NACK goes out at once, not with the
        // next regular RTCP report (media_receiver_feedback.cpp). Here, before that: 20 and 50 %
        // of the lost video packets given up; after: 3-10 % (a NACK or its retransmission lost
        // too, 4 % at 2 % loss each way, leaves little time for a second try).
        const double repaired = r.value("repaired").toDouble();
        const double givenUp = r.value("givenUp").toDouble();
        QVERIFY2(repaired >= 10 && givenUp <= 0.15 * (repaired + givenUp),
            qPrintable(QStringLiteral("%1 repaired, %2 given up").arg(repaired).arg(givenUp)));
        // Random loss alone is not congestion: the bitrate is not driven to the floor.
        QVERIFY2(r.value("lastKbps").toInt() >= 400,
            qPrintable(QString::number(r.value("lastKbps").toInt())));
    }
};

int main(int argc, char **argv)
{
    QGuiApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.contains(QStringLiteral("--scenario")))
        return runScenario(args);
    if (const int i = args.indexOf(QStringLiteral("--ping-child")); i >= 0)
        return tcpping::runPingChild(args.value(i + 1).toInt());
    TestMediaAdaptation test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_media_adaptation.moc"
