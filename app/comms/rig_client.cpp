#include "comms/rig_client.h"

Q_LOGGING_CATEGORY(lcRigTrace, "rudebot.rig.trace", QtWarningMsg)

namespace rudebot {

namespace {

constexpr int kRudebotBootAngle = 90;  // protocol.md: the servo starts at 90 after reset
const SeedPosition kSeedUnknown{0, 180};

} // namespace

RigClient::RigClient(Link *link, const RigClientOptions &options, QObject *parent)
    : QObject(parent), m_link(link), m_opt(options), m_reconnector(link, options.backoff)
{
    for (QTimer *t : {&m_bootTimer, &m_replyTimer, &m_pollTimer})
        t->setSingleShot(true);
    connect(&m_bootTimer, &QTimer::timeout, this, &RigClient::sendProbe);
    connect(&m_replyTimer, &QTimer::timeout, this, &RigClient::onReplyTimeout);
    connect(&m_pollTimer, &QTimer::timeout, this, [this] {
        m_pollDue = true;
        pump();
    });
    connect(link, &Link::stateChanged, this, &RigClient::onLinkState);
    connect(link, &Link::bytesReceived, this, &RigClient::onBytes);
    connect(link, &Link::errorOccurred, this, [this](const QString &message) {
        if (m_running)
            emit errorOccurred(Error::LinkFailed, message);
    });
}

void RigClient::start()
{
    if (m_running)
        return;
    m_running = true;
    m_reconnector.setEnabled(true);
    if (m_link->isOpen()) {
        onLinkState(Link::State::Open);
        return;
    }
    setState(State::Connecting);
    if (m_link->state() == Link::State::Closed)
        m_link->open();
}

void RigClient::stop()
{
    m_running = false;
    m_reconnector.setEnabled(false);
    m_link->close();
    onLinkState(Link::State::Closed);
}

void RigClient::setCalibration(const Calibration &calibration)
{
    m_cal = calibration;
    if (m_target >= 0)
        setTargetServo(m_target);  // re-clamped to the new limits
    emit calibrationChanged(m_cal);  // dials redraw their limits, stations tell their clients
}

void RigClient::setTargetServo(double servoDeg)
{
    const int t = clampServo(m_cal, servoDeg);
    if (t != m_target) {
        m_target = t;
        m_refused = -1;
        emit targetChanged(t, logicalFromServo(m_cal, t));
    }
    checkArrived();
    pump();
}

void RigClient::setTargetLogical(double logicalDeg)
{
    setTargetServo(servoFromLogical(m_cal, logicalDeg));
}

bool RigClient::sendLine(const QByteArray &line)
{
    const int angle = angleOfCommand(line);
    QString why;
    if (encodeRawLine(line).isEmpty())
        why = tr("Cannot send an empty line or one with line breaks in it.");
    else if (angle >= 0 && !servoRange(m_cal).contains(angle))
        why = tr("Refused to send %1: outside the calibrated limits (servo %2 to %3 degrees).")
                  .arg(QString::fromLatin1(line)).arg(servoRange(m_cal).min)
                  .arg(servoRange(m_cal).max);
    if (!why.isEmpty()) {
        emit errorOccurred(Error::Refused, why);
        return false;
    }
    m_rawQueue.append(line);
    pump();
    return true;
}

int RigClient::effectiveTargetServoDeg() const
{
    if (m_target < 0 || m_firmware != Firmware::Seed)
        return m_target;
    const ServoRange r = seedRange(servoRange(m_cal));
    return qBound(r.min, m_target, r.max);
}

bool RigClient::isMoving() const
{
    if (m_firmware == Firmware::Seed)
        return m_inFlight && m_inFlight->hasVerdict
            && m_inFlight->verdict.kind == RigReply::Kind::InputAngle;
    return m_moving;
}

bool RigClient::isAtTarget() const
{
    if (m_state != State::Ready || m_target < 0 || isMoving())
        return false;
    if (m_inFlight && m_inFlight->purpose == RigExchange::Purpose::Target)
        return false;  // the board's answer may change everything below
    if (m_firmware == Firmware::Seed)
        return m_seedPos.isKnown() && m_seedPos.lo == effectiveTargetServoDeg();
    return m_boardTarget == m_target && m_actual == m_target;
}

// ---- link events ----------------------------------------------------------------------------

void RigClient::onLinkState(Link::State state)
{
    if (state == Link::State::Open && m_running) {
        // A new conversation: the board may have been reset by the open, or swapped.
        m_splitter.reset();
        m_firmware = Firmware::Unknown;
        m_version.clear();
        m_boardTarget = -1;
        m_boardSpeed = 0;
        m_seedPos = kSeedUnknown;
        setState(State::AwaitingBoard);
        m_probeClock.invalidate();
        m_bootTimer.start(m_opt.bootWaitMs);
        return;
    }
    if (state == Link::State::Closed) {
        m_bootTimer.stop();
        m_replyTimer.stop();
        m_pollTimer.stop();
        if (m_inFlight && m_inFlight->purpose == RigExchange::Purpose::Raw)
            m_rawQueue.prepend(m_inFlight->line);  // asked for, never answered: ask again
        m_inFlight.reset();
        m_moving = false;
        setState(m_running ? State::Connecting : State::Disconnected);
    }
}

void RigClient::onBytes(const QByteArray &bytes)
{
    for (const QByteArray &line : m_splitter.feed(bytes))
        onLine(line);
}

void RigClient::onLine(const QByteArray &line)
{
    qCDebug(lcRigTrace).noquote() << m_link->describe() << "<" << QString::fromLatin1(line);
    const RigReply reply = parseReplyLine(line);
    if (reply.isError())
        ++m_stats.errorReplies;
    if (reply.kind == RigReply::Kind::Ready) {
        onBoardReady(reply);
        return;
    }
    bool ignored = true;
    if (m_inFlight && m_inFlight->take(line, reply, &ignored)) {
        RigExchange done = *m_inFlight;
        m_inFlight.reset();
        m_replyTimer.stop();
        finish(done);
        return;
    }
    if (ignored)
        qCDebug(lcRigTrace).noquote() << m_link->describe() << "  (not an answer; ignored)";
    else if (m_firmware == Firmware::Seed && isMoving() && m_inFlight->purpose == RigExchange::Purpose::Target)
        emit targetAccepted(effectiveTargetServoDeg());  // the seed turns now, blocking; ours
                                                         // is announced once, in finishTarget

}

// Our firmware's ready line: it has just booted, at 90 degrees, having forgotten everything.
void RigClient::onBoardReady(const RigReply &ready)
{
    const bool wasTalking = m_state == State::Ready;
    m_bootTimer.stop();
    m_replyTimer.stop();
    if (m_inFlight && m_inFlight->purpose == RigExchange::Purpose::Raw)
        m_rawQueue.prepend(m_inFlight->line);
    m_inFlight.reset();
    m_boardTarget = kRudebotBootAngle;
    m_boardSpeed = 0;
    m_moving = false;
    setActual(kRudebotBootAngle);
    detected(Firmware::Rudebot, QString::fromLatin1(ready.version));
    if (wasTalking) {
        ++m_stats.resets;
        emit boardReset();
    }
    setState(State::Ready);
    checkArrived();
    pump();  // re-sends the last target
}

// ---- exchanges ------------------------------------------------------------------------------

void RigClient::send(RigExchange exchange, int timeoutMs)
{
    qCDebug(lcRigTrace).noquote() << m_link->describe() << ">" << QString::fromLatin1(exchange.line);
    const QByteArray line = exchange.line;
    m_inFlight = std::move(exchange);
    ++m_stats.commandsSent;
    m_replyTimer.start(timeoutMs);
    m_link->write(encodeRawLine(line));
    emit commandSent(line);
}

void RigClient::sendProbe()
{
    if (m_state != State::AwaitingBoard || m_inFlight)
        return;
    if (!m_probeClock.isValid())
        m_probeClock.start();
    RigExchange probe;
    probe.purpose = RigExchange::Purpose::Probe;
    probe.line = "?";
    send(probe, m_opt.replyTimeoutMs);
}

void RigClient::onReplyTimeout()
{
    if (!m_inFlight)
        return;
    const RigExchange lost = *m_inFlight;
    m_inFlight.reset();
    if (lost.purpose == RigExchange::Purpose::Probe) {
        if (m_probeClock.elapsed() < m_opt.probeWindowMs) {
            sendProbe();  // a booting board or a sweeping seed dropped it: ask again
            return;
        }
        forceReconnect(Error::NoBoard,
            tr("No Rudebot board answers on %1. Check that the rig is powered, runs the Rudebot "
               "firmware and (for a bridge) that the bridge uses 115200 baud. Retrying.")
                .arg(m_link->describe()));
        return;
    }
    ++m_stats.timeouts;
    ++m_timeoutsInRow;
    // Whatever the board did with the line is unknown now: assume nothing, re-send.
    m_boardTarget = -1;
    m_seedPos = kSeedUnknown;
    m_pollDue = m_moving;
    const QString what = tr("The rig did not answer '%1' in time on %2.")
                             .arg(QString::fromLatin1(lost.line), m_link->describe());
    if (m_timeoutsInRow >= m_opt.timeoutsBeforeReconnect) {
        forceReconnect(Error::Timeout, what + tr(" Reconnecting."));
        return;
    }
    emit errorOccurred(Error::Timeout, what + tr(" Retrying."));
    pump();
}

void RigClient::finish(RigExchange exchange)
{
    m_timeoutsInRow = 0;
    switch (exchange.purpose) {
    case RigExchange::Purpose::Probe: finishProbe(exchange); break;
    case RigExchange::Purpose::Target: finishTarget(exchange); break;
    case RigExchange::Purpose::Poll: applyPosition(exchange.verdict); break;
    case RigExchange::Purpose::Raw: finishRaw(exchange); break;
    case RigExchange::Purpose::Speed: finishSpeed(exchange); break;
    }
    checkArrived();
    pump();
}

void RigClient::finishProbe(const RigExchange &exchange)
{
    if (exchange.verdict.kind == RigReply::Kind::Position) {
        detected(Firmware::Rudebot, QString());
        applyPosition(exchange.verdict);
    } else {
        // The seed answers every extension with "Error: Bad input", and never says where its
        // servo is: unknown until the first approach (seed_approach.h).
        m_seedPos = kSeedUnknown;
        detected(Firmware::Seed, QString());
    }
    setState(State::Ready);
}

void RigClient::finishTarget(const RigExchange &exchange)
{
    const int sent = exchange.angle;
    if (exchange.verdict.kind != RigReply::Kind::InputAngle) {
        m_refused = m_target;
        emit errorOccurred(Error::Refused, tr("The rig refused the angle %1 (%2).")
                                               .arg(sent).arg(QString::fromLatin1(exchange.replies.value(0))));
        return;
    }
    if (m_firmware == Firmware::Seed) {
        m_seedPos = seedPositionAfter(m_seedPos, sent);
        setActual((m_seedPos.lo + m_seedPos.hi) / 2);
        return;
    }
    // Moving until a poll says otherwise: m_actual may be older than the board's last step.
    m_boardTarget = sent;
    m_moving = true;
    emit targetAccepted(sent);
    m_pollTimer.start(m_opt.pollIntervalMs);
}

void RigClient::finishRaw(const RigExchange &exchange)
{
    const RigReply &v = exchange.verdict;
    if (v.kind == RigReply::Kind::InputAngle) {
        // The user turned the rig by hand: that is the target now, not ours.
        if (m_firmware == Firmware::Seed)
            m_seedPos = seedPositionAfter(m_seedPos, v.angle);
        else {
            m_boardTarget = v.angle;
            m_moving = true;
            m_pollTimer.start(m_opt.pollIntervalMs);
        }
        if (m_target != v.angle) {
            m_target = v.angle;
            emit targetChanged(m_target, logicalFromServo(m_cal, m_target));
        }
    } else if (v.kind == RigReply::Kind::Position) {
        applyPosition(v);
    } else if (v.kind == RigReply::Kind::Stopped) {
        m_boardTarget = m_target = v.angle;
        m_moving = false;
        setActual(v.angle);
        emit targetChanged(m_target, logicalFromServo(m_cal, m_target));
    }
    emit lineReplied(exchange.line, exchange.replies);
}

// One command at a time, in this order: the user's raw lines, the latest target, a poll.
void RigClient::pump()
{
    if (m_state != State::Ready || m_inFlight)
        return;
    if (!m_rawQueue.isEmpty()) {
        RigExchange raw;
        raw.purpose = RigExchange::Purpose::Raw;
        raw.line = m_rawQueue.takeFirst();
        raw.angle = angleOfCommand(raw.line);
        const bool blocks = m_firmware == Firmware::Seed && raw.angle >= 0;
        send(raw, blocks ? seedTimeoutMs(raw.angle) : m_opt.replyTimeoutMs);
        return;
    }
    if (pumpSpeed() || pumpTarget())
        return;
    if (m_firmware == Firmware::Rudebot && m_moving && m_pollDue) {
        m_pollDue = false;
        RigExchange poll;
        poll.purpose = RigExchange::Purpose::Poll;
        poll.line = "?";
        send(poll, m_opt.replyTimeoutMs);
    }
}

bool RigClient::pumpSpeed()
{
    if (m_firmware != Firmware::Rudebot || m_speed <= 0 || m_boardSpeed == m_speed)
        return false;
    RigExchange cmd;
    cmd.purpose = RigExchange::Purpose::Speed;
    cmd.line = "S" + QByteArray::number(m_speed);
    send(cmd, m_opt.replyTimeoutMs);
    return true;
}

void RigClient::finishSpeed(const RigExchange &exchange)
{
    if (exchange.verdict.kind != RigReply::Kind::Speed) {
        emit errorOccurred(Error::Refused, tr("The rig refused the speed %1 ms per degree (%2).")
                                               .arg(m_speed).arg(QString::fromLatin1(exchange.replies.value(0))));
    }
    m_boardSpeed = m_speed;  // set, or refused: asking again would only be refused again
}

void RigClient::setSpeed(int msPerDeg)
{
    m_speed = qBound(0, msPerDeg, 99);
    pump();
}

bool RigClient::pumpTarget()
{
    if (m_target < 0 || m_target == m_refused)
        return false;
    int angle = m_target;
    int timeoutMs = m_opt.replyTimeoutMs;
    if (m_firmware == Firmware::Seed) {
        const int t = effectiveTargetServoDeg();
        angle = seedCommandFor(m_seedPos, t);
        if (angle >= 0 && !servoRange(m_cal).contains(angle)) {
            // Only in a calibrated range of one or two degrees: land as near as the seed can.
            const bool nearEnough = qAbs(m_seedPos.lo - t) <= 1 && qAbs(m_seedPos.hi - t) <= 1;
            angle = nearEnough ? -1 : t;
        }
        if (angle < 0)
            return false;
        timeoutMs = seedTimeoutMs(angle);
    } else if (m_boardTarget == m_target) {
        return false;
    }
    RigExchange cmd;
    cmd.purpose = RigExchange::Purpose::Target;
    cmd.line = QByteArray::number(angle);
    cmd.angle = angle;
    send(cmd, timeoutMs);
    return true;
}

int RigClient::seedTimeoutMs(int sent) const
{
    const int degrees = seedSweepDegrees(m_seedPos, sent);
    return int(degrees * m_opt.seedMsPerDeg * m_opt.sweepTimeoutFactor) + m_opt.replyTimeoutMs;
}

// ---- state ----------------------------------------------------------------------------------

void RigClient::applyPosition(const RigReply &p)
{
    setActual(p.angle);
    m_boardTarget = p.target;
    m_moving = p.moving;
    if (m_moving)
        m_pollTimer.start(m_opt.pollIntervalMs);
}

void RigClient::setActual(int servoDeg)
{
    if (servoDeg == m_actual)
        return;
    m_actual = servoDeg;
    emit actualAngleChanged(servoDeg, logicalFromServo(m_cal, servoDeg));
}

void RigClient::setState(State state)
{
    if (state == m_state)
        return;
    m_state = state;
    if (state == State::Ready)
        m_reconnector.resetBackoff();
    emit stateChanged(state);
}

void RigClient::detected(Firmware firmware, const QString &version)
{
    const bool changed = firmware != m_firmware || version != m_version;
    m_firmware = firmware;
    if (!version.isEmpty() || firmware != Firmware::Rudebot)
        m_version = version;
    if (changed)
        emit firmwareDetected(m_firmware, m_version);
}

void RigClient::checkArrived()
{
    if (!isAtTarget()) {
        m_arrivedFor = -1;
        return;
    }
    if (m_arrivedFor == m_target)
        return;
    m_arrivedFor = m_target;
    emit arrived(effectiveTargetServoDeg());
}

void RigClient::forceReconnect(Error error, const QString &message)
{
    emit errorOccurred(error, message);
    m_timeoutsInRow = 0;
    m_link->close();  // the reconnector reopens it after its back-off delay
}

} // namespace rudebot
