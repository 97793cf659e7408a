#include "core/rig_conversation.h"

#include <QCoreApplication>

namespace rudebot {

namespace {

using Purpose = RigExchange::Purpose;
constexpr int kRudebotBootAngle = 90;  // protocol.md: the servo starts at 90 after reset

// Same translation context as before the conversation moved out of RigClient.
QString tr(const char *text)
{
    return QCoreApplication::translate("rudebot::RigClient", text);
}

}  // namespace

RigConversation::RigConversation(const RigConversationOptions &options) : m_opt(options) { }
RigConversation::~RigConversation() = default;

RigConversation::Event RigConversation::takeEvent()
{
    Event e = std::move(m_events.front());
    m_events.pop_front();
    return e;
}

std::optional<qint64> RigConversation::deadline() const
{
    std::optional<qint64> d;
    for (const std::optional<qint64> &t :
        {m_bootAt, m_replyBy, m_fw ? m_fw->deadline() : std::optional<qint64>()}) {
        if (t && (!d || *t < *d))
            d = t;
    }
    return d;
}

// ---- link events ----------------------------------------------------------------------------

void RigConversation::start(bool linkIsOpen, qint64 nowMs)
{
    if (m_running)
        return;
    m_running = true;
    if (linkIsOpen)
        linkOpened(nowMs);
    else
        setState(State::Connecting);
}

void RigConversation::stop()
{
    m_running = false;
    linkClosed();
}

void RigConversation::linkOpened(qint64 nowMs)
{
    if (!m_running)
        return;
    // A new conversation: the board may have been reset by the open, or swapped.
    m_closing = false;
    m_fw.reset();
    m_version.clear();
    setState(State::AwaitingBoard);
    m_probeEnd.reset();
    m_bootAt = nowMs + m_opt.bootWaitMs;
}

void RigConversation::linkClosed()
{
    m_closing = false;
    m_bootAt.reset();
    m_replyBy.reset();
    requeueRawInFlight();
    if (m_fw)
        m_fw->linkLost();
    setState(m_running ? State::Connecting : State::Disconnected);
}

void RigConversation::linkFailed(const QString &message)
{
    if (m_running)
        emitError(Error::LinkFailed, message);
}

void RigConversation::lineReceived(const QByteArray &line, qint64 nowMs)
{
    const RigReply reply = parseReplyLine(line);
    if (reply.isError())
        ++m_stats.errorReplies;
    if (reply.kind == RigReply::Kind::Ready) {
        onBoardReady(reply, nowMs);
        return;
    }
    bool ignored = true;
    if (m_inFlight && m_inFlight->take(line, reply, &ignored)) {
        const RigExchange done = std::move(*m_inFlight);
        m_inFlight.reset();
        m_replyBy.reset();
        finish(done, nowMs);
        return;
    }
    // The seed turns now, blocking until "OK"; ours is announced once the exchange ends.
    if (!ignored && m_fw && m_fw->announcesAtVerdict() && isMoving()
        && m_inFlight->purpose == Purpose::Target)
        emitEvent(Event::Kind::TargetAccepted, effectiveTargetServoDeg());
}

// Our firmware's ready line: it has just booted, at 90 degrees, having forgotten everything.
void RigConversation::onBoardReady(const RigReply &ready, qint64 nowMs)
{
    const bool wasTalking = m_state == State::Ready;
    m_bootAt.reset();
    m_replyBy.reset();
    requeueRawInFlight();
    detected(makeRudebotFirmware(m_opt, true), QString::fromLatin1(ready.version));
    setActual(kRudebotBootAngle);
    if (wasTalking) {
        ++m_stats.resets;
        emitEvent(Event::Kind::BoardReset);
    }
    setState(State::Ready);
    checkArrived();
    pump(nowMs);  // re-sends the speed and the last target
}

void RigConversation::advanceTo(qint64 nowMs)
{
    if (m_bootAt && nowMs >= *m_bootAt) {
        m_bootAt.reset();
        sendProbe(nowMs);
    }
    if (m_replyBy && nowMs >= *m_replyBy) {
        m_replyBy.reset();
        onReplyTimeout(nowMs);
    }
    if (m_fw) {
        m_fw->advanceTo(nowMs);
        pump(nowMs);
    }
}

// ---- requests -------------------------------------------------------------------------------

void RigConversation::setCalibration(const Calibration &calibration, qint64 nowMs)
{
    m_cal = calibration;
    if (m_target >= 0)
        setTargetServo(m_target, nowMs);  // re-clamped to the new limits
}

void RigConversation::setTargetServo(double servoDeg, qint64 nowMs)
{
    const int t = clampServo(m_cal, servoDeg);  // the one clamp on the way down
    if (t != m_target) {
        m_refused = -1;
        m_stopWanted = false;
        setTarget(t);
    }
    checkArrived();
    pump(nowMs);
}

void RigConversation::setTargetLogical(double logicalDeg, qint64 nowMs)
{
    setTargetServo(servoFromLogical(m_cal, logicalDeg), nowMs);
}

void RigConversation::setSpeed(int msPerDeg, qint64 nowMs)
{
    m_speed = qBound(0, msPerDeg, 99);
    pump(nowMs);
}

void RigConversation::stopMotion(qint64 nowMs)
{
    if (m_state == State::Ready && m_fw && m_fw->canStop()) {
        m_stopWanted = true;
        pump(nowMs);
    } else if (m_actual >= 0) {
        setTargetServo(m_actual, nowMs);
    }
}

bool RigConversation::sendLine(const QByteArray &line, qint64 nowMs)
{
    const int angle = angleOfCommand(line);
    const ServoRange range = servoRange(m_cal);
    QString why;
    if (encodeRawLine(line).isEmpty())
        why = tr("Cannot send an empty line or one with line breaks in it.");
    else if (angle >= 0 && !range.contains(angle))
        why = tr("Refused to send %1: outside the calibrated limits (servo %2 to %3 degrees).")
                  .arg(QString::fromLatin1(line))
                  .arg(range.min)
                  .arg(range.max);
    else if (!canQueueRawLine())
        why = tr("Refused to send %1: %2 lines are already waiting for the rig; wait for "
                 "their replies.")
                  .arg(QString::fromLatin1(line))
                  .arg(m_rawQueue.size());
    if (!why.isEmpty()) {
        emitError(Error::Refused, why);
        return false;
    }
    m_rawQueue.push_back(line);
    pump(nowMs);
    return true;
}

// ---- state ----------------------------------------------------------------------------------

RigConversation::Firmware RigConversation::firmware() const
{
    if (!m_fw)
        return Firmware::Unknown;
    return m_fw->kind() == RigFirmware::Kind::Seed ? Firmware::Seed : Firmware::Rudebot;
}

int RigConversation::effectiveTargetServoDeg() const
{
    if (m_target < 0 || !m_fw)
        return m_target;
    return m_fw->effectiveTarget(m_target, servoRange(m_cal));
}

bool RigConversation::isMoving() const
{
    return m_fw && m_fw->isMoving(m_inFlight ? &*m_inFlight : nullptr);
}

bool RigConversation::isAtTarget() const
{
    if (m_state != State::Ready || m_target < 0 || !m_fw || isMoving())
        return false;
    if (m_inFlight && m_inFlight->purpose == Purpose::Target)
        return false;  // the board's answer may change everything below
    return m_fw->isAtTarget(m_target, effectiveTargetServoDeg(), m_actual);
}

}  // namespace rudebot
