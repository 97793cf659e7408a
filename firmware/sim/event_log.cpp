#include "event_log.h"
#include "signals.h"

#include <cerrno>
#include <cstdarg>
#include <cstdio>
#include <fcntl.h>
#include <unistd.h>

EventLog::EventLog()
{
    int dupFd = fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 3);
    // Started with stdout closed: events go nowhere, and fd 1 must still be taken, or
    // the pty we open later could become fd 1 and receive simavr's stray output.
    if (dupFd < 0) {
        int null = open("/dev/null", O_WRONLY | O_CLOEXEC);
        dupFd = fcntl(null, F_DUPFD_CLOEXEC, 3);
        close(null);
    }
    fd_ = dupFd;
    fflush(stdout);
    dup2(STDERR_FILENO, STDOUT_FILENO);
}

void EventLog::line(const char *fmt, ...)
{
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf - 1, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if (n > int(sizeof buf) - 2)
        n = int(sizeof buf) - 2;
    buf[n++] = '\n';
    // One write() per event: the reader sees whole lines, never buffered partial ones.
    writeAll(buf, size_t(n));
}

void EventLog::writeAll(const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd_, p, n);
        if (w < 0) {
            if (errno == EINTR && !sim_signals::quitRequested())
                continue;
            return;  // reader gone (EPIPE, SIGPIPE is ignored): keep simulating
        }
        p += w;
        n -= size_t(w);
    }
}

void EventLog::raw(const std::string &text)
{
    writeAll(text.data(), text.size());
}

void EventLog::ready(const std::string &linkOrPty, const std::string &slave)
{
    line("READY %s %s", linkOrPty.c_str(), slave.c_str());
}

void EventLog::reset(double simMs)
{
    line("RESET %.1f", simMs);
}

void EventLog::servo(double simMs, int pulseUs, double angleDeg)
{
    if (!quiet_)
        line("SERVO %.1f %d %.1f", simMs, pulseUs, angleDeg);
}

void EventLog::halt(double simMs, const char *reason)
{
    line("HALT %.1f %s", simMs, reason);
}
