// RigConversation, continued: the exchanges (one in flight), their answers and timeouts, and
// the events they produce.
#include "core/rig_conversation.h"

#include <QCoreApplication>

namespace rudebot {

namespace {

using Purpose = RigExchange::Purpose;

QString tr(const char *text)
{
    return QCoreApplication::translate("rudebot::RigClient", text);
}

}  // namespace

RigWanted RigConversation::wanted() const
{
    RigWanted w;
    w.target = m_target;
    w.targetRefused = m_target >= 0 && m_target == m_refused;
    w.speed = m_speed;
    w.stop = m_stopWanted;
    w.allowed = servoRange(m_cal);
    return w;
}

// One command at a time, in this order: a stop, the speed, the latest target, the user's raw
// lines, a poll. Targets first: a flood of raw lines must never hold a move back.
void RigConversation::pump(qint64 nowMs)
{
    if (m_state != State::Ready || m_inFlight || m_closing || !m_fw)
        return;
    if (std::optional<RigExchange> next = m_fw->nextCommand(wanted())) {
        if (next->purpose == Purpose::Stop)
            m_stopWanted = false;
        const int timeout = m_fw->timeoutMs(*next);
        send(std::move(*next), timeout, nowMs);
        return;
    }
    if (!m_rawQueue.empty()) {
        const QByteArray line = m_rawQueue.front();
        m_rawQueue.pop_front();
        RigExchange raw = RigExchange::of(Purpose::Raw, encodeRawLine(line), angleOfCommand(line));
        const int timeout = m_fw->timeoutMs(raw);
        send(std::move(raw), timeout, nowMs);
        return;
    }
    if (std::optional<RigExchange> poll = m_fw->nextPoll())
        send(std::move(*poll), m_fw->timeoutMs(*poll), nowMs);
}

void RigConversation::send(RigExchange exchange, int timeoutMs, qint64 nowMs)
{
    Event e;
    e.kind = Event::Kind::Send;
    e.line = exchange.line;
    e.bytes = exchange.bytes;
    m_inFlight = std::move(exchange);
    ++m_stats.commandsSent;
    m_replyBy = nowMs + timeoutMs;
    m_events.push_back(std::move(e));
}

void RigConversation::sendProbe(qint64 nowMs)
{
    if (m_state != State::AwaitingBoard || m_inFlight || m_closing)
        return;
    if (!m_probeEnd)
        m_probeEnd = nowMs + m_opt.probeWindowMs;
    send(RigExchange::of(Purpose::Probe, encodeQuery()), m_opt.replyTimeoutMs, nowMs);
}

void RigConversation::requeueRawInFlight()
{
    if (m_inFlight && m_inFlight->purpose == Purpose::Raw)
        m_rawQueue.push_front(m_inFlight->line);  // asked for, never answered: ask again
    m_inFlight.reset();
}

void RigConversation::onReplyTimeout(qint64 nowMs)
{
    if (!m_inFlight)
        return;
    const RigExchange lost = std::move(*m_inFlight);
    m_inFlight.reset();
    if (lost.purpose == Purpose::Probe) {
        if (m_probeEnd && nowMs < *m_probeEnd) {
            sendProbe(nowMs);  // a booting board or a sweeping seed dropped it: ask again
            return;
        }
        forceReconnect(Error::NoBoard,
            tr("No Rudebot board answers on %1. Check that the rig is powered, runs the Rudebot "
               "firmware and (for a bridge) that the bridge uses 115200 baud. Retrying.")
                .arg(m_linkName));
        return;
    }
    ++m_stats.timeouts;
    ++m_timeoutsInRow;
    if (m_fw)
        m_fw->forget();  // whatever the board did with the line is unknown now: re-send
    const QString what = tr("The rig did not answer '%1' in time on %2.")
                             .arg(QString::fromLatin1(lost.line), m_linkName);
    if (m_timeoutsInRow >= m_opt.timeoutsBeforeReconnect) {
        forceReconnect(Error::Timeout, what + tr(" Reconnecting."));
        return;
    }
    emitError(Error::Timeout, what + tr(" Retrying."));
    pump(nowMs);
}

void RigConversation::finish(const RigExchange &done, qint64 nowMs)
{
    m_timeoutsInRow = 0;
    const RigReply &v = done.verdict;
    switch (done.purpose) {
    case Purpose::Probe: finishProbe(done, nowMs); break;
    case Purpose::Target: finishTarget(done, nowMs); break;
    case Purpose::Poll: applyPosition(v, nowMs); break;
    case Purpose::Raw: finishRaw(done, nowMs); break;
    case Purpose::Speed:
        if (v.kind != RigReply::Kind::Speed)
            emitError(Error::Refused,
                tr("The rig refused the speed %1 ms per degree (%2).")
                    .arg(m_speed)
                    .arg(QString::fromLatin1(done.replies.value(0))));
        m_fw->speedAnswered(m_speed);  // set, or refused: asking again would only be refused
        break;
    case Purpose::Stop:
        if (v.kind == RigReply::Kind::Stopped) {
            m_fw->stopped(v.angle);
            setActual(v.angle);
            setTarget(v.angle);
        }
        break;
    }
    checkArrived();
    pump(nowMs);
}

void RigConversation::finishProbe(const RigExchange &done, qint64 nowMs)
{
    if (done.verdict.kind == RigReply::Kind::Position) {
        detected(makeRudebotFirmware(m_opt, false), QString());
        applyPosition(done.verdict, nowMs);
    } else {
        // The seed answers every extension with "Error: Bad input", and never says where its
        // servo is: unknown until the first approach (seed_approach.h).
        detected(makeSeedFirmware(m_opt), QString());
    }
    setState(State::Ready);
}

void RigConversation::finishTarget(const RigExchange &done, qint64 nowMs)
{
    if (done.verdict.kind != RigReply::Kind::InputAngle) {
        m_refused = m_target;
        emitError(Error::Refused,
            tr("The rig refused the angle %1 (%2).")
                .arg(done.angle)
                .arg(QString::fromLatin1(done.replies.value(0))));
        return;
    }
    const int estimate = m_fw->angleAccepted(done.angle, nowMs);
    if (estimate >= 0)
        setActual(estimate);
    if (!m_fw->announcesAtVerdict())
        emitEvent(Event::Kind::TargetAccepted, done.angle);
}

void RigConversation::finishRaw(const RigExchange &done, qint64 nowMs)
{
    const RigReply &v = done.verdict;
    if (v.kind == RigReply::Kind::InputAngle) {
        // The user turned the rig by hand: that is the target now, not ours.
        const int estimate = m_fw->angleAccepted(v.angle, nowMs);
        if (estimate >= 0)
            setActual(estimate);
        setTarget(v.angle);
    } else if (v.kind == RigReply::Kind::Position) {
        applyPosition(v, nowMs);
    } else if (v.kind == RigReply::Kind::Stopped) {
        m_fw->stopped(v.angle);
        setActual(v.angle);
        setTarget(v.angle);
    }
    Event e;
    e.kind = Event::Kind::LineReplied;
    e.line = done.line;
    e.replies = done.replies;
    m_events.push_back(std::move(e));
}

void RigConversation::applyPosition(const RigReply &p, qint64 nowMs)
{
    setActual(p.angle);
    m_fw->position(p, nowMs);
}

void RigConversation::setActual(int servoDeg)
{
    if (servoDeg == m_actual)
        return;
    m_actual = servoDeg;
    emitEvent(Event::Kind::ActualAngleChanged, servoDeg);
}

void RigConversation::setTarget(int servoDeg)
{
    if (servoDeg == m_target)
        return;
    m_target = servoDeg;
    emitEvent(Event::Kind::TargetChanged, servoDeg);
}

void RigConversation::setState(State state)
{
    if (state == m_state)
        return;
    m_state = state;
    Event e;
    e.kind = Event::Kind::StateChanged;
    e.state = state;
    m_events.push_back(std::move(e));
}

void RigConversation::detected(std::unique_ptr<RigFirmware> firmware, const QString &version)
{
    const Firmware before = this->firmware();
    m_fw = std::move(firmware);
    const bool changed = this->firmware() != before || version != m_version;
    if (!version.isEmpty() || this->firmware() != Firmware::Rudebot)
        m_version = version;
    if (changed) {
        Event e;
        e.kind = Event::Kind::FirmwareDetected;
        e.firmware = this->firmware();
        e.text = m_version;
        m_events.push_back(std::move(e));
    }
}

void RigConversation::checkArrived()
{
    if (!isAtTarget()) {
        m_arrivedFor = -1;
        return;
    }
    if (m_arrivedFor == m_target)
        return;
    m_arrivedFor = m_target;
    emitEvent(Event::Kind::Arrived, effectiveTargetServoDeg());
}

void RigConversation::forceReconnect(Error error, const QString &message)
{
    emitError(error, message);
    m_timeoutsInRow = 0;
    m_closing = true;
    Event e;
    e.kind = Event::Kind::CloseLink;
    m_events.push_back(std::move(e));
}

void RigConversation::emitEvent(Event::Kind kind, int servoDeg)
{
    Event e;
    e.kind = kind;
    e.servoDeg = servoDeg;
    e.logicalDeg = logicalFromServo(m_cal, servoDeg);
    m_events.push_back(std::move(e));
}

void RigConversation::emitError(Error error, const QString &message)
{
    Event e;
    e.kind = Event::Kind::Error;
    e.error = error;
    e.text = message;
    m_events.push_back(std::move(e));
}

}  // namespace rudebot
