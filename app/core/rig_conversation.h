// The conversation with one rig, as a pure state machine: no QObject, no I/O, no clock.
// It finds out which firmware answers, keeps one command in flight, always sends the latest
// target (never a queue of stale ones: dragging a dial must not overrun the Uno's 64-byte
// receive buffer), follows the servo's actual angle, survives resets, timeouts and reconnects.
//
// Inputs: the link opened or closed, a line received, "the time is now T" (advanceTo), and the
// user's requests (target, speed, raw line, stop). Every input takes the current time in
// milliseconds on one monotonic clock of the caller's choosing. Outputs: events, taken in order
// with takeEvent() (lines to send, the link to close, state, angles, replies, errors), and
// deadline(): the time the caller must call advanceTo() at, if nothing else happens first.
// RigClient (comms/rig_client.h) is the adapter that runs it over a Link and one QTimer.
//
// Angles: "servo" = the firmware's whole degrees 0..180; "logical" = calibrated degrees,
// 0 = home, positive = turn right as seen by the camera (calibration.h). setTargetLogical() is
// the one place on the way down where logical becomes servo, and the target is clamped here,
// once, against the calibrated limits: callers pass what the user asked for, unclamped.
//
// Order on the wire: a stop, the speed, the latest target, then raw lines in the order given,
// then polls. Targets go ahead of raw lines so that nobody's flood of raw lines delays a move.
#pragma once
#include "core/calibration.h"
#include "core/rig_exchange.h"
#include "core/rig_firmware.h"

#include <QList>
#include <QString>
#include <deque>
#include <memory>
#include <optional>

namespace rudebot {

class RigConversation {
public:
    using Options = RigConversationOptions;
    enum class State {
        Disconnected,  // stopped
        Connecting,  // opening the link, or waiting to reopen it
        AwaitingBoard,  // link open; waiting for the board to boot and answer
        Ready,  // firmware known; commands flow
    };
    enum class Firmware {
        Unknown,
        Rudebot,
        Seed
    };
    enum class Error {
        LinkFailed,  // cannot open the link, or it was lost (reconnecting)
        NoBoard,  // the link is open but no board answers (reconnecting)
        Timeout,  // a command got no answer in time
        Refused,  // the board answered a command with an error, or the client refused it
    };
    struct Stats {
        int commandsSent = 0;
        int errorReplies = 0;  // "Error: ..." verdicts to any command
        int timeouts = 0;
        int resets = 0;  // unasked ready lines: the board rebooted under us
    };
    struct Event {
        enum class Kind {
            Send,  // write bytes (line without terminator, for traces)
            CloseLink,  // give up on this link; the caller reopens it later
            StateChanged,  // state
            FirmwareDetected,  // firmware, text = version ("" if not announced)
            ActualAngleChanged,  // servoDeg, logicalDeg
            TargetChanged,  // servoDeg, logicalDeg
            TargetAccepted,  // servoDeg: the board took this angle (it starts moving)
            Arrived,  // servoDeg: stopped on the latest target
            BoardReset,  // rebooted while we talked; the target is re-sent
            LineReplied,  // line, replies: the answer to a raw line
            Error,  // error, text = a sentence for the user
        };
        Kind kind = Kind::Send;
        QByteArray line;
        QByteArray bytes;
        QList<QByteArray> replies;
        int servoDeg = -1;
        double logicalDeg = 0;
        State state = State::Disconnected;
        Firmware firmware = Firmware::Unknown;
        Error error = Error::LinkFailed;
        QString text;
    };

    explicit RigConversation(const RigConversationOptions &options = {});
    ~RigConversation();

    void setLinkName(const QString &name) { m_linkName = name; }  // for messages

    // ---- inputs ----
    // Running: Connecting, or at once linkOpened() if the link is open already. The caller
    // opens the link, and reopens it after each close until stop().
    void start(bool linkIsOpen, qint64 nowMs);
    void stop();  // Disconnected; the caller closes the link
    void linkOpened(qint64 nowMs);
    void linkClosed();
    void linkFailed(const QString &message);  // reported while running
    void lineReceived(const QByteArray &line, qint64 nowMs);  // without terminator
    void advanceTo(qint64 nowMs);

    void setCalibration(const Calibration &calibration, qint64 nowMs);  // must pass validate()
    // The newest target replaces any target not yet sent. Clamped to the calibrated limits and
    // rounded to whole servo degrees; with the seed firmware also kept off the limits' last
    // degree (see seed_approach.h). Kept across reconnects and board resets.
    void setTargetServo(double servoDeg, qint64 nowMs);
    void setTargetLogical(double logicalDeg, qint64 nowMs);
    // Our firmware's sweep speed in ms per degree (1-99; 0 = the firmware's default), set
    // again whenever the board has (re)booted, before the target. Ignored by the seed.
    void setSpeed(int msPerDeg, qint64 nowMs);
    // Stop where the servo is: our firmware is told to ("!"); the seed cannot be interrupted,
    // so its target becomes where it is believed to be.
    void stopMotion(qint64 nowMs);
    // A line as typed (no terminator), queued behind targets and earlier raw lines; answered
    // by a LineReplied event (or an Error(Timeout)). False (and an Error(Refused)) for an
    // empty line, one holding CR/LF, an angle outside the calibrated limits, or a full queue.
    bool sendLine(const QByteArray &line, qint64 nowMs);

    // ---- outputs ----
    bool hasEvent() const { return !m_events.empty(); }
    Event takeEvent();
    std::optional<qint64> deadline() const;

    // ---- state ----
    Calibration calibration() const { return m_cal; }
    int speed() const { return m_speed; }
    State state() const { return m_state; }
    Firmware firmware() const;
    QString firmwareVersion() const { return m_version; }
    bool isRunning() const { return m_running; }
    int actualServoDeg() const { return m_actual; }  // -1 if unknown; seed: best estimate
    int targetServoDeg() const { return m_target; }  // -1 if none
    int effectiveTargetServoDeg() const;  // what the servo will really end on
    bool isMoving() const;
    bool isAtTarget() const;
    bool isBusy() const { return m_inFlight.has_value(); }
    int queuedRawLines() const { return int(m_rawQueue.size()); }
    bool canQueueRawLine() const { return queuedRawLines() < m_opt.maxQueuedRawLines; }
    Stats stats() const { return m_stats; }

private:
    void onBoardReady(const RigReply &ready, qint64 nowMs);
    void onReplyTimeout(qint64 nowMs);
    void finish(const RigExchange &done, qint64 nowMs);
    void finishProbe(const RigExchange &done, qint64 nowMs);
    void finishTarget(const RigExchange &done, qint64 nowMs);
    void finishRaw(const RigExchange &done, qint64 nowMs);
    void pump(qint64 nowMs);
    void send(RigExchange exchange, int timeoutMs, qint64 nowMs);
    void sendProbe(qint64 nowMs);
    void requeueRawInFlight();
    void applyPosition(const RigReply &position, qint64 nowMs);
    void setActual(int servoDeg);
    void setTarget(int servoDeg);
    void setState(State state);
    void detected(std::unique_ptr<RigFirmware> firmware, const QString &version);
    void checkArrived();
    void forceReconnect(Error error, const QString &message);
    void emitEvent(Event::Kind kind, int servoDeg = -1);
    void emitError(Error error, const QString &message);
    RigWanted wanted() const;

    RigConversationOptions m_opt;
    Calibration m_cal;
    QString m_linkName;
    std::deque<Event> m_events;

    bool m_running = false;
    bool m_closing = false;  // CloseLink asked for: nothing more is sent on this link
    State m_state = State::Disconnected;
    std::unique_ptr<RigFirmware> m_fw;  // null until detected on this link
    QString m_version;
    std::optional<RigExchange> m_inFlight;
    std::deque<QByteArray> m_rawQueue;
    Stats m_stats;
    int m_timeoutsInRow = 0;

    std::optional<qint64> m_bootAt;  // ask "?" then, unless a ready line came first
    std::optional<qint64> m_replyBy;  // the command in flight times out then
    std::optional<qint64> m_probeEnd;  // the probe window closes then

    int m_speed = 0;  // wanted; 0 = leave the firmware's default
    bool m_stopWanted = false;
    int m_target = -1;  // latest wanted servo angle
    int m_refused = -1;  // a target the board refused: not re-sent until it changes
    int m_arrivedFor = -1;  // the target Arrived was emitted for
    int m_actual = -1;
};

}  // namespace rudebot
