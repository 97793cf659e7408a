// Drag flood: a dial dragged back and forth between 30 and 150 degrees, 1,000 new targets a
// second for 5 s (four times faster than the servo turns), then let go. Our firmware and the
// build that behaves like the 2011 firmware, each fed two ways: through RigClient (what the app
// does: latest target only, one command in flight) and as bare lines written as they come (what
// a page behind the 2011 bridge did). Counts what the board accepted and refused, and how long
// after the last target the servo is there and stays. Real time in rudebot-sim.
#include <QCoreApplication>
#include <QSerialPort>
#include <QTimer>
#include <cstdio>
#include <memory>

#include "bench_util.h"
#include "comms/link_factory.h"
#include "comms/rig_client.h"

using namespace rudebot;
using bench::ServoTrace;

namespace {

constexpr int kTargets = 5000;  // one per millisecond
constexpr int kMsPerDeg = 30;

int dial(qint64 ms)
{
    const int phase = int(ms % 2000);
    return 30 + (phase < 1000 ? phase : 2000 - phase) * 120 / 1000;
}

struct Result {
    int given = 0;
    double givenSeconds = 0;
    int linesWritten = 0;
    int accepted = 0;  // "Input angle: ..." verdicts
    int errors = 0;  // "Error: ..." verdicts
    int last = -1;
    double landMs = -1;  // after the last target, until the servo is there for good
    double restDeg = -1;
    double idealMs = 0;  // from where the servo was at the last target, straight there
};

// Calls give(target) once per millisecond of wall clock for kTargets milliseconds.
template <typename Give> void flood(Result &r, Give give)
{
    QElapsedTimer clock;
    clock.start();
    QTimer ticker;
    ticker.setTimerType(Qt::PreciseTimer);
    QObject::connect(&ticker, &QTimer::timeout, [&] {
        const qint64 due = qMin<qint64>(kTargets, clock.elapsed() + 1);
        for (; r.given < due; ++r.given)
            give(r.last = dial(r.given));
    });
    ticker.start(1);
    bench::spinUntil([&] { return r.given >= kTargets; }, 60000);
    r.givenSeconds = clock.nsecsElapsed() / 1e9;
}

// When the servo came to the last target and stayed (within tol) until it went quiet.
void settle(Result &r, const ServoTrace &trace, qint64 t0, double atEnd, double tol)
{
    trace.waitFor(r.last, tol, t0, int(std::abs(atEnd - r.last) * kMsPerDeg) + 20000);
    trace.waitQuiet(1000, 60000);
    const auto &p = trace.points();
    r.restDeg = trace.angle();
    r.idealMs = std::abs(atEnd - r.last) * kMsPerDeg;
    if (std::abs(r.restDeg - r.last) > tol)
        return;
    qsizetype i = p.size() - 1;
    while (i > 0 && p.at(i - 1).ns >= t0 && std::abs(p.at(i - 1).deg - r.last) <= tol)
        --i;
    r.landMs = std::max<qint64>(0, p.at(i).ns - t0) / 1e6;
}

VirtualRig::Options rigOptions(const QString &firmware)
{
    VirtualRig::Options o;
    o.elf = VirtualRig::firmwarePath(firmware);
    o.speed = 1;
    return o;
}

Result viaClient(const QString &firmware)
{
    Result r;
    VirtualRig rig;
    if (!rig.start(rigOptions(firmware)))
        return r;
    ServoTrace trace(&rig);
    LinkSettings s;
    s.kind = LinkSettings::Kind::Serial;
    s.path = rig.linkPath();
    auto link = createLink(s);
    RigClientOptions opt;
    opt.bootWaitMs = 300;
    RigClient client(link.get(), opt);
    client.start();
    if (!bench::spinUntil([&] { return client.state() == RigClient::State::Ready; }, 30000))
        return r;
    QObject::connect(
        &client, &RigClient::commandSent, [&](const QByteArray &) { ++r.linesWritten; });
    QObject::connect(&client, &RigClient::targetAccepted, [&](int) { ++r.accepted; });
    const int errorsBefore = client.stats().errorReplies;
    flood(r, [&](int t) { client.setTargetServo(t); });
    const qint64 t0 = trace.now();
    settle(r, trace, t0, trace.angle(), 0.5);
    r.errors = client.stats().errorReplies - errorsBefore;
    return r;
}

Result bareLines(const QString &firmware)
{
    Result r;
    VirtualRig rig;
    if (!rig.start(rigOptions(firmware)))
        return r;
    ServoTrace trace(&rig);
    QSerialPort port(rig.linkPath());
    port.setBaudRate(115200);
    if (!port.open(QIODevice::ReadWrite))
        return r;
    QByteArray partial;
    QObject::connect(&port, &QSerialPort::readyRead, [&] {
        partial += port.readAll();
        for (qsizetype nl; (nl = partial.indexOf('\n')) >= 0; partial.remove(0, nl + 1)) {
            r.accepted += partial.startsWith("Input angle:");
            r.errors += partial.startsWith("Error:");
        }
    });
    flood(r, [&](int t) {
        port.write(QByteArray::number(t) + '\n');
        ++r.linesWritten;
    });
    const qint64 t0 = trace.now();
    settle(r, trace, t0, trace.angle(), 1.5);  // the seed stops one short
    return r;
}

void print(const char *name, const Result &r)
{
    const QString land = r.landMs >= 0
        ? QStringLiteral("%1 ms (ideal %2)").arg(r.landMs, 0, 'f', 0).arg(r.idealMs, 0, 'f', 0)
        : QStringLiteral("never: rests at %1, not %2").arg(r.restDeg, 0, 'f', 1).arg(r.last);
    std::printf("  %-30s %7.0f/s %8d %9d %7d   %s\n", name, r.given / r.givenSeconds,
        r.linesWritten, r.accepted, r.errors, qPrintable(land));
    std::fflush(stdout);
}

}  // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    std::printf(
        "Drag flood: %d targets in 5 s between 30 and 150 degrees, real time in rudebot-sim.\n\n",
        kTargets);
    std::printf("  %-30s %9s %8s %9s %7s   %s\n", "", "targets", "lines", "accepted", "errors",
        "last target to servo there for good");
    print("rudebot + RigClient (ours)", viaClient("rudebot"));
    print("seed-like + RigClient", viaClient("seedlike"));
    print("rudebot + bare lines", bareLines("rudebot"));
    print("seed-like + bare lines (2011)", bareLines("seedlike"));
    return 0;
}
