// bench/wan's two sides, each a process of its own inside the case's namespace, so the
// station's CPU (camera, encoder) and the app's (decoder, reading the picture) are measured
// apart, as the goals ask: the app side (runApp) starts the station side (runStation)
// and carries its signalling over the station's stdin and stdout, line by line, in order, as
// the station's TLS channel does.
//
// Lines the station writes: "SIG <json>" (signalling), "PORT <n>" (its MJPEG server),
// "MIC <ms>" (when its microphone started, CLOCK_MONOTONIC), "CPU <percent> <main thread's
// percent> <microphone chain's percent>" (of one core, between START and STOP). Lines it reads: "SIG <json>", "START", "STOP".
#pragma once
#include <QDir>
#include <QStringList>
#include <QtGlobal>
#include <algorithm>
#include <map>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>
#include <vector>

#include "support/child_processes.h"

namespace wan {

inline QString arg(const QStringList &args, const QString &name, const QString &fallback)
{
    const int i = args.indexOf(name);
    return i >= 0 && i + 1 < args.size() ? args.at(i + 1) : fallback;
}

inline double cpuSeconds()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec)
        + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// The calling thread's alone (RUSAGE_THREAD, Linux): on the station's main thread that is the
// timecode camera drawing each frame and handing it on; the encoder runs on GStreamer's own
// threads, so the process minus its main thread is what sending the video costs.
inline double threadCpuSeconds()
{
    rusage u{};
    getrusage(RUSAGE_THREAD, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec)
        + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// The calling thread's CPU time to the nanosecond, for short stretches of work (rusage and
// /proc count in ticks of 10 ms).
inline double threadCpuClock()
{
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) + double(t.tv_nsec) / 1e9;
}

// CPU seconds of each of this process's threads, by thread id, with its name (GStreamer
// names a streaming thread after its pad: "camera:src" converts and encodes, "pacing:src"
// paces; x264's slice threads are named after the thread that made them).
struct ThreadCpu {
    QString name;
    double seconds = 0;
};
inline std::map<int, ThreadCpu> threadsCpu()
{
    std::map<int, ThreadCpu> out;
    const double tick = double(sysconf(_SC_CLK_TCK));
    const QStringList tids = QDir(QStringLiteral("/proc/self/task")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &tid : tids) {
        const auto stat = rudebot::readProcStat(QStringLiteral("/proc/self/task/%1/stat").arg(tid));
        if (!stat || stat->fields.size() < 13)
            continue;
        out[tid.toInt()] = ThreadCpu{QString::fromUtf8(stat->name),
            (stat->fields[11].toDouble() + stat->fields[12].toDouble()) / tick};
    }
    return out;
}

// Seconds the threads whose names start with `prefix` ran between two readings.
inline double threadsCpuSeconds(const std::map<int, ThreadCpu> &before,
    const std::map<int, ThreadCpu> &after, const QString &prefix)
{
    double sum = 0;
    for (const auto &[tid, t] : after) {
        if (!t.name.startsWith(prefix))
            continue;
        const auto it = before.find(tid);
        sum += t.seconds - (it != before.end() ? it->second.seconds : 0.0);
    }
    return sum;
}

// "name 12.3%, ..." of one core between two readings, busiest first, threads of one name summed.
inline QString threadsCpuText(
    const std::map<int, ThreadCpu> &before, const std::map<int, ThreadCpu> &after, double wall)
{
    std::map<QString, double> byName;
    for (const auto &[tid, t] : after) {
        const auto it = before.find(tid);
        byName[t.name] += t.seconds - (it != before.end() ? it->second.seconds : 0.0);
    }
    std::vector<std::pair<double, QString>> sorted;
    for (const auto &[name, seconds] : byName)
        if (seconds > 0)
            sorted.emplace_back(seconds / wall * 100.0, name);
    std::sort(sorted.rbegin(), sorted.rend());
    QStringList parts;
    for (const auto &[percent, name] : sorted)
        parts << QStringLiteral("%1 %2%").arg(name).arg(percent, 0, 'f', 1);
    return parts.join(QStringLiteral(", "));
}

inline qint64 percentile(std::vector<qint64> v, double p)
{
    if (v.empty())
        return -1;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, size_t(p * double(v.size())))];
}

// --station PATH --seconds N --size WxH --fps F [--mic DESCRIPTION]
int runStation(const QStringList &args);
// --child PATH --seconds N --size WxH --fps F: prints one RESULT line.
int runApp(const QStringList &args);

}  // namespace wan
