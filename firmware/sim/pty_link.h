// The host side of the virtual serial line: a pty, its symlink, and an open watch.
#pragma once

#include <cstdint>
#include <deque>
#include <string>

class PtyLink {
public:
    PtyLink() = default;
    ~PtyLink();
    PtyLink(const PtyLink &) = delete;
    PtyLink &operator=(const PtyLink &) = delete;

    // Creates the pty in raw mode and starts watching the slave for opens. Must run
    // before the slave's name is announced, so no host open can be missed.
    bool open(std::string &error);
    const std::string &slavePath() const { return slavePath_; }

    // Points `path` at the slave (atomically replacing an old symlink, never a regular
    // file); removeLink() deletes it again if it still points at our slave.
    bool makeLink(const std::string &path, std::string &error);
    void removeLink();
    void close();

    // When set, host bytes not yet delivered are discarded when a host opens the
    // pty (they belong to the previous session, and the board is being reset).
    void setClearRxOnOpen(bool on) { clearRxOnOpen_ = on; }

    // Handles pty and open-watch activity until the wall time `deadlineNs`
    // (wallNowNs() scale). 0 = poll once without waiting; -1 = wait until a host opens
    // the pty or a termination signal arrives. Also returns early on either.
    void service(int64_t deadlineNs);

    // Opens seen since the last call (our own fds never count).
    int takeOpens();
    bool opensPending() const { return pendingOpens_ > 0; }
    bool hostOpen() const { return openCount_ > 0; }

    // Host -> AVR bytes, in order.
    bool rxEmpty() const { return rx_.empty(); }
    uint8_t rxPop();

    // AVR -> host bytes; discarded while no host has the pty open.
    void txPush(uint8_t byte);
    void flushTx();

private:
    void readOpenEvents();
    void readHost();
    void onLastClose();
    void reportDrops();

    int master_ = -1;
    int slave_ = -1;  // kept open so the master never sees a hangup between hosts
    int inotify_ = -1;
    std::string slavePath_;
    std::string linkPath_;
    bool clearRxOnOpen_ = false;
    int openCount_ = 0;  // hosts holding the slave open (from open/close events)
    int pendingOpens_ = 0;
    std::deque<uint8_t> rx_;
    std::string tx_;
    uint64_t droppedRx_ = 0, droppedTx_ = 0;
    uint64_t reportedRx_ = 0, reportedTx_ = 0;
    int64_t lastReportNs_ = 0;
};
