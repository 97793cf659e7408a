// bench_video: 720p30 MJPEG from our station, shown by our app and by ffplay, one after the
// other, measured the same way from outside both: a probe reads the time stamp band
// (app/video/timecode.h) back from the X server every few milliseconds. See docs/benchmarks.md.
//
//   latency  = when the probe first sees a frame on screen - when the station stamped it
//   painted  = distinct frames seen per second; dropped = frame numbers never seen
//   CPU      = user + system time of the viewer (and of the X server) over the window
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QImage>
#include <QTextStream>
#include <cmath>
#include <ctime>
#include <map>

#include "bench_processes.h"
#include "proc_stats.h"
#include "screen_grabber.h"
#include "video/timecode.h"

using namespace bench;
using rudebot::decodeTimecodeRow;

namespace {

QTextStream out(stdout);

struct Placement {
    int left = 0, row = 0, width = 0, height = 0, top = 0;  // the picture on screen
};

// Scans the whole screen for the band; fills where the picture is.
bool locate(ScreenGrabber &screen, Placement *p)
{
    const QImage shot = screen.grab(QRect(QPoint(0, 0), screen.screenSize()));
    int first = -1, last = -1;
    double left = 0, width = 0;
    for (int y = 0; y < shot.height(); ++y) {
        if (auto hit = decodeTimecodeRow(shot, y)) {
            if (first < 0)
                first = y;
            last = y;
            left = hit->left;
            width = hit->width();
        }
    }
    if (first < 0)
        return false;
    p->left = int(std::lround(left));
    p->width = int(std::lround(width));
    p->row = (first + last) / 2;
    p->height = int(std::lround(width * 9 / 16));
    p->top = last + 1 - p->height;  // the band is the picture's bottom
    return true;
}

struct Result {
    QString name;
    bool ok = false;
    QString error;
    double seconds = 0;
    int frames = 0, dropped = 0, grabs = 0, unreadable = 0;
    double medianMs = 0, p90Ms = 0, p99Ms = 0, maxMs = 0;
    double viewerCpu = 0, xCpu = -1, stationCpu = 0, probeCpu = 0, rssMiB = 0;
};

Result measure(Viewer &viewer, ScreenGrabber &screen, qint64 stationPid, qint64 xPid,
    double warmupS, double durationS, int periodMs, const QString &shotPath, Placement *placement)
{
    Result r;
    r.name = viewer.name();
    QString error;
    if (!viewer.start(&error)) {
        r.error = error;
        return r;
    }
    const double t0 = nowMs();
    Placement found;
    while (!locate(screen, &found)) {
        if (!viewer.isRunning() || nowMs() - t0 > 60000) {
            r.error = QStringLiteral("no time stamp seen on screen within 60 s. Log:\n")
                + viewer.logTail();
            return r;
        }
        waitMs(200);
    }
    *placement = found;
    waitMs(int(warmupS * 1000));
    if (!shotPath.isEmpty())
        screen.grab(QRect(QPoint(0, 0), screen.screenSize())).save(shotPath);

    const int grabLeft = std::max(0, found.left - 16);
    const int grabWidth = std::min(screen.screenSize().width() - grabLeft, found.width + 32);
    std::vector<uchar> grey;
    std::map<qint64, double> firstSeen;  // frame number (unwrapped) -> latency ms
    qint64 base = 0;
    int lastRaw = -1;
    const ProcSample v0 = sampleProcess(viewer.pid()), x0 = sampleProcess(xPid),
                     s0 = sampleProcess(stationPid),
                     self0 = sampleProcess(QCoreApplication::applicationPid());
    const qint64 start = nowNs();
    const qint64 end = start + qint64(durationS * 1e9);
    timespec next{};
    clock_gettime(CLOCK_MONOTONIC, &next);
    while (nowNs() < end) {
        next.tv_nsec += periodMs * 1000000L;
        while (next.tv_nsec >= 1000000000L) {
            next.tv_nsec -= 1000000000L;
            ++next.tv_sec;
        }
        clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next, nullptr);
        const qint64 before = nowNs();
        const bool grabbed = screen.grabGreyRow(grabLeft, found.row, grabWidth, &grey);
        const qint64 after = nowNs();
        ++r.grabs;
        const auto hit =
            grabbed ? rudebot::decodeTimecodeRow(grey.data(), int(grey.size())) : std::nullopt;
        if (!hit) {
            ++r.unreadable;  // e.g. a frame half painted when the probe read the row
            continue;
        }
        // A stamp from the future or a minute ago is a misread, not a frame.
        if (rudebot::timecodeAgeMs(hit->code, after / 1000000) > 60000) {
            ++r.unreadable;
            continue;
        }
        const int raw = hit->code.frame;
        if (lastRaw >= 0 && raw < lastRaw && lastRaw - raw > 32768)
            base += 65536;
        lastRaw = raw;
        const qint64 frame = base + raw;
        if (firstSeen.count(frame))
            continue;
        // The X server copied the row somewhere between request and reply: take the middle.
        const qint64 seenMs = (before + after) / 2000000;
        firstSeen[frame] = double(rudebot::timecodeAgeMs(hit->code, seenMs))
            + double(((before + after) / 2) % 1000000) / 1e6;
    }
    r.seconds = (nowNs() - start) / 1e9;
    const ProcSample v1 = sampleProcess(viewer.pid()), x1 = sampleProcess(xPid),
                     s1 = sampleProcess(stationPid),
                     self1 = sampleProcess(QCoreApplication::applicationPid());
    viewer.stop();
    if (firstSeen.size() < 2) {
        r.error = QStringLiteral("fewer than two frames read during the measurement");
        return r;
    }
    QList<double> latencies;
    for (const auto &[frame, ms] : firstSeen)
        latencies << ms;
    r.frames = int(firstSeen.size());
    r.dropped = int(firstSeen.rbegin()->first - firstSeen.begin()->first + 1) - r.frames;
    r.medianMs = percentile(latencies, 50);
    r.p90Ms = percentile(latencies, 90);
    r.p99Ms = percentile(latencies, 99);
    r.maxMs = percentile(latencies, 100);
    r.viewerCpu = cpuPercent(v0, v1, r.seconds);
    r.xCpu = cpuPercent(x0, x1, r.seconds);
    r.stationCpu = cpuPercent(s0, s1, r.seconds);
    r.probeCpu = cpuPercent(self0, self1, r.seconds);
    r.rssMiB = v1.rssMiB;
    r.ok = true;
    return r;
}

QString num(double v, int decimals = 1)
{
    return v < 0 ? QStringLiteral("-") : QString::number(v, 'f', decimals);
}

}  // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "720p30 MJPEG from our station: latency from stamp to screen, painted fps, CPU and memory\n"
        "of our app and of ffplay -fflags nobuffer, measured the same way. Needs an X server\n"
        "(bench/video starts Xvfb)."));
    p.addHelpOption();
    p.addOption(
        {QStringLiteral("seconds"), QStringLiteral("measured seconds per viewer (default 25)"),
            QStringLiteral("S"), QStringLiteral("25")});
    p.addOption({QStringLiteral("warmup"),
        QStringLiteral("seconds discarded after the first frame (default 5)"), QStringLiteral("S"),
        QStringLiteral("5")});
    p.addOption({QStringLiteral("period"), QStringLiteral("ms between probe reads (default 5)"),
        QStringLiteral("MS"), QStringLiteral("5")});
    p.addOption({QStringLiteral("rounds"),
        QStringLiteral("each viewer this many times, alternating (default 1)"), QStringLiteral("N"),
        QStringLiteral("1")});
    p.addOption({QStringLiteral("xvfb-pid"),
        QStringLiteral(
            "the X server's process, to report its CPU (default: $RUDEBOT_BENCH_XVFB_PID)"),
        QStringLiteral("PID"), qEnvironmentVariable("RUDEBOT_BENCH_XVFB_PID")});
    p.addOption({QStringLiteral("screenshots"),
        QStringLiteral("save a screenshot of each viewer here"), QStringLiteral("DIR")});
    p.process(app);
    const double seconds = p.value(QStringLiteral("seconds")).toDouble();
    const double warmup = p.value(QStringLiteral("warmup")).toDouble();
    const int period = std::max(1, p.value(QStringLiteral("period")).toInt());
    const int rounds = std::max(1, p.value(QStringLiteral("rounds")).toInt());
    const qint64 xPid = p.value(QStringLiteral("xvfb-pid")).toLongLong();
    const QString shots = p.value(QStringLiteral("screenshots"));
    if (seconds <= 0 || warmup < 0) {
        QTextStream(stderr)
            << "bench_video: --seconds must be positive and --warmup not negative\n";
        return 2;
    }
    if (!shots.isEmpty())
        QDir().mkpath(shots);

    ScreenGrabber screen;
    if (!screen.isValid()) {
        QTextStream(stderr) << "bench_video: " << screen.error()
                            << " (run it through bench/video)\n";
        return 1;
    }
    if (Viewer::ffplayPath().isEmpty()) {
        QTextStream(stderr) << "bench_video: ffplay not found; install Debian's ffmpeg package "
                               "(scripts/install-deps.sh)\n";
        return 1;
    }
    Station station;
    QString error;
    if (!station.start(QStringLiteral("timecode"), 30, &error)) {
        QTextStream(stderr) << "bench_video: " << error << '\n';
        return 1;
    }
    // The station alone (camera drawing, nobody watching): a yardstick for its CPU below.
    const ProcSample idle0 = sampleProcess(station.pid());
    waitMs(3000);
    const double idleCpu = cpuPercent(idle0, sampleProcess(station.pid()), 3.0);
    out << "bench_video: 1280x720 at 30 fps, MJPEG q80 over HTTPS from rudebot-bridge --camera "
           "timecode\n"
        << "screen " << screen.screenSize().width() << 'x' << screen.screenSize().height()
        << ", probe every " << period << " ms, " << warmup << " s warm-up, " << seconds
        << " s measured per viewer; load average before: " << loadAverage() << '\n'
        << "station CPU with no viewer: " << num(idleCpu) << " %\n";
    out.flush();

    QList<Result> results;
    Placement picture;
    bool placed = false;
    for (int round = 0; round < rounds; ++round) {
        // Ours first: its window decides the picture's size and place; ffplay gets the same.
        Viewer ours(QStringLiteral("rudebot (ours)"), Viewer::appPath(), {}, station.pairingLink());
        Placement seen;
        Result r = measure(ours, screen, station.pid(), xPid, warmup, seconds, period,
            shots.isEmpty() ? QString() : QDir(shots).filePath(QStringLiteral("video-ours.png")),
            &seen);
        if (r.ok && !placed) {
            picture = seen;
            placed = true;
            out << "picture on screen: " << picture.width << 'x' << picture.height << " at "
                << picture.left << ',' << picture.top << '\n';
        }
        out << "  " << ours.commandLine() << '\n';
        out.flush();
        results << r;
        if (!placed)
            break;
        for (bool tuned : {false, true}) {
            Viewer ffplay(ffplayName(tuned), Viewer::ffplayPath(),
                ffplayArgs(tuned, QRect(picture.left, picture.top, picture.width, picture.height),
                    station.streamUrl() + QStringLiteral("?token=") + station.key()));
            const QString shot = QStringLiteral("video-ffplay-%1.png").arg(results.size());
            r = measure(ffplay, screen, station.pid(), xPid, warmup, seconds, period,
                shots.isEmpty() ? QString() : QDir(shots).filePath(shot), &seen);
            out << "  " << ffplay.commandLine() << '\n';
            out.flush();
            results << r;
        }
    }
    station.stop();

    out << "\nload average after: " << loadAverage() << "\n\n";
    out << "| viewer | stamped fps | painted fps | dropped | latency median ms | p90 | p99 | max | "
           "viewer CPU % | Xvfb CPU % | station CPU % | probe CPU % | viewer RSS MiB |\n"
        << "|---|---|---|---|---|---|---|---|---|---|---|---|---|\n";
    for (const Result &r : results) {
        if (!r.ok) {
            out << "| " << r.name << " | failed: " << r.error << " |\n";
            continue;
        }
        out << "| " << r.name << " | " << num((r.frames + r.dropped) / r.seconds) << " | "
            << num(r.frames / r.seconds) << " | " << r.dropped << " / " << (r.frames + r.dropped)
            << " | " << num(r.medianMs) << " | " << num(r.p90Ms) << " | " << num(r.p99Ms) << " | "
            << num(r.maxMs) << " | " << num(r.viewerCpu) << " | " << num(r.xCpu) << " | "
            << num(r.stationCpu) << " | " << num(r.probeCpu) << " | " << num(r.rssMiB, 0) << " |\n";
    }
    out << "\nprobe reads: ";
    for (const Result &r : results)
        out << r.name << ' ' << r.grabs << " (" << r.unreadable << " unreadable)  ";
    out << '\n';
    const bool allOk =
        std::all_of(results.begin(), results.end(), [](const Result &r) { return r.ok; });
    return allOk ? 0 : 1;
}
