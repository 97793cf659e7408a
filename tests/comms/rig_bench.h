// The rig conversation (core/rig_conversation.h) wired to a bench board on a test clock: no
// event loop, no wall time. Each millisecond: bytes due on the wire are delivered (1 ms each
// way), the board ticks, the conversation gets the time if its deadline passed, and its events
// are performed (Send puts bytes on the wire, CloseLink closes the cable and reopens it after
// reopenDelayMs, as Reconnector would) and recorded for the test to read.
#pragma once
#include "bench_board.h"
#include "core/line_splitter.h"
#include "core/rig_conversation.h"

#include <QList>
#include <functional>
#include <memory>

struct BenchOptions {
    bool resetOnOpen = true;  // a Uno resets when the host opens the port (DTR)
    int latencyMs = 1;  // each way
    int reopenDelayMs = 250;
};

class RigBench {
public:
    using Event = rudebot::RigConversation::Event;
    using Kind = Event::Kind;

    RigBench(std::unique_ptr<BenchBoard> board, const rudebot::RigConversationOptions &options,
        const BenchOptions &bench = {});

    static rudebot::RigConversationOptions defaultOptions() { return {}; }
    static std::unique_ptr<BenchBoard> ours(int bootMs = 0);
    static std::unique_ptr<BenchBoard> seed(int bootMs = 0);
    static std::unique_ptr<BenchBoard> makeBoard(bool seed, int bootMs = 0)
    {
        return seed ? RigBench::seed(bootMs) : ours(bootMs);
    }

    void start();  // the client starts; the cable opens at once
    void step();  // one millisecond
    void runFor(qint64 ms);
    bool runUntil(const std::function<bool()> &done, qint64 maxMs = 60000);
    bool waitReady(qint64 maxMs = 20000);
    bool waitAtTarget(qint64 maxMs = 60000);
    void setPluggedIn(bool pluggedIn);  // pulling the cable closes the link
    void resetBoard();  // a brown-out while the link stays open

    // Requests, at the bench's time.
    void setTarget(double servoDeg)
    {
        conv.setTargetServo(servoDeg, now);
        drain();
    }
    void setSpeed(int msPerDeg)
    {
        conv.setSpeed(msPerDeg, now);
        drain();
    }
    bool sendLine(const QByteArray &line);

    // What happened so far.
    QList<Event> eventsOf(Kind kind) const;
    int count(Kind kind) const { return int(eventsOf(kind).size()); }
    bool hasError(rudebot::RigConversation::Error error, const QString &text) const;
    QList<QByteArray> linesSent() const;
    int overlaps() const { return m_overlaps; }  // lines sent before the previous one's "OK"
    bool linkOpen() const { return m_open; }

    rudebot::RigConversation conv;
    std::unique_ptr<BenchBoard> board;
    qint64 now = 0;
    QList<Event> events;

private:
    struct Bytes {
        qint64 at;
        bool toBoard;
        QByteArray bytes;
    };
    void drain();
    void open();
    void close();

    BenchOptions m_opt;
    QList<Bytes> m_wire;
    rudebot::LineSplitter m_splitter;
    bool m_open = false;
    bool m_pluggedIn = true;
    qint64 m_reopenAt = -1;
    int m_awaitingOk = 0;
    int m_overlaps = 0;
};
