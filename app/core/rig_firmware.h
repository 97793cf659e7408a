// How the rig conversation drives each firmware, as two small strategies: our Rudebot firmware
// (never blocks, says where its servo is, takes a speed, can stop) and the 2011 seed firmware
// (blocks while it sweeps, stops one degree short, never says where it is: seed_approach.h).
// Pure: the conversation (rig_conversation.h) owns the clock, the line in flight and the events;
// a strategy only keeps what the board was told and answers "what next" and "where is it".
//
// All angles here are servo degrees 0..180, whole numbers; times are milliseconds on the
// conversation's clock.
#pragma once
#include "core/calibration.h"
#include "core/rig_exchange.h"
#include "core/seed_approach.h"

#include <memory>
#include <optional>

namespace rudebot {

struct RigConversationOptions {
    // After the link opens: wait this long for our firmware's ready line before asking "?".
    // A real Uno resets on open and its bootloader runs for up to about 2 s first.
    int bootWaitMs = 2500;
    // Keep asking "?" (one at a time) for this long before giving up on a silent board: the
    // seed firmware ignores everything during a sweep, which can take 5.4 s.
    int probeWindowMs = 8000;
    int replyTimeoutMs = 1000;  // verdict + OK of a command that does not block
    // The seed blocks until its sweep ends: its timeout is degrees x seedMsPerDeg x this factor
    // + replyTimeoutMs. Generous, because a late answer costs little and a false timeout costs
    // the position (the client then assumes nothing and starts over).
    int seedMsPerDeg = 30;
    double sweepTimeoutFactor = 1.5;
    int pollIntervalMs = kRigPollIntervalMs;  // "?" while our firmware's servo moves
    int timeoutsBeforeReconnect = 2;  // consecutive; then the link is reopened
    // Raw lines (rudebotctl send, a station's clients) waiting behind the command in flight.
    // Bounded so a flood cannot build a backlog: the board answers one line per round trip.
    int maxQueuedRawLines = 16;

    // The one poll interval: how often the client asks our firmware where a moving servo is.
    static constexpr int kRigPollIntervalMs = 40;
};

// What the user wants from the board right now.
struct RigWanted {
    int target = -1;  // servo degrees within allowed; -1 = none
    bool targetRefused = false;  // the board refused this very target: not sent again
    int speed = 0;  // ms per degree, 1..99; 0 = leave the firmware's default
    bool stop = false;  // stop where the servo is (only if canStop())
    ServoRange allowed;
};

class RigFirmware {
public:
    enum class Kind {
        Rudebot,
        Seed
    };
    virtual ~RigFirmware() = default;
    virtual Kind kind() const = 0;

    // The servo angle the board really ends on for a target (which lies in allowed).
    virtual int effectiveTarget(int target, const ServoRange &allowed) const;
    // The command the board is owed for what is wanted (stop, speed, then the target), if any.
    virtual std::optional<RigExchange> nextCommand(const RigWanted &wanted) const = 0;
    // A position query, when one is due (our firmware, while its servo moves).
    virtual std::optional<RigExchange> nextPoll() { return std::nullopt; }
    virtual int timeoutMs(const RigExchange &command) const = 0;
    // True if an angle is announced (targetAccepted) at its verdict, before the exchange ends:
    // the seed turns while it blocks, between "Input angle" and "OK".
    virtual bool announcesAtVerdict() const { return false; }
    virtual bool canStop() const { return false; }

    // The board echoed this angle (a target or a raw line): it moves there now. Returns the
    // best estimate of the actual angle afterwards, or -1 to leave it to the board's reports.
    virtual int angleAccepted(int servoDeg, qint64 nowMs) = 0;
    virtual void position(const RigReply &, qint64) { }  // "Position: ..." (ours only)
    virtual void stopped(int) { }  // "Stopped: angle=A" (ours only)
    virtual void speedAnswered(int) { }  // set, or refused: not asked again
    virtual void forget() = 0;  // a timeout: assume nothing, re-send
    virtual void linkLost() { }

    virtual bool isMoving(const RigExchange *inFlight) const = 0;
    virtual bool isAtTarget(int target, int effectiveTarget, int actual) const = 0;
    // Own deadline (a poll), and the clock passing it.
    virtual std::optional<qint64> deadline() const { return std::nullopt; }
    virtual void advanceTo(qint64) { }
};

// Our firmware. bootedNow: it just printed its ready line (at 90 degrees, default speed);
// otherwise nothing is known until a position report.
std::unique_ptr<RigFirmware> makeRudebotFirmware(
    const RigConversationOptions &options, bool bootedNow);
std::unique_ptr<RigFirmware> makeSeedFirmware(const RigConversationOptions &options);

}  // namespace rudebot
