// The machine-readable event stream on stdout (one event per line, first word = kind).
#pragma once

#include <cstdint>
#include <string>

class EventLog {
public:
    // Takes over stdout: events go to a private duplicate of fd 1, and fd 1 itself is
    // pointed at stderr so that any stray printf() inside simavr cannot corrupt the stream.
    EventLog();

    void setQuiet(bool quiet) { quiet_ = quiet; }

    void ready(const std::string &linkOrPty, const std::string &slave);
    void reset(double simMs);
    void servo(double simMs, int pulseUs, double angleDeg);
    void halt(double simMs, const char *reason);

    // Writes text as is (for --help).
    void raw(const std::string &text);

private:
    void writeAll(const char *p, size_t n);
    void line(const char *fmt, ...) __attribute__((format(printf, 2, 3)));

    int fd_ = 1;
    bool quiet_ = false;
};
