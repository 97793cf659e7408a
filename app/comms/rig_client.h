// The conversation with one rig over any link: finds out which firmware answers, keeps one
// command in flight, always sends the latest target (never a queue of stale ones: dragging a
// dial must not overrun the Uno's 64-byte receive buffer), follows the servo's actual angle,
// survives resets, timeouts and reconnects.
//
// Angles: "servo" = the firmware's whole degrees 0..180; "logical" = calibrated degrees,
// 0 = home, positive = turn right as seen by the camera (see calibration.h). The client never
// sends an angle outside the calibrated limits.
//
// Protocol trace: category "rudebot.rig.trace" logs every line in (<) and out (>), e.g.
// QT_LOGGING_RULES="rudebot.rig.trace.debug=true".
#pragma once
#include "core/calibration.h"
#include "core/line_splitter.h"
#include "comms/link.h"
#include "comms/reconnector.h"
#include "core/rig_exchange.h"
#include "core/seed_approach.h"

#include <QElapsedTimer>
#include <QList>
#include <QLoggingCategory>
#include <QObject>
#include <QTimer>
#include <optional>

Q_DECLARE_LOGGING_CATEGORY(lcRigTrace)

namespace rudebot {

struct RigClientOptions {
    // After the link opens: wait this long for our firmware's ready line before asking "?".
    // A real Uno resets on open and its bootloader runs for up to about 2 s first.
    int bootWaitMs = 2500;
    // Keep asking "?" (one at a time) for this long before giving up on a silent board: the
    // seed firmware ignores everything during a sweep, which can take 5.4 s.
    int probeWindowMs = 8000;
    int replyTimeoutMs = 1000;  // verdict + OK of a command that does not block
    // The seed blocks until its sweep ends: its timeout is degrees x seedMsPerDeg x this factor
    // + replyTimeoutMs. Generous, because a late answer costs little and a false timeout costs
    // the position (see onReplyTimeout).
    int seedMsPerDeg = 30;
    double sweepTimeoutFactor = 1.5;
    int pollIntervalMs = 40;        // "?" while our firmware's servo moves
    int timeoutsBeforeReconnect = 2;  // consecutive; then the link is reopened
    BackoffPolicy backoff;
};

class RigClient : public QObject {
    Q_OBJECT
public:
    enum class State {
        Disconnected,   // stopped
        Connecting,     // opening the link, or waiting to reopen it
        AwaitingBoard,  // link open; waiting for the board to boot and answer
        Ready,          // firmware known; commands flow
    };
    Q_ENUM(State)
    enum class Firmware { Unknown, Rudebot, Seed };
    Q_ENUM(Firmware)
    enum class Error {
        LinkFailed,  // cannot open the link, or it was lost (reconnecting)
        NoBoard,     // the link is open but no board answers (reconnecting)
        Timeout,     // a command got no answer in time
        Refused,     // the board answered a command with an error, or the client refused it
    };
    Q_ENUM(Error)
    struct Stats {
        int commandsSent = 0;
        int errorReplies = 0;  // "Error: ..." verdicts to any command
        int timeouts = 0;
        int resets = 0;        // unasked ready lines: the board rebooted under us
    };

    // The link is not owned; it must outlive the client.
    explicit RigClient(Link *link, const RigClientOptions &options = {},
        QObject *parent = nullptr);

    void start();  // opens the link and keeps it open (reconnecting) until stop()
    void stop();

    void setCalibration(const Calibration &calibration);  // must pass validate()
    Calibration calibration() const { return m_cal; }

    // The newest target replaces any target not yet sent. Clamped to the calibrated limits and
    // rounded to whole servo degrees; with the seed firmware also kept off the limits' last
    // degree (see seed_approach.h). Kept across reconnects and board resets.
    void setTargetServo(double servoDeg);
    void setTargetLogical(double logicalDeg);

    // Our firmware's sweep speed in ms per degree (1-99; 0 = the firmware's default). The board
    // keeps it in RAM only, so the client sets it again whenever the board has (re)booted,
    // before the target. The seed has no speed command: ignored there.
    void setSpeed(int msPerDeg);
    int speed() const { return m_speed; }

    // A line as typed (no terminator), queued behind the command in flight; the answer comes
    // in lineReplied (or errorOccurred(Timeout) instead). False (and errorOccurred(Refused)) for an empty line, one holding CR/LF,
    // or an angle outside the calibrated limits.
    bool sendLine(const QByteArray &line);

    State state() const { return m_state; }
    Firmware firmware() const { return m_firmware; }
    QString firmwareVersion() const { return m_version; }  // empty if not announced
    QString describeLink() const { return m_link->describe(); }

    bool hasActualAngle() const { return m_actual >= 0; }
    int actualServoDeg() const { return m_actual; }  // -1 if unknown; seed: best estimate
    double actualLogicalDeg() const { return logicalFromServo(m_cal, m_actual); }
    bool hasTarget() const { return m_target >= 0; }
    int targetServoDeg() const { return m_target; }  // -1 if none
    double targetLogicalDeg() const { return logicalFromServo(m_cal, m_target); }
    int effectiveTargetServoDeg() const;  // what the servo will really end on
    bool isMoving() const;
    bool isAtTarget() const;
    bool isBusy() const { return m_inFlight.has_value(); }
    Stats stats() const { return m_stats; }

signals:
    void stateChanged(rudebot::RigClient::State state);
    void calibrationChanged(const rudebot::Calibration &calibration);
    void firmwareDetected(rudebot::RigClient::Firmware firmware, const QString &version);
    void actualAngleChanged(int servoDeg, double logicalDeg);
    void targetChanged(int servoDeg, double logicalDeg);
    void targetAccepted(int servoDeg);  // the board took this angle (it starts moving)
    void arrived(int servoDeg);         // stopped on the latest target
    void boardReset();                  // rebooted while we talked; the target is re-sent
    void commandSent(const QByteArray &line);  // every line written, without terminator
    void lineReplied(const QByteArray &line, const QList<QByteArray> &replies);
    void errorOccurred(rudebot::RigClient::Error error, const QString &message);

private:
    void onLinkState(Link::State state);
    void onBytes(const QByteArray &bytes);
    void onLine(const QByteArray &line);
    void onBoardReady(const RigReply &ready);
    void onReplyTimeout();
    void finish(RigExchange exchange);
    void finishProbe(const RigExchange &exchange);
    void finishTarget(const RigExchange &exchange);
    void finishRaw(const RigExchange &exchange);
    void pump();
    bool pumpTarget();
    bool pumpSpeed();
    void finishSpeed(const RigExchange &exchange);
    void send(RigExchange exchange, int timeoutMs);
    void sendProbe();
    void applyPosition(const RigReply &position);
    void setActual(int servoDeg);
    void setState(State state);
    void detected(Firmware firmware, const QString &version);
    void checkArrived();
    void forceReconnect(Error error, const QString &message);
    int seedTimeoutMs(int sent) const;

    Link *m_link;
    RigClientOptions m_opt;
    Calibration m_cal;
    Reconnector m_reconnector;
    LineSplitter m_splitter;
    QTimer m_bootTimer;
    QTimer m_replyTimer;
    QTimer m_pollTimer;
    QElapsedTimer m_probeClock;

    int m_speed = 0;       // wanted; 0 = leave the firmware's default
    int m_boardSpeed = 0;  // what the board was set to since it booted; 0 = not set
    bool m_running = false;
    State m_state = State::Disconnected;
    Firmware m_firmware = Firmware::Unknown;
    QString m_version;
    std::optional<RigExchange> m_inFlight;
    QList<QByteArray> m_rawQueue;
    Stats m_stats;
    int m_timeoutsInRow = 0;

    int m_target = -1;        // latest wanted servo angle
    int m_refused = -1;       // a target the board refused: not re-sent until it changes
    int m_arrivedFor = -1;    // the target arrived() was emitted for
    int m_actual = -1;
    // Our firmware: what it was last told (-1: unknown, re-send), and whether it moves.
    int m_boardTarget = -1;
    bool m_moving = false;
    bool m_pollDue = false;
    // The seed firmware: where its servo can be.
    SeedPosition m_seedPos;
};

} // namespace rudebot
