// Runs the event loop until pred() holds or the deadline passes: waits on events, not sleeps.
// Shared by the test support and the benchmarks.
#pragma once
#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QEventLoop>

template <typename Pred> bool spinUntil(Pred pred, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!pred()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    }
    return true;
}
