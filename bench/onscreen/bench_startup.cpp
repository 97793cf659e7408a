// bench_startup: from exec to the first video frame on screen, and memory, for
//   rudebot --demo            everything in one command (virtual rig, station, camera, viewer)
//   rudebot (link in $RUDEBOT_STATION_LINK)  our remote view alone, to a station running
//   ffplay                    the same station's stream
// "On screen" is judged from outside, the same way for all three: a patch of the picture's
// upper left quarter is read back from the X server every few milliseconds and compared with
// that viewer's settled picture. See docs/benchmarks.md.
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QImage>
#include <QTextStream>
#include <cmath>

#include "bench_processes.h"
#include "proc_stats.h"
#include "screen_grabber.h"
#include "video/timecode.h"

using namespace bench;

namespace {

QTextStream out(stdout);

// Mean absolute difference per channel, 0..255.
double difference(const QImage &a, const QImage &b)
{
    if (a.size() != b.size() || a.isNull())
        return 255;
    double sum = 0;
    for (int y = 0; y < a.height(); ++y) {
        const QRgb *p = reinterpret_cast<const QRgb *>(a.constScanLine(y));
        const QRgb *q = reinterpret_cast<const QRgb *>(b.constScanLine(y));
        for (int x = 0; x < a.width(); ++x)
            sum += std::abs(qRed(p[x]) - qRed(q[x])) + std::abs(qGreen(p[x]) - qGreen(q[x]))
                + std::abs(qBlue(p[x]) - qBlue(q[x]));
    }
    return sum / (3.0 * a.width() * a.height());
}

constexpr double kMatch = 12;  // a frame's patch is within this of the settled picture's

struct Run {
    double firstFrameMs = -1;
    double rssMiB = 0, peakRssMiB = 0, childRssMiB = 0;
};

struct Summary {
    QString name, command;
    QList<Run> runs;
    QString error;
    double contrast = 0;  // how far the patch before the first frame is from the picture
};

// Launches the viewer and waits for the settled picture: the reference for the timed runs.
bool reference(Viewer &viewer, ScreenGrabber &screen, const QRect &patch, int settleMs, QImage *ref,
    double *contrast, const QString &shotPath, QString *error)
{
    const QImage before = screen.grab(patch);
    if (!viewer.start(error))
        return false;
    waitMs(settleMs);
    if (!viewer.isRunning()) {
        *error = viewer.name() + QStringLiteral(" exited. Log:\n") + viewer.logTail();
        return false;
    }
    *ref = screen.grab(patch);
    if (!shotPath.isEmpty())
        screen.grab(QRect(QPoint(0, 0), screen.screenSize())).save(shotPath);
    viewer.stop();
    // The window must be gone again before a timed run, or its picture would count.
    const double t0 = nowMs();
    while (difference(screen.grab(patch), *ref) < kMatch && nowMs() - t0 < 10000)
        waitMs(20);
    *contrast = difference(before, *ref);
    return true;
}

Run timedRun(Viewer &viewer, ScreenGrabber &screen, const QRect &patch, const QImage &ref,
    int periodMs, int holdMs, QString *error)
{
    Run run;
    const qint64 t0 = nowNs();
    if (!viewer.start(error))
        return run;
    while (nowNs() - t0 < qint64(60) * 1000000000) {
        if (difference(screen.grab(patch), ref) < kMatch) {
            run.firstFrameMs = (nowNs() - t0) / 1e6;
            break;
        }
        if (!viewer.isRunning())
            break;
        QCoreApplication::processEvents();
        timespec ts{0, periodMs * 1000000L};
        nanosleep(&ts, nullptr);
    }
    if (run.firstFrameMs < 0)
        *error =
            viewer.name() + QStringLiteral(": no picture within 60 s. Log:\n") + viewer.logTail();
    waitMs(holdMs);
    const ProcSample s = sampleProcess(viewer.pid());
    run.rssMiB = s.rssMiB;
    run.peakRssMiB = s.peakRssMiB;
    for (qint64 child : childProcesses(viewer.pid()))
        run.childRssMiB += sampleProcess(child).rssMiB;
    viewer.stop();
    const double gone = nowMs();
    while (difference(screen.grab(patch), ref) < kMatch && nowMs() - gone < 10000)
        waitMs(20);
    return run;
}

QString num(double v, int decimals = 0)
{
    return v < 0 ? QStringLiteral("-") : QString::number(v, 'f', decimals);
}

}  // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "Time from exec to the first video frame on screen, and memory: rudebot --demo, rudebot\n"
        "--connect and ffplay. Needs an X server (bench/startup starts Xvfb)."));
    p.addHelpOption();
    p.addOption({QStringLiteral("runs"), QStringLiteral("timed runs per viewer (default 5)"),
        QStringLiteral("N"), QStringLiteral("5")});
    p.addOption({QStringLiteral("period"), QStringLiteral("ms between screen reads (default 5)"),
        QStringLiteral("MS"), QStringLiteral("5")});
    p.addOption({QStringLiteral("hold"),
        QStringLiteral("ms after the first frame before memory is read (default 3000)"),
        QStringLiteral("MS"), QStringLiteral("3000")});
    p.addOption({QStringLiteral("screenshots"),
        QStringLiteral("save a screenshot of each viewer here"), QStringLiteral("DIR")});
    p.process(app);
    const int runs = std::max(1, p.value(QStringLiteral("runs")).toInt());
    const int period = std::max(1, p.value(QStringLiteral("period")).toInt());
    const int hold = std::max(0, p.value(QStringLiteral("hold")).toInt());
    const QString shots = p.value(QStringLiteral("screenshots"));
    if (!shots.isEmpty())
        QDir().mkpath(shots);
    auto shot = [&](const char *name) {
        return shots.isEmpty() ? QString() : QDir(shots).filePath(QLatin1String(name));
    };

    ScreenGrabber screen;
    if (!screen.isValid()) {
        QTextStream(stderr) << "bench_startup: " << screen.error()
                            << " (run it through bench/startup)\n";
        return 1;
    }
    if (Viewer::ffplayPath().isEmpty()) {
        QTextStream(stderr) << "bench_startup: ffplay not found; install Debian's ffmpeg package "
                               "(scripts/install-deps.sh)\n";
        return 1;
    }
    // A station for the two remote viewers; its time stamp band also shows where our window
    // puts the picture.
    Station station;
    QString error;
    if (!station.start(QStringLiteral("timecode"), 15, &error)) {
        QTextStream(stderr) << "bench_startup: " << error << '\n';
        return 1;
    }
    out << "bench_startup: " << runs
        << " timed runs per viewer after one untimed run; screen read every " << period
        << " ms; load average before: " << loadAverage() << '\n';
    out.flush();

    QRect picture;
    {
        Viewer locator(QStringLiteral("locator"), Viewer::appPath(), {}, station.pairingLink());
        if (!locator.start(&error)) {
            QTextStream(stderr) << "bench_startup: " << error << '\n';
            return 1;
        }
        const double t0 = nowMs();
        while (picture.isEmpty() && nowMs() - t0 < 60000) {
            const QImage shotImage = screen.grab(QRect(QPoint(0, 0), screen.screenSize()));
            for (int y = shotImage.height() - 1; y >= 0 && picture.isEmpty(); --y)
                if (auto hit = rudebot::decodeTimecodeRow(shotImage, y)) {
                    const int w = int(std::lround(hit->width()));
                    const int h = int(std::lround(hit->width() * 9 / 16));
                    picture = QRect(int(std::lround(hit->left)), y + 1 - h, w, h);
                }
            waitMs(200);
        }
        locator.stop();
        if (picture.isEmpty()) {
            QTextStream(stderr)
                << "bench_startup: our window never showed the station's picture. Log:\n"
                << locator.logTail();
            return 1;
        }
    }
    // The upper left quarter: clear of the placeholder text (centre), the fps chip (top right)
    // and the camera's caption and time stamp (bottom).
    const QRect patch(picture.left() + picture.width() / 16, picture.top() + picture.height() / 8,
        picture.width() / 4, picture.height() / 4);
    out << "picture " << picture.width() << 'x' << picture.height() << " at " << picture.left()
        << ',' << picture.top() << "; patch " << patch.width() << 'x' << patch.height() << " at "
        << patch.left() << ',' << patch.top() << "\n\n";

    struct Spec {
        QString name;
        QString program;
        QStringList args;
        const char *shotName;
        QString stationLink = {};  // ours: in the environment, never on the command line
    };
    const QList<Spec> specs = {
        {QStringLiteral("rudebot --demo"), Viewer::appPath(), {QStringLiteral("--demo")},
            "startup-demo.png"},
        {QStringLiteral("rudebot (station link)"), Viewer::appPath(), {}, "startup-connect.png",
            station.pairingLink()},
        {ffplayName(false), Viewer::ffplayPath(),
            ffplayArgs(
                false, picture, station.streamUrl() + QStringLiteral("?token=") + station.key()),
            "startup-ffplay.png"},
        {ffplayName(true), Viewer::ffplayPath(),
            ffplayArgs(
                true, picture, station.streamUrl() + QStringLiteral("?token=") + station.key()),
            "startup-ffplay-tuned.png"},
    };
    QList<Summary> summaries;
    for (const Spec &spec : specs) {
        Summary s;
        s.name = spec.name;
        Viewer viewer(spec.name, spec.program, spec.args, spec.stationLink);
        s.command = viewer.commandLine();
        QImage ref;
        if (!reference(
                viewer, screen, patch, 8000, &ref, &s.contrast, shot(spec.shotName), &error)) {
            s.error = error;
            summaries << s;
            continue;
        }
        for (int i = 0; i < runs; ++i) {
            // A fresh settings directory each time: every run is a first start, like the
            // reference run (saved window state or connections would change the layout).
            Viewer fresh(spec.name, spec.program, spec.args, spec.stationLink);
            QString runError;
            const Run run = timedRun(fresh, screen, patch, ref, period, hold, &runError);
            if (!runError.isEmpty()) {
                s.error = runError;
                break;
            }
            s.runs << run;
            out << spec.name << " run " << (i + 1) << ": first frame " << num(run.firstFrameMs)
                << " ms, RSS " << num(run.rssMiB, 1) << " MiB (peak " << num(run.peakRssMiB, 1)
                << ")";
            if (run.childRssMiB > 0)
                out << ", rudebot-sim " << num(run.childRssMiB, 1) << " MiB";
            out << '\n';
            out.flush();
        }
        summaries << s;
    }
    QList<qint64> stationProcs = {station.pid()};
    stationProcs += station.children();
    double stationRss = 0;
    for (qint64 pid : stationProcs)
        stationRss += sampleProcess(pid).rssMiB;
    station.stop();

    out << "\nload average after: " << loadAverage() << "\n\n"
        << "| viewer | first frame, median ms | min | max | RSS MiB, " << hold / 1000.0
        << " s after (median) | peak RSS MiB | rudebot-sim RSS MiB "
           "|\n|---|---|---|---|---|---|---|\n";
    bool ok = true;
    for (const Summary &s : summaries) {
        if (s.runs.isEmpty()) {
            out << "| " << s.name << " | failed: " << s.error.simplified() << " |\n";
            ok = false;
            continue;
        }
        QList<double> first, rss, peak, child;
        for (const Run &r : s.runs) {
            first << r.firstFrameMs;
            rss << r.rssMiB;
            peak << r.peakRssMiB;
            child << r.childRssMiB;
        }
        out << "| " << s.name << " | " << num(percentile(first, 50)) << " | "
            << num(percentile(first, 0)) << " | " << num(percentile(first, 100)) << " | "
            << num(percentile(rss, 50), 1) << " | " << num(percentile(peak, 50), 1) << " | "
            << (percentile(child, 50) > 0 ? num(percentile(child, 50), 1) : QStringLiteral("-"))
            << " |\n";
        if (!s.error.isEmpty()) {
            out << "  (then failed: " << s.error.simplified() << ")\n";
            ok = false;
        }
    }
    out << "\nstation for the remote viewers (rudebot-bridge + its rudebot-sim): "
        << num(stationRss, 1) << " MiB RSS\n";
    for (const Summary &s : summaries)
        out << "  " << s.command
            << "   (patch contrast before/after first frame: " << num(s.contrast, 0) << "/255)\n";
    return ok ? 0 : 1;
}
