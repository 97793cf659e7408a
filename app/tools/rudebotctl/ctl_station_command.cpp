#include "tools/rudebotctl/ctl_station_command.h"

namespace rudebot::ctl {

StationCommand::StationCommand(const Request &request, QObject *parent)
    : QObject(parent), m_request(request)
{
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, [this] {
        if (m_client.status() != StationClient::Status::Connected)
            done(NoRig, {},
                tr("no answer from the station within %1 s%2")
                    .arg(m_request.timeoutMs / 1000.0)
                    .arg(m_lastError.isEmpty() ? QString() : QStringLiteral(": ") + m_lastError));
        else
            done(TimedOut, {}, tr("timed out after %1 s").arg(m_request.timeoutMs / 1000.0));
    });
    connect(&m_client, &StationClient::stateReceived, this, &StationCommand::onState);
    connect(&m_client, &StationClient::refused, this,
        [this](const QString &reason) { done(RigError, {}, reason); });
    connect(&m_client, &StationClient::errorOccurred, this, [this](const QString &message) {
        m_lastError = message;  // while it retries, the reason it keeps failing
        if (m_client.status() == StationClient::Status::Rejected)
            done(RigError, {}, message);
    });
    // The station answers in order: a pong after our target means it has taken the target
    // (clamped to its limits by its rig client) or refused it.
    connect(&m_client, &StationClient::rttMeasured, this, [this] {
        if (m_request.command != Request::Command::Goto || !m_acted || m_targetTaken)
            return;
        m_targetTaken = true;
        if (!m_request.wait)
            done(Ok);
    });
    connect(&m_client, &StationClient::lineReplied, this, [this](const QList<QByteArray> &lines) {
        QString out;
        for (const QByteArray &l : lines)
            out += QString::fromLatin1(l) + QLatin1Char('\n');
        const bool error = !lines.isEmpty() && lines.first().startsWith("Error:");
        done(error ? RigError : Ok, out, error ? QString::fromLatin1(lines.first()) : QString());
    });
}

void StationCommand::start()
{
    m_deadline.start(m_request.timeoutMs);
    if (m_request.via == Request::Via::Office) {
        // Remotes see this name when the office takes control ("alice in the office has
        // taken control"): the person who ran the tool, not the tool.
        const QString user = qEnvironmentVariable("USER").trimmed();
        m_client.connectToOffice(m_request.station, user.isEmpty() ? tr("Someone") : user);
        return;
    }
    QString error;
    const auto pairing = PairingInfo::fromUri(m_request.station, &error);
    if (!pairing) {
        QMetaObject::invokeMethod(
            this, [this, error] { done(BadArgument, {}, error); }, Qt::QueuedConnection);
        return;
    }
    m_client.connectToStation(*pairing, QStringLiteral("rudebotctl"));
}

void StationCommand::onState(const StationState &s)
{
    if (!m_acted) {
        if (s.link != QLatin1String("ready") && m_request.command != Request::Command::Status
            && m_request.command != Request::Command::Override
            && m_request.command != Request::Command::Park
            && m_request.command != Request::Command::PauseVideo)
            return;  // the station has not got the board yet; wait (within the deadline)
        m_acted = true;
        act();
        return;
    }
    switch (m_request.command) {
    case Request::Command::Goto:
        // Every state after the pong was made after the station took the target.
        if (m_targetTaken && s.angle == s.target && !s.moving)
            done(Ok);
        break;
    case Request::Command::Override:
        if (s.overrideHeld == m_request.on)
            done(Ok);
        break;
    case Request::Command::Park:
        if (s.parkLocked == m_request.on)
            done(Ok);
        break;
    case Request::Command::PauseVideo:
        if (s.videoPausedBy.isEmpty() != m_request.on)
            done(Ok);
        break;
    default: break;
    }
}

void StationCommand::act()
{
    const StationState &s = m_client.state();
    switch (m_request.command) {
    case Request::Command::Status: done(Ok, statusText(s)); return;
    case Request::Command::Query: m_client.sendLine("?"); return;
    case Request::Command::Send: m_client.sendLine(m_request.line); return;
    case Request::Command::Goto:
        if (m_request.logical)
            m_client.setTargetLogical(m_request.angle);
        else
            m_client.setTargetServo(m_request.angle);
        m_client.ping();  // its pong says the target was taken (see the constructor)
        return;
    case Request::Command::Override: m_client.setOverride(m_request.on); return;
    case Request::Command::Park: m_client.setParkLock(m_request.on); return;
    case Request::Command::PauseVideo: m_client.setVideoPaused(m_request.on); return;
    }
}

QString StationCommand::statusText(const StationState &s) const
{
    QString t;
    t += QStringLiteral("station=%1\nlink=%2\nfirmware=%3%4\n")
             .arg(s.station, s.link, s.firmware,
                 s.version.isEmpty() ? QString() : QLatin1Char(' ') + s.version);
    t += QStringLiteral("angle=%1\ntarget=%2\nmoving=%3\n")
             .arg(s.angle)
             .arg(s.target)
             .arg(s.moving ? 1 : 0);
    t += QStringLiteral("holder=%1\noverride=%2\npark_locked=%3\nvideo_paused=%4\nclients=%5\n")
             .arg(s.holder, s.overrideHeld ? s.overrideBy : QStringLiteral("no"),
                 s.parkLocked ? QStringLiteral("yes") : QStringLiteral("no"),
                 s.videoPaused ? QStringLiteral("yes") : QStringLiteral("no"))
             .arg(s.clients.size());
    return t;
}

void StationCommand::done(int code, const QString &output, const QString &reason)
{
    if (m_done)
        return;
    m_done = true;
    m_deadline.stop();
    emit finished(code, output, reason);
}

}  // namespace rudebot::ctl
