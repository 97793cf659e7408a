#include "pty_link.h"
#include "pacer.h"
#include "signals.h"

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <initializer_list>
#include <poll.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

namespace {
// Host bytes waiting for the AVR. At 115200 baud this is ~0.4 s of backlog; a host
// flooding faster loses the excess instead of blocking (or stalling us).
const size_t kRxCapacity = 4096;
// AVR bytes waiting for a host that has the pty open but does not read.
const size_t kTxCapacity = 64 * 1024;

std::string errnoText(const char *what)
{
    return std::string(what) + ": " + strerror(errno);
}
}  // namespace

PtyLink::~PtyLink()
{
    close();
}

bool PtyLink::open(std::string &error)
{
    master_ = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (master_ < 0 || grantpt(master_) != 0 || unlockpt(master_) != 0) {
        error = errnoText("cannot create a pty");
        return false;
    }
    char name[128];
    if (ptsname_r(master_, name, sizeof name) != 0) {
        error = errnoText("cannot name the pty");
        return false;
    }
    slavePath_ = name;
    // Our own open of the slave happens before the watch exists, so it is never
    // mistaken for a host.
    slave_ = ::open(name, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    if (slave_ < 0) {
        error = errnoText("cannot open the pty slave");
        return false;
    }
    termios tio;
    if (tcgetattr(slave_, &tio) == 0) {
        cfmakeraw(&tio);  // no echo, no CR/LF translation: a plain 8-bit line
        cfsetspeed(&tio, B115200);
        tcsetattr(slave_, TCSANOW, &tio);
    }
    fcntl(master_, F_SETFL, fcntl(master_, F_GETFL) | O_NONBLOCK);

    inotify_ = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (inotify_ < 0 || inotify_add_watch(inotify_, name, IN_OPEN | IN_CLOSE) < 0) {
        error = errnoText("cannot watch the pty for opens (inotify)");
        return false;
    }
    return true;
}

bool PtyLink::makeLink(const std::string &path, std::string &error)
{
    struct stat st;
    if (lstat(path.c_str(), &st) == 0 && !S_ISLNK(st.st_mode)) {
        error = "--link " + path + " exists and is not a symlink; not replacing it";
        return false;
    }
    // symlink + rename replaces a stale link atomically: a host never sees it missing.
    std::string tmp = path + ".rudebot-sim." + std::to_string(getpid());
    unlink(tmp.c_str());
    if (symlink(slavePath_.c_str(), tmp.c_str()) != 0) {
        error = errnoText(("cannot create symlink " + path).c_str());
        return false;
    }
    if (rename(tmp.c_str(), path.c_str()) != 0) {
        error = errnoText(("cannot create symlink " + path).c_str());
        unlink(tmp.c_str());
        return false;
    }
    linkPath_ = path;
    return true;
}

void PtyLink::removeLink()
{
    if (linkPath_.empty())
        return;
    char target[PATH_MAX];
    ssize_t n = readlink(linkPath_.c_str(), target, sizeof target - 1);
    // Only remove it if it is still ours: another instance may have taken the name over.
    if (n > 0 && slavePath_ == std::string(target, size_t(n)))
        unlink(linkPath_.c_str());
    linkPath_.clear();
}

void PtyLink::close()
{
    removeLink();
    for (int *fd : {&inotify_, &slave_, &master_}) {
        if (*fd >= 0)
            ::close(*fd);
        *fd = -1;
    }
}

int PtyLink::takeOpens()
{
    int n = pendingOpens_;
    pendingOpens_ = 0;
    return n;
}

uint8_t PtyLink::rxPop()
{
    uint8_t b = rx_.front();
    rx_.pop_front();
    return b;
}

void PtyLink::txPush(uint8_t byte)
{
    if (!hostOpen())
        return;  // nobody listening: the byte is gone, as on a real line
    if (tx_.size() >= kTxCapacity) {
        ++droppedTx_;
        return;
    }
    tx_.push_back(char(byte));
}

void PtyLink::flushTx()
{
    while (!tx_.empty() && hostOpen()) {
        ssize_t n = write(master_, tx_.data(), tx_.size());
        if (n > 0) {
            tx_.erase(0, size_t(n));
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        return;  // EAGAIN: the host is not reading; keep the bytes for later
    }
}

void PtyLink::service(int64_t deadlineNs)
{
    for (;;) {
        flushTx();
        pollfd fds[3] = {
            {sim_signals::wakeFd(), POLLIN, 0},
            {inotify_, POLLIN, 0},
            {master_, short(POLLIN | (!tx_.empty() && hostOpen() ? POLLOUT : 0)), 0},
        };
        timespec wait = {0, 0};
        timespec *waitPtr = &wait;
        if (deadlineNs < 0) {
            waitPtr = nullptr;
        } else if (deadlineNs > 0) {
            int64_t left = deadlineNs - wallNowNs();
            if (left > 0)
                wait = {time_t(left / 1000000000), long(left % 1000000000)};
        }
        int n = ppoll(fds, 3, waitPtr, nullptr);
        if (n < 0 && errno != EINTR)
            return;
        if (n > 0) {
            // Open events first: host bytes read after them belong to the new session.
            if (fds[1].revents & POLLIN)
                readOpenEvents();
            if (fds[2].revents & POLLIN)
                readHost();
            if (fds[2].revents & POLLOUT)
                flushTx();
        }
        reportDrops();
        if (sim_signals::quitRequested() || pendingOpens_ > 0 || deadlineNs == 0)
            return;
        if (deadlineNs > 0 && wallNowNs() >= deadlineNs)
            return;
    }
}

void PtyLink::readOpenEvents()
{
    alignas(inotify_event) char buf[4096];
    for (;;) {
        ssize_t n = read(inotify_, buf, sizeof buf);
        if (n <= 0)
            return;
        for (char *p = buf; p < buf + n;) {
            auto *ev = reinterpret_cast<inotify_event *>(p);
            p += sizeof(inotify_event) + ev->len;
            if (ev->mask & IN_Q_OVERFLOW) {
                // Lost events: we cannot know; assume a host is there so output flows.
                if (openCount_ == 0)
                    openCount_ = 1;
                ++pendingOpens_;
            }
            if (ev->mask & IN_OPEN) {
                ++openCount_;
                ++pendingOpens_;
                if (clearRxOnOpen_)
                    rx_.clear();
            }
            if (ev->mask & IN_CLOSE) {
                if (openCount_ > 0 && --openCount_ == 0)
                    onLastClose();
            }
        }
    }
}

void PtyLink::onLastClose()
{
    // Whatever the last host left unread would greet the next one as stale output;
    // a real serial line does not keep it, so read it away through our own slave fd.
    char buf[4096];
    while (read(slave_, buf, sizeof buf) > 0) { }
    tx_.clear();
}

void PtyLink::readHost()
{
    uint8_t buf[4096];
    for (int rounds = 0; rounds < 16; ++rounds) {
        ssize_t n = read(master_, buf, sizeof buf);
        if (n <= 0)
            return;  // EAGAIN, or EIO which cannot happen while we hold the slave
        for (ssize_t i = 0; i < n; ++i) {
            if (rx_.size() < kRxCapacity)
                rx_.push_back(buf[i]);
            else
                ++droppedRx_;
        }
    }
}

void PtyLink::reportDrops()
{
    if (droppedRx_ == reportedRx_ && droppedTx_ == reportedTx_)
        return;
    int64_t now = wallNowNs();
    if (now - lastReportNs_ < 1000000000)
        return;  // at most one line per second
    lastReportNs_ = now;
    if (droppedRx_ != reportedRx_)
        fprintf(stderr,
            "rudebot-sim: host wrote faster than the AVR's UART reads: dropped %llu bytes\n",
            (unsigned long long)(droppedRx_ - reportedRx_));
    if (droppedTx_ != reportedTx_)
        fprintf(stderr, "rudebot-sim: host is not reading the pty: dropped %llu output bytes\n",
            (unsigned long long)(droppedTx_ - reportedTx_));
    reportedRx_ = droppedRx_;
    reportedTx_ = droppedTx_;
}
