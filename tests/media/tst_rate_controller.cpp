// Bandwidth adaptation's decisions, report by report, on a fake clock (each report carries its
// time): a rising one-way queue backs off at a few tens of ms, before any loss, to what the
// receiver got; a draining or merely noisy queue does not; heavy loss cuts, random loss below
// the threshold holds; a low start ramps fast; after a congestion the target cruises below
// the link and probes a little above it now and then, ramping only when a probe gets through
// (sparse, noisy reports at low rates too). The ladder of sizes and rates is in
// tst_rate_ladder.cpp. No network.
#include <QTest>
#include <cmath>

#include "media/rate_controller.h"
#include "rate_settings.h"

using namespace rudebot;

namespace {
RateSettings settings()
{
    return rudebot::test::rateSettings();
}

// A fake path: reports every 100 ms, as the receiver sends them.
struct Clock {
    qint64 ms = 0;
    qint64 next() { return ms += 100; }
};

// Deterministic jitter in [-amplitude, amplitude] (a loaded machine's scheduling).
double jitter(int i, double amplitude)
{
    return amplitude * std::sin(i * 2.39996);
}

// A clear path at 2 Mbit/s, then the queue grows: congestion with the receiver at 2000, cut
// to 1700; the queue drains.
void congestAt2000(RateController &c, Clock &clock)
{
    for (int i = 0; i < 20; ++i)
        c.update(PathReport{clock.next(), 0.0, 30, -1, 2000});
    double queue = 0;
    for (int i = 0; i < 30 && !c.congested(); ++i)
        c.update(PathReport{clock.next(), 0.0, 30 + (queue += 10), -1, 2000});
    QVERIFY(c.congested());
    QCOMPARE(c.target().bitrateKbps, 1700);
    while (queue > 0)
        c.update(PathReport{clock.next(), 0.0, 30 + (queue = std::max(0.0, queue - 10)), -1, 2000});
}

// Clear reports until the controller probes: the milliseconds that took; -1 = never (20 s).
qint64 clearUntilProbe(RateController &c, Clock &clock, double sentKbps = -1)
{
    const qint64 from = clock.ms;
    while (clock.ms < from + 20000) {
        c.update(PathReport{clock.next(), 0.0, 30, sentKbps, double(c.target().bitrateKbps)});
        if (c.phase() == RateController::Phase::Probe)
            return clock.ms - from;
    }
    return -1;
}
}  // namespace

class TestRateController : public QObject {
    Q_OBJECT
private slots:
    void heavyLossCutsFromWhatWentOut()
    {
        RateController c(settings());
        c.update(PathReport{0, 0.0, 20, 1800});
        const int before = c.target().bitrateKbps;
        c.update(PathReport{1000, 0.30, 20, 1200});
        QVERIFY(c.congested());
        QCOMPARE(c.target().bitrateKbps, int(std::lround(1200 * settings().cutFactor)));
        QVERIFY(c.target().bitrateKbps < before);
    }

    void risingQueueBacksOffWithinTensOfMsBeforeAnyLoss()
    {
        RateController c(settings());
        Clock clock;
        for (int i = 0; i < 20; ++i)
            c.update(PathReport{clock.next(), 0.0, 30, 1900, 1900});
        QVERIFY(!c.congested());
        const int before = c.target().bitrateKbps;
        // The router queue grows 50 ms a second (the sender is 5 % over the path's rate);
        // nothing is lost yet (tbf holds 300 ms).
        double queue = 0;
        double queueAtCut = -1;
        for (int i = 0; i < 60 && queueAtCut < 0; ++i) {
            queue += 5;
            c.update(PathReport{clock.next(), 0.0, 30 + queue, 1900, 1800});
            if (c.congested())
                queueAtCut = queue;
        }
        // The old controller waited for 120 ms above the minimum.
        QVERIFY2(queueAtCut > 0 && queueAtCut <= 45, qPrintable(QString::number(queueAtCut)));
        QVERIFY(queueAtCut >= settings().overuseMs);
        QVERIFY(c.target().bitrateKbps < before);
    }

    void cutGoesBelowWhatTheReceiverGot()
    {
        RateController c(settings());
        Clock clock;
        for (int i = 0; i < 20; ++i)
            c.update(PathReport{clock.next(), 0.0, 30, 2000, 2000});
        // The encoder sends 2000, the path carries 1500: the queue grows.
        double queue = 0;
        for (int i = 0; i < 30 && !c.congested(); ++i)
            c.update(PathReport{clock.next(), 0.0, 30 + (queue += 10), 2000, 1500});
        QVERIFY(c.congested());
        QCOMPARE(c.target().bitrateKbps, int(std::lround(1500 * settings().cutFactor)));
        QVERIFY(std::abs(c.linkKbps() - 1500) < 1);
    }

    void oneLateReportIsNotCongestion()
    {
        RateController c(settings());
        Clock clock;
        for (int i = 0; i < 20; ++i)
            c.update(PathReport{clock.next(), 0.0, 30, 2000, 2000});
        // This machine stalled for a moment: one report 150 ms late, then normal again.
        c.update(PathReport{clock.next(), 0.0, 180, 2000, 2000});
        QVERIFY(!c.congested());
        c.update(PathReport{clock.next(), 0.0, 30, 2000, 2000});
        QVERIFY(!c.congested());
        QVERIFY(c.target().bitrateKbps >= 2000);
    }

    void jitterBelowTheThresholdRampsUp()
    {
        RateController c(settings());
        Clock clock;
        for (int i = 0; i < 50; ++i) {
            c.update(PathReport{clock.next(), 0.0, 40 + jitter(i, 12),
                double(c.target().bitrateKbps), double(c.target().bitrateKbps)});
            QVERIFY2(!c.congested(), qPrintable(QString::number(i)));
        }
        QCOMPARE(c.target().bitrateKbps, 4000);
    }

    void drainingQueueIsNotCutAgain()
    {
        RateController c(settings());
        Clock clock;
        for (int i = 0; i < 20; ++i)
            c.update(PathReport{clock.next(), 0.0, 30, 2000, 2000});
        double queue = 0;
        for (int i = 0; i < 30 && !c.congested(); ++i)
            c.update(PathReport{clock.next(), 0.0, 30 + (queue += 20), 2000, 1800});
        QVERIFY(c.congested());
        const int afterCut = c.target().bitrateKbps;
        // The cut shows: the queue, still above the threshold, drains 20 ms a second.
        for (int i = 0; i < 12; ++i)
            c.update(PathReport{clock.next(), 0.0, 30 + (queue -= 2), 1600, 1800});
        QVERIFY(queue > settings().overuseMs);
        QCOMPARE(c.target().bitrateKbps, afterCut);
        QVERIFY(!c.congested());
    }

    void standingQueueFarAboveTheBaseCuts()
    {
        RateController c(settings());
        Clock clock;
        for (int i = 0; i < 20; ++i)
            c.update(PathReport{clock.next(), 0.0, 30, 2000, 2000});
        const int before = c.target().bitrateKbps;
        // 150 ms of queue that neither grows nor drains: a sender exactly at the path's rate.
        for (int i = 0; i < 5; ++i)
            c.update(PathReport{clock.next(), 0.0, 180, 2000, 1900});
        QVERIFY(c.congested());
        QVERIFY(c.target().bitrateKbps < before);
    }

    void lowStartRampsFastUntilTheFirstCongestion()
    {
        RateSettings s = settings();
        s.startKbps = 1000;
        RateController c(s);
        Clock clock;
        // Three seconds of a clear path: from 1 to 3 Mbit/s and more (10 % a second would
        // reach 1.35).
        for (int i = 0; i < 30; ++i)
            c.update(PathReport{clock.next(), 0.0, 30, double(c.target().bitrateKbps),
                double(c.target().bitrateKbps)});
        QVERIFY2(
            c.target().bitrateKbps >= 3000, qPrintable(QString::number(c.target().bitrateKbps)));
    }

    void afterACongestionTheTargetCruisesBelowTheLink()
    {
        RateController c(settings());
        Clock clock;
        congestAt2000(c, clock);
        const qint64 drainedAt = clock.ms;
        // Five seconds of a clear path (the next probe is due 8 s after the cut): no creep
        // back into the link's queue (the old controller added 25 kbit/s a second from 0.9 of
        // the link, and filled the router's queue every 15-20 s).
        while (clock.ms < drainedAt + 5000) {
            c.update(PathReport{clock.next(), 0.0, 30, -1, double(c.target().bitrateKbps)});
            QCOMPARE(c.target().bitrateKbps, int(std::lround(RateSettings().cutFactor * 2000)));
        }
        QCOMPARE(c.phase(), RateController::Phase::Cruise);
    }

    void aProbeMeetingAQueueEndsAtOnce()
    {
        RateController c(settings());
        Clock clock;
        congestAt2000(c, clock);
        const qint64 probeAt = clearUntilProbe(c, clock);
        QVERIFY2(probeAt > 0 && probeAt <= 8200, qPrintable(QString::number(probeAt)));
        QCOMPARE(c.target().bitrateKbps, int(std::lround(1.1 * 2000)));
        c.update(PathReport{clock.next(), 0.0, 30, -1, 2100});
        QCOMPARE(c.phase(), RateController::Phase::Probe);
        // One report with 15 ms of queue: the link is still there. Below the cruise while the
        // probe's queue drains, then the cruise again; no cut for the queue still growing.
        c.update(PathReport{clock.next(), 0.0, 45, -1, 2050});
        QCOMPARE(c.phase(), RateController::Phase::Cruise);
        QVERIFY(c.target().bitrateKbps < RateSettings().cruiseFactor * 2050);
        QVERIFY(std::abs(c.linkKbps() - 2050) < 60);
        c.update(PathReport{clock.next(), 0.0, 62, -1, 2050});
        QVERIFY(!c.congested());
        for (int i = 0; i < 20; ++i)
            c.update(PathReport{clock.next(), 0.0, 30, -1, double(c.target().bitrateKbps)});
        QCOMPARE(c.phase(), RateController::Phase::Cruise);
        QVERIFY(std::abs(c.target().bitrateKbps - RateSettings().cruiseFactor * c.linkKbps()) <= 1);
    }

    void aProbeThatGetsThroughRampsUntilTheNextCongestion()
    {
        RateController c(settings());
        Clock clock;
        congestAt2000(c, clock);
        QVERIFY(clearUntilProbe(c, clock) > 0);
        // The path widened: no queue for the probe's 1.5 s, then 20 % a second.
        for (int i = 0; i < 15; ++i)
            c.update(PathReport{clock.next(), 0.0, 30, -1, double(c.target().bitrateKbps)});
        QCOMPARE(c.phase(), RateController::Phase::Ramp);
        const int rampFrom = c.target().bitrateKbps;
        for (int i = 0; i < 30; ++i)
            c.update(PathReport{clock.next(), 0.0, 30, -1, double(c.target().bitrateKbps)});
        QVERIFY2(c.target().bitrateKbps >= rampFrom * 1.6,
            qPrintable(QStringLiteral("%1 -> %2").arg(rampFrom).arg(c.target().bitrateKbps)));
        // Until the queue shows the new link: 3 Mbit/s.
        double queue = 0;
        for (int i = 0; i < 30 && !c.congested(); ++i)
            c.update(PathReport{clock.next(), 0.0, 30 + (queue += 10), -1, 3000});
        QVERIFY(c.congested());
        QCOMPARE(c.phase(), RateController::Phase::Cruise);
        QVERIFY(std::abs(c.linkKbps() - 3000) < 1);
    }

    void aProbeTheEncoderDidNotFillIsNoWiderPath()
    {
        RateController c(settings());
        Clock clock;
        congestAt2000(c, clock);
        // A still picture: the encoder makes 1000 kbit/s whatever its target, and the cap at
        // 1.5 times that holds the probe at 1500, below the link: no queue, but nothing tested.
        QVERIFY(clearUntilProbe(c, clock, 1000) > 0);
        for (int i = 0; i < 20; ++i)
            c.update(PathReport{clock.next(), 0.0, 30, 1000, 1000});
        QCOMPARE(c.phase(), RateController::Phase::Cruise);
        QVERIFY(c.target().bitrateKbps <= 1700);
        // The picture moves again and the encoder fills the next probe: that one counts.
        QVERIFY(clearUntilProbe(c, clock, 2150) > 0);
        for (int i = 0; i < 20; ++i)
            c.update(PathReport{clock.next(), 0.0, 30, 2150, 2150});
        QCOMPARE(c.phase(), RateController::Phase::Ramp);
    }

    void aProbeTheEncoderDidNotFillIsAskedHigherNextTime()
    {
        RateController c(settings());
        Clock clock;
        congestAt2000(c, clock);
        // x264 makes 90 % of its target on a plain picture: 1980 of the probe's 2200, under
        // the link. Nothing tested and no queue built: cruise, and the next probe asks for 1.5
        // times the link (held at 1.5 times what the encoder makes), after half the wait.
        QVERIFY(clearUntilProbe(c, clock, 1980) > 0);
        QCOMPARE(c.target().bitrateKbps, 2200);
        for (int i = 0; i < 20; ++i)
            c.update(PathReport{clock.next(), 0.0, 30, 1980, 1980});
        QCOMPARE(c.phase(), RateController::Phase::Cruise);
        const qint64 wait = clearUntilProbe(c, clock, 2340);
        QVERIFY2(wait > 0 && wait <= 4000, qPrintable(QString::number(wait)));
        QCOMPARE(c.target().bitrateKbps, 3000);
        // 2340 goes out, above the link: the probe tests it, and the path had widened.
        for (int i = 0; i < 20; ++i)
            c.update(PathReport{clock.next(), 0.0, 30, 2340, 2340});
        QCOMPARE(c.phase(), RateController::Phase::Ramp);
        // The next congestion finds the new link, and probes start again from 1.1 times it.
        double queue = 0;
        for (int i = 0; i < 30 && !c.congested(); ++i)
            c.update(PathReport{clock.next(), 0.0, 30 + (queue += 10), -1, 2500});
        QVERIFY(c.congested());
        while (queue > 0)
            c.update(PathReport{clock.next(), 0.0, 30 + (queue = std::max(0.0, queue - 10)), -1, 2500});
        QVERIFY(clearUntilProbe(c, clock) > 0);
        QCOMPARE(c.target().bitrateKbps, int(std::lround(1.1 * 2500)));
    }

    void aPictureThatCannotFillTheHighestProbeRampsAnyway()
    {
        RateController c(settings());
        Clock clock;
        congestAt2000(c, clock);
        // A plain picture: the encoder makes 1500 whatever it is asked (the link was found by
        // a congestion while the picture was busy). Neither probe tests the path, so the
        // path is not what holds the rate: ramp, the target held near what the encoder makes.
        for (int probe = 0; probe < 2; ++probe) {
            QCOMPARE(c.phase(), RateController::Phase::Cruise);
            QVERIFY(clearUntilProbe(c, clock, 1500) > 0);
            for (int i = 0; i < 16; ++i)
                c.update(PathReport{clock.next(), 0.0, 30, 1500, 1500});
        }
        QCOMPARE(c.phase(), RateController::Phase::Ramp);
        for (int i = 0; i < 50; ++i)
            c.update(PathReport{clock.next(), 0.0, 30, 1500, 1500});
        QCOMPARE(c.target().bitrateKbps, 2250);
    }

    void lowRateSparseNoisyReportsStillProbeAndClimb()
    {
        // What MediaReceiver reports at a few hundred kbit/s: every other interval without a
        // frame (no delay, nothing received), what did arrive noisy and under the target
        // (the encoder makes less than asked for), the delay jittering by a few ms.
        RateController c(settings());
        qint64 ms = 0;
        for (int i = 0; i < 20; ++i)
            c.update(PathReport{ms += 100, 0.0, 30, -1, 2000});
        // The path narrows to 200 kbit/s: a long standing queue, heavy loss, cut after cut.
        for (int i = 0; i < 60; ++i)
            c.update(PathReport{ms += 100, 0.2, 30.0 + std::min(280, 20 * i), -1, 200});
        QVERIFY(c.linkKbps() < 260);
        const int cruise = c.target().bitrateKbps;
        // It clears. The base is the lowest delay seen lately: once the queue is gone, it is
        // gone (a base taken during the congestion would read it as still there).
        bool probed = false;
        for (int i = 0; i < 100; ++i) {
            const bool frame = i % 2 == 0;
            const double got = frame ? 0.85 * c.target().bitrateKbps * (1.0 + jitter(i, 0.5)) : 0;
            c.update(PathReport{ms += 200, 0.0, frame ? 30 + 3 + jitter(i, 3) : -1.0, -1, got});
            if (frame && i > 10)
                QVERIFY2(c.queueMs() < 8, qPrintable(QString::number(c.queueMs())));
            probed = probed || c.phase() == RateController::Phase::Probe;
        }
        QVERIFY(probed);
        QVERIFY2(c.target().bitrateKbps > 2 * cruise,
            qPrintable(QStringLiteral("%1 -> %2").arg(cruise).arg(c.target().bitrateKbps)));
    }

    void randomLossBelowThresholdHolds()
    {
        RateController c(settings());
        c.update(PathReport{0, 0.0, 20, 2000});
        const int before = c.target().bitrateKbps;
        for (int i = 1; i <= 20; ++i)
            c.update(PathReport{i * 250, 0.04, 20, 2000});
        QVERIFY(!c.congested());
        QCOMPARE(c.target().bitrateKbps, before);
    }

    void clearPathRampsUpAfterTheHold()
    {
        RateController c(settings());
        c.update(PathReport{0, 0.5, 20, 2000});  // cut to 1700
        const int cut = c.target().bitrateKbps;
        c.update(PathReport{500, 0.0, 20, 1500});
        QCOMPARE(c.target().bitrateKbps, cut);  // still holding after the cut
        // Slowly past the rate at which the loss came, then faster: the path has cleared.
        for (int i = 2; i <= 45; ++i)
            c.update(PathReport{i * 1000, 0.0, 20, double(c.target().bitrateKbps)});
        QVERIFY2(
            c.target().bitrateKbps > cut * 2, qPrintable(QString::number(c.target().bitrateKbps)));
        QVERIFY(c.target().bitrateKbps <= 4000);
    }

    void rampStaysNearWhatTheEncoderProduces()
    {
        RateController c(settings());
        for (int i = 0; i <= 60; ++i)
            c.update(PathReport{i * 1000, 0.0, 20, 400});  // a still picture: 400 kbps out
        QVERIFY2(
            c.target().bitrateKbps <= 600, qPrintable(QString::number(c.target().bitrateKbps)));
    }

    void neverBelowTheFloor()
    {
        RateController c(settings());
        for (int i = 0; i < 100; ++i)
            c.update(PathReport{i * 1000, 1.0, -1, 100});
        QCOMPARE(c.target().bitrateKbps, 150);
        QCOMPARE(c.target().fps, 15);  // the last steps also halve the rate
    }
};

QTEST_APPLESS_MAIN(TestRateController)
#include "tst_rate_controller.moc"
