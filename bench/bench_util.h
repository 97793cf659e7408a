// Shared by the benchmarks: order statistics, a wall-clock trace of the measured servo, and
// waits that run the event loop (no sleeps). Benchmarks print; they never pass or fail.
#pragma once
#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QList>
#include <algorithm>
#include <cmath>

#include "support/spin_until.h"
#include "support/virtual_rig.h"

namespace bench {

// Nearest-rank percentile of an unsorted list; NaN when empty.
inline double percentile(QList<double> v, double p)
{
    if (v.isEmpty())
        return std::nan("");
    std::sort(v.begin(), v.end());
    const qsizetype rank = qsizetype(std::ceil(p / 100.0 * double(v.size())));
    return v.at(std::clamp<qsizetype>(rank - 1, 0, v.size() - 1));
}

inline double median(const QList<double> &v)
{
    return percentile(v, 50);
}

using ::spinUntil;

// Every servo angle the virtual rig measures, stamped with the wall clock as it arrives: what a
// person watching the rig would see, give or take the 20 ms pulse period.
class ServoTrace : public QObject {
public:
    struct Point {
        qint64 ns;
        double deg;
    };
    explicit ServoTrace(VirtualRig *rig)
    {
        m_clock.start();
        connect(rig, &VirtualRig::servoChanged, this, [this](const ServoSample &s) {
            m_points.append({m_clock.nsecsElapsed(), s.angleDeg});
        });
    }
    qint64 now() const { return m_clock.nsecsElapsed(); }
    const QList<Point> &points() const { return m_points; }
    double angle() const { return m_points.isEmpty() ? -1 : m_points.last().deg; }

    // Index of the first point at or after ns within tol of deg, or -1.
    qsizetype firstAt(double deg, double tol, qint64 fromNs) const
    {
        for (qsizetype i = 0; i < m_points.size(); ++i)
            if (m_points.at(i).ns >= fromNs && std::abs(m_points.at(i).deg - deg) <= tol)
                return i;
        return -1;
    }
    bool waitFor(double deg, double tol, qint64 fromNs, int timeoutMs) const
    {
        return spinUntil([&] { return firstAt(deg, tol, fromNs) >= 0; }, timeoutMs);
    }
    // Waits until no new angle has come for quietMs (the servo has stopped), within timeoutMs.
    bool waitQuiet(int quietMs, int timeoutMs) const
    {
        return spinUntil(
            [&] {
                const qint64 last = m_points.isEmpty() ? 0 : m_points.last().ns;
                return m_clock.nsecsElapsed() - last >= qint64(quietMs) * 1000000;
            },
            timeoutMs);
    }

private:
    QElapsedTimer m_clock;
    QList<Point> m_points;
};

}  // namespace bench
