// bench/wan's two sides, each a process of its own inside the case's namespace, so the
// station's CPU (camera, encoder) and the app's (decoder, reading the picture) are measured
// apart, as the goals ask: the app side (runApp) starts the station side (runStation)
// and carries its signalling over the station's stdin and stdout, line by line, in order, as
// the station's TLS channel does.
//
// Lines the station writes: "SIG <json>" (signalling), "PORT <n>" (its MJPEG server),
// "MIC <ms>" (when its microphone started, CLOCK_MONOTONIC), "CPU <percent> <main thread's percent>"
// (of one core, between START and STOP). Lines it reads: "SIG <json>", "START", "STOP".
#pragma once
#include <QStringList>
#include <QtGlobal>
#include <algorithm>
#include <sys/resource.h>
#include <vector>

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
