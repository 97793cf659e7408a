// Retarget delay and time to reach a target: our firmware against the build that behaves like
// the 2011 firmware (tests/firmware/seedlike), both compiled for the Uno and run in rudebot-sim at
// real time, both driven the way the app drives them (RigClient over the pty) and, for the
// retarget, also by a bare line on the port as the original bridge passed it on. Times run from
// the moment the target is given until the servo angle measured from the pulse on pin 9 (once
// per 20 ms period) shows the effect.
#include <QCoreApplication>
#include <QSerialPort>
#include <cstdio>
#include <memory>

#include "bench_util.h"
#include "comms/link_factory.h"
#include "comms/rig_client.h"
#include "support/line_collector.h"

using namespace rudebot;
using bench::ServoTrace;

namespace {

constexpr int kRepeats = 3;
constexpr int kMsPerDeg = 30;  // both firmwares' default speed

struct ClientRig {
    VirtualRig rig;
    std::unique_ptr<Link> link;
    std::unique_ptr<RigClient> client;
    std::unique_ptr<ServoTrace> trace;

    bool start(const QString &firmware)
    {
        VirtualRig::Options o;
        o.elf = VirtualRig::firmwarePath(firmware);
        o.speed = 1;
        o.resetOnOpen = true;
        if (!rig.start(o))
            return false;
        trace = std::make_unique<ServoTrace>(&rig);
        LinkSettings s;
        s.kind = LinkSettings::Kind::Serial;
        s.path = rig.linkPath();
        link = createLink(s);
        RigClientOptions opt;
        opt.bootWaitMs = 300;  // the simulated board has no bootloader delay
        client = std::make_unique<RigClient>(link.get(), opt);
        client->start();
        return bench::spinUntil(
            [this] { return client->state() == RigClient::State::Ready; }, 30000);
    }
    // Turns to servoDeg and waits until the client and the servo both rest there.
    bool settle(int servoDeg)
    {
        const qint64 from = trace->now();
        client->setTargetServo(servoDeg);
        // Only changes are reported: a servo already there sends no new angle.
        return (std::abs(trace->angle() - servoDeg) <= 0.5
                   || trace->waitFor(servoDeg, 0.5, from, 30000))
            && bench::spinUntil([this] { return client->isAtTarget() && !client->isBusy(); }, 20000)
            && trace->waitQuiet(150, 10000);
    }
    double msSince(qint64 t0, qsizetype i) const { return (trace->points().at(i).ns - t0) / 1e6; }
};

// Time from giving the target at rest until the servo is there (within 0.5 degree).
double reachFromRest(ClientRig &r, int from, int to)
{
    if (!r.settle(from))
        return -1;
    const qint64 t0 = r.trace->now();
    r.client->setTargetServo(to);
    if (!r.trace->waitFor(to, 0.5, t0, 30000))
        return -1;
    return r.msSince(t0, r.trace->firstAt(to, 0.5, t0));
}

struct Retarget {
    double turnBackMs = -1;  // until the first step towards the new target
    double overshootDeg = -1;
    double reachMs = -1;
    double idealMs = -1;  // from the angle at the retarget straight to the new target
};

// Sweeping 30 -> 150, at 90 the target becomes 40.
Retarget retargetMidSweep(ClientRig &r)
{
    Retarget out;
    if (!r.settle(30))
        return out;
    const qint64 start = r.trace->now();
    r.client->setTargetServo(150);
    if (!bench::spinUntil(
            [&] { return r.trace->points().last().ns > start && r.trace->angle() >= 90; }, 30000))
        return out;
    const double atSend = r.trace->angle();
    const qint64 t0 = r.trace->now();
    r.client->setTargetServo(40);
    if (!r.trace->waitFor(40, 0.5, t0, 30000))
        return out;
    const auto &p = r.trace->points();
    qsizetype i = 0;
    while (p.at(i).ns < t0)
        ++i;
    double peak = atSend;
    for (double prev = atSend; i < p.size(); prev = p.at(i).deg, ++i) {
        if (p.at(i).deg < prev) {
            out.turnBackMs = r.msSince(t0, i);
            break;
        }
        peak = p.at(i).deg;
    }
    out.overshootDeg = peak - atSend;
    out.reachMs = r.msSince(t0, r.trace->firstAt(40, 0.5, t0));
    out.idealMs = (atSend - 40) * kMsPerDeg;
    return out;
}

// The original way: lines straight onto the port (what tcp_serial_redirect.py passes on), a new
// target sent while the servo sweeps. Returns ms until the servo is at it, or -1 if it never is.
double rawRetarget(const QString &firmware, double *endDeg)
{
    VirtualRig rig;
    VirtualRig::Options o;
    o.elf = VirtualRig::firmwarePath(firmware);
    o.speed = 1;
    if (!rig.start(o))
        return -1;
    ServoTrace trace(&rig);
    QSerialPort port(rig.linkPath());
    port.setBaudRate(115200);
    if (!port.open(QIODevice::ReadWrite))
        return -1;
    LineCollector lines(&port);
    auto verdict = [&](const QByteArray &cmd, int ms) {
        lines.clear();
        port.write(cmd);
        return lines.waitForLines(2, ms);
    };
    if (!verdict("30\n", 10000) || !trace.waitQuiet(150, 10000))
        return -1;
    port.write("150\n");
    if (!bench::spinUntil([&] { return trace.angle() >= 90; }, 30000))
        return -1;
    const qint64 t0 = trace.now();
    port.write("40\n");
    port.flush();
    // The seed stops one short: 41 counts as there. Long enough for the sweep to 150 and back.
    const bool there = trace.waitFor(40, 1.5, t0, (150 - 40) * 2 * kMsPerDeg + 3000);
    trace.waitQuiet(300, 10000);
    *endDeg = trace.angle();
    return there ? (trace.points().at(trace.firstAt(40, 1.5, t0)).ns - t0) / 1e6 : -1;
}

QString ms(double v)
{
    return v < 0 ? QStringLiteral("failed") : QString::number(v, 'f', 0) + " ms";
}

void row(const char *name, const QString &ours, const QString &seed, const QString &ideal)
{
    std::printf(
        "  %-38s %16s %18s %12s\n", name, qPrintable(ours), qPrintable(seed), qPrintable(ideal));
    std::fflush(stdout);
}

}  // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    std::printf(
        "Motion at real time in rudebot-sim, driven by RigClient over the pty; median of %d.\n"
        "Times from the target given to the servo measured there (pin 9, 20 ms period).\n\n",
        kRepeats);
    const QStringList firmwares{QStringLiteral("rudebot"), QStringLiteral("seedlike")};
    struct Move {
        const char *name;
        int from, to;
    };
    const Move moves[] = {{"reach 10 deg from rest (90 -> 100)", 90, 100},
        {"reach 45 deg from rest (100 -> 55)", 100, 55},
        {"reach 90 deg from rest (45 -> 135)", 45, 135},
        {"reach 170 deg from rest (5 -> 175)", 5, 175}};

    QMap<QString, QList<QList<double>>> reach;  // firmware -> move -> samples
    QMap<QString, QList<Retarget>> retarget;
    for (const QString &fw : firmwares) {
        ClientRig r;
        if (!r.start(fw)) {
            std::printf("%s: the virtual rig did not start: %s\n", qPrintable(fw),
                qPrintable(r.rig.errorString()));
            return 1;
        }
        reach[fw].resize(std::size(moves));
        for (int k = 0; k < kRepeats; ++k) {
            for (size_t m = 0; m < std::size(moves); ++m)
                reach[fw][m] << reachFromRest(r, moves[m].from, moves[m].to);
            retarget[fw] << retargetMidSweep(r);
        }
    }

    row("", "rudebot (ours)", "seed-like (2011)", "ideal");
    for (size_t m = 0; m < std::size(moves); ++m)
        row(moves[m].name, ms(bench::median(reach["rudebot"][m])),
            ms(bench::median(reach["seedlike"][m])),
            ms(std::abs(moves[m].to - moves[m].from) * kMsPerDeg));

    auto field = [&](const QString &fw, double Retarget::*f) {
        QList<double> v;
        for (const Retarget &r : retarget[fw])
            v << r.*f;
        return bench::median(v);
    };
    std::printf("\n  Retarget: sweeping 30 -> 150, at 90 the target becomes 40\n");
    row("turns back after", ms(field("rudebot", &Retarget::turnBackMs)),
        ms(field("seedlike", &Retarget::turnBackMs)), "<= 30 ms");
    row("goes on past the angle at retarget",
        QString::number(field("rudebot", &Retarget::overshootDeg), 'f', 1) + " deg",
        QString::number(field("seedlike", &Retarget::overshootDeg), 'f', 1) + " deg", "0 deg");
    row("reaches 40 after", ms(field("rudebot", &Retarget::reachMs)),
        ms(field("seedlike", &Retarget::reachMs)), ms(field("rudebot", &Retarget::idealMs)));

    double endOurs = -1, endSeed = -1;
    const double rawOurs = rawRetarget("rudebot", &endOurs);
    const double rawSeed = rawRetarget("seedlike", &endSeed);
    auto rawText = [](double v, double end) {
        return v >= 0 ? ms(v) : QStringLiteral("never (stops at %1)").arg(end, 0, 'f', 0);
    };
    std::printf(
        "\n  The same retarget as bare lines on the port (no client), as the 2011 bridge did\n");
    row("reaches 40 after", rawText(rawOurs, endOurs), rawText(rawSeed, endSeed), "");
    return 0;
}
