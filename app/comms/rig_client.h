// The conversation with one rig over any link, as a QObject: a thin adapter that runs the
// pure state machine (core/rig_conversation.h: detection, one command in flight, latest
// target wins, resets, timeouts, the two firmwares) over a Link and one QTimer, and reopens
// the link after a close (Reconnector).
//
// Angles: "servo" = the firmware's whole degrees 0..180; "logical" = calibrated degrees,
// 0 = home, positive = turn right as seen by the camera (see calibration.h). setTargetLogical()
// is the one place where a logical target becomes a servo angle, and the client clamps every
// target once, to the calibrated limits: callers pass what the user asked for, unclamped. The
// client never sends an angle outside the calibrated limits.
//
// Protocol trace: category "rudebot.rig.trace" logs every line in (<) and out (>), e.g.
// QT_LOGGING_RULES="rudebot.rig.trace.debug=true".
#pragma once
#include "comms/link.h"
#include "comms/reconnector.h"
#include "core/calibration.h"
#include "core/line_splitter.h"
#include "core/rig_conversation.h"

#include <QElapsedTimer>
#include <QList>
#include <QLoggingCategory>
#include <QObject>
#include <QTimer>

Q_DECLARE_LOGGING_CATEGORY(lcRigTrace)

namespace rudebot {

// The conversation's timings (rig_firmware.h) and how the link is reopened.
struct RigClientOptions : RigConversationOptions {
    BackoffPolicy backoff;
};

class RigClient : public QObject {
    Q_OBJECT
public:
    // The conversation's enums (rig_conversation.h), repeated for Qt's meta-object system.
    enum class State {
        Disconnected,  // stopped
        Connecting,  // opening the link, or waiting to reopen it
        AwaitingBoard,  // link open; waiting for the board to boot and answer
        Ready,  // firmware known; commands flow
    };
    Q_ENUM(State)
    enum class Firmware {
        Unknown,
        Rudebot,
        Seed
    };
    Q_ENUM(Firmware)
    enum class Error {
        LinkFailed,  // cannot open the link, or it was lost (reconnecting)
        NoBoard,  // the link is open but no board answers (reconnecting)
        Timeout,  // a command got no answer in time
        Refused,  // the board answered a command with an error, or the client refused it
    };
    Q_ENUM(Error)
    using Stats = RigConversation::Stats;

    // The link is not owned; it must outlive the client.
    explicit RigClient(Link *link, const RigClientOptions &options = {}, QObject *parent = nullptr);

    void start();  // opens the link and keeps it open (reconnecting) until stop()
    void stop();

    void setCalibration(const Calibration &calibration);  // must pass validate()
    Calibration calibration() const { return m_conv.calibration(); }

    // The newest target replaces any target not yet sent. Clamped to the calibrated limits and
    // rounded to whole servo degrees; with the seed firmware also kept off the limits' last
    // degree (see seed_approach.h). Kept across reconnects and board resets. Targets go to the
    // board ahead of queued raw lines.
    void setTargetServo(double servoDeg);
    void setTargetLogical(double logicalDeg);  // logical degrees, converted here

    // Our firmware's sweep speed in ms per degree (1-99; 0 = the firmware's default). The board
    // keeps it in RAM only, so the client sets it again whenever the board has (re)booted,
    // before the target. The seed has no speed command: ignored there.
    void setSpeed(int msPerDeg);
    int speed() const { return m_conv.speed(); }
    // Stops the servo where it is (the seed cannot be interrupted: its target becomes where it
    // is believed to be).
    void stopMotion();

    // A line as typed (no terminator), queued behind targets and earlier raw lines; the answer
    // comes in lineReplied (or errorOccurred(Timeout) instead). False (and
    // errorOccurred(Refused)) for an empty line, one holding CR/LF, an angle outside the
    // calibrated limits, or when RigClientOptions::maxQueuedRawLines are already waiting.
    bool sendLine(const QByteArray &line);
    // False while maxQueuedRawLines wait: sendLine() would refuse ("busy", not a bad line).
    bool canQueueLine() const { return m_conv.canQueueRawLine(); }

    State state() const { return State(m_conv.state()); }
    Firmware firmware() const { return Firmware(m_conv.firmware()); }
    QString firmwareVersion() const { return m_conv.firmwareVersion(); }  // "" if not announced
    QString describeLink() const { return m_link->describe(); }

    bool hasActualAngle() const { return m_conv.actualServoDeg() >= 0; }
    int actualServoDeg() const { return m_conv.actualServoDeg(); }  // -1 if unknown; seed: estimate
    double actualLogicalDeg() const { return logicalFromServo(calibration(), actualServoDeg()); }
    bool hasTarget() const { return m_conv.targetServoDeg() >= 0; }
    int targetServoDeg() const { return m_conv.targetServoDeg(); }  // -1 if none
    double targetLogicalDeg() const { return logicalFromServo(calibration(), targetServoDeg()); }
    int effectiveTargetServoDeg() const { return m_conv.effectiveTargetServoDeg(); }
    bool isMoving() const { return m_conv.isMoving(); }
    bool isAtTarget() const { return m_conv.isAtTarget(); }
    bool isBusy() const { return m_conv.isBusy(); }
    Stats stats() const { return m_conv.stats(); }

signals:
    void stateChanged(rudebot::RigClient::State state);
    void calibrationChanged(const rudebot::Calibration &calibration);
    void firmwareDetected(rudebot::RigClient::Firmware firmware, const QString &version);
    void actualAngleChanged(int servoDeg, double logicalDeg);
    void targetChanged(int servoDeg, double logicalDeg);
    void targetAccepted(int servoDeg);  // the board took this angle (it starts moving)
    void arrived(int servoDeg);  // stopped on the latest target
    void boardReset();  // rebooted while we talked; the target is re-sent
    void commandSent(const QByteArray &line);  // every line written, without terminator
    void lineReplied(const QByteArray &line, const QList<QByteArray> &replies);
    void errorOccurred(rudebot::RigClient::Error error, const QString &message);

private:
    void onLinkState(Link::State state);
    void onBytes(const QByteArray &bytes);
    void drain();  // performs the conversation's events in order, then arms the timer
    qint64 now() const { return m_clock.elapsed(); }

    Link *m_link;
    RigConversation m_conv;
    Reconnector m_reconnector;
    LineSplitter m_splitter;
    QTimer m_timer;  // the conversation's next deadline
    QElapsedTimer m_clock;
    bool m_draining = false;
};

}  // namespace rudebot
