#include "tools/rudebotctl/ctl_session.h"

namespace rudebot::ctl {

namespace {

QString firmwareName(RigClient::Firmware f)
{
    switch (f) {
    case RigClient::Firmware::Rudebot: return QStringLiteral("rudebot");
    case RigClient::Firmware::Seed: return QStringLiteral("seed");
    case RigClient::Firmware::Unknown: break;
    }
    return QStringLiteral("unknown");
}

QString joinLines(const QList<QByteArray> &lines)
{
    QString out;
    for (const QByteArray &l : lines)
        out += QString::fromLatin1(l) + QLatin1Char('\n');
    return out;
}

}  // namespace

Session::Session(RigClient *client, const Request &request, QObject *parent)
    : QObject(parent), m_client(client), m_request(request)
{
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, [this] {
        const bool connected = m_client->state() == RigClient::State::Ready;
        done(connected ? TimedOut : NoRig, {},
            connected ? QStringLiteral("timeout: the rig did not finish within %1 s")
                            .arg(m_request.timeoutMs / 1000.0)
                      : QStringLiteral("no rig: nothing answered on %1 within %2 s")
                            .arg(m_client->describeLink())
                            .arg(m_request.timeoutMs / 1000.0));
    });
    connect(client, &RigClient::stateChanged, this, [this](RigClient::State s) {
        if (s == RigClient::State::Ready)
            onReady();
    });
    connect(client, &RigClient::errorOccurred, this, &Session::onError);
    connect(client, &RigClient::lineReplied, this, &Session::onReplied);
    connect(client, &RigClient::targetAccepted, this, [this] {
        const bool seed = m_client->firmware() == RigClient::Firmware::Seed;
        if (m_request.command == Request::Command::Goto && !m_request.wait && !seed)
            done(Ok);
    });
    connect(client, &RigClient::arrived, this, [this](int servoDeg) {
        if (m_request.command == Request::Command::Goto && m_started)
            done(Ok, QStringLiteral("arrived %1\n").arg(servoDeg));
    });
}

void Session::start()
{
    m_deadline.start(m_request.timeoutMs);
    m_client->start();
}

void Session::onReady()
{
    if (m_started)
        return;  // a reconnect: the client re-sends the target itself
    m_started = true;
    switch (m_request.command) {
    case Request::Command::Goto:
        if (m_request.logical)
            m_client->setTargetLogical(m_request.angle);
        else
            m_client->setTargetServo(m_request.angle);
        break;
    case Request::Command::Status:
        if (m_client->firmware() == RigClient::Firmware::Seed)
            done(Ok, statusText());  // the seed cannot be asked where it is
        else
            m_client->sendLine("?");
        break;
    case Request::Command::Query: m_client->sendLine("?"); break;
    case Request::Command::Send: m_client->sendLine(m_request.line); break;
    case Request::Command::Override:
    case Request::Command::Park:
    case Request::Command::PauseVideo:
        // The office's commands: parseRequest() refuses them without --office, so this is
        // never reached; answered anyway rather than left to time out.
        done(RigError, {}, QStringLiteral("override and park need a station (--office SOCKET)"));
        break;
    }
}

void Session::onReplied(const QByteArray &, const QList<QByteArray> &replies)
{
    const RigReply verdict = parseReplyLine(replies.value(0));
    if (replies.isEmpty())
        return;  // a timeout; onError decides
    if (m_request.command == Request::Command::Status) {
        done(Ok, statusText(verdict));
        return;
    }
    if (verdict.isError()) {
        done(RigError, joinLines(replies),
            QStringLiteral("refused: the rig answered \"%1\"")
                .arg(QString::fromLatin1(replies.value(0))));
        return;
    }
    done(Ok, joinLines(replies));
}

void Session::onError(RigClient::Error error, const QString &message)
{
    switch (error) {
    case RigClient::Error::LinkFailed:
    case RigClient::Error::NoBoard: done(NoRig, {}, QStringLiteral("no rig: ") + message); break;
    case RigClient::Error::Timeout:
        done(TimedOut, {}, QStringLiteral("timeout: ") + message);
        break;
    case RigClient::Error::Refused:
        done(RigError, {}, QStringLiteral("refused: ") + message);
        break;
    }
}

// position: our firmware's answer to "?"; the seed's status is what the client knows.
QString Session::statusText(const RigReply &position) const
{
    auto angle = [](int a) { return a < 0 ? QStringLiteral("unknown") : QString::number(a); };
    const bool asked = position.kind == RigReply::Kind::Position;
    const QString version = m_client->firmwareVersion();
    return QStringLiteral("link=%1\nfirmware=%2%3\nangle=%4\ntarget=%5\nmoving=%6\n")
        .arg(m_client->describeLink(), firmwareName(m_client->firmware()),
            version.isEmpty() ? QString() : QLatin1Char(' ') + version,
            angle(asked ? position.angle : m_client->actualServoDeg()),
            angle(asked ? position.target : m_client->targetServoDeg()))
        .arg(asked                     ? position.moving
                : m_client->isMoving() ? 1
                                       : 0);
}

void Session::done(int code, const QString &output, const QString &reason)
{
    if (m_done)
        return;
    m_done = true;
    m_deadline.stop();
    emit finished(code, output, reason);
}

}  // namespace rudebot::ctl
