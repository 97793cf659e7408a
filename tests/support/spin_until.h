// Runs the event loop until pred() holds or the deadline passes: waits on events, not sleeps.
// Shared by the test support and the benchmarks.
#pragma once
#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QEventLoop>
#include <QTimer>

template <typename Pred> bool spinUntil(Pred pred, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    // processEvents(flags, maxtime) ignores WaitForMoreEvents and returns at once when nothing
    // is queued: the loop then spun a whole core (60 % of one in bench/wan's app side, taken
    // from the pipelines under test). The one-argument form sleeps until an event comes; the
    // timer is that event at least every 20 ms, for predicates on state no event announces.
    QTimer wake;
    wake.start(20);
    while (!pred()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    }
    return true;
}
