// What /proc says about a process: CPU time (user + system, all threads) and memory.
#pragma once
#include <QList>
#include <QtGlobal>

namespace bench {

struct ProcSample {
    bool ok = false;
    double cpuSeconds = 0;  // utime + stime
    double rssMiB = 0;  // VmRSS now
    double peakRssMiB = 0;  // VmHWM: the most it ever held
};

ProcSample sampleProcess(qint64 pid);
QList<qint64> childProcesses(qint64 pid);  // direct children, from every thread's list

// CPU used between two samples as a percentage of one core over wallSeconds.
inline double cpuPercent(const ProcSample &a, const ProcSample &b, double wallSeconds)
{
    return a.ok && b.ok && wallSeconds > 0 ? 100.0 * (b.cpuSeconds - a.cpuSeconds) / wallSeconds
                                           : -1;
}

}  // namespace bench
