#include "station/client_session.h"

#include <QLocalSocket>
#include <QLoggingCategory>
#include <QSslSocket>

#include "core/rig_protocol.h"
#include "station/keyring.h"
#include "station/pairing.h"

Q_LOGGING_CATEGORY(lcSession, "rudebot.station.session")

namespace rudebot {

namespace {

// Over-rate lines in a session's life; see withinRate().
const int kMaxRateViolations = 2000;

}  // namespace

ClientSession::ClientSession(int id, Kind kind, QIODevice *socket, const Limits &limits,
    const Security &security, QObject *parent)
    : QObject(parent), m_id(id), m_kind(kind), m_socket(socket), m_limits(limits),
      m_security(security), m_keyring(security.keyring),
      // Raw lines are read exactly as the firmware reads them: at most 3 bytes.
      m_framer(kind == Kind::Raw ? kMaxCommandBytes : station::kMaxLineBytes,
          LineFramer::Overflow::Reject),
      m_rate(limits.commandsPerSec, limits.commandBurst),
      m_lineRate(limits.remoteLinesPerSec, limits.remoteLineBurst)
{
    socket->setParent(this);
    m_clock.start();
    if (auto *tcp = qobject_cast<QAbstractSocket *>(socket)) {
        m_peer = QStringLiteral("%1:%2").arg(tcp->peerAddress().toString()).arg(tcp->peerPort());
        connect(tcp, &QAbstractSocket::disconnected, this,
            [this] { abortWith(QStringLiteral("disconnected")); });
        connect(tcp, &QAbstractSocket::errorOccurred, this, [this, tcp] {
            if (tcp->error() != QAbstractSocket::RemoteHostClosedError)
                abortWith(tcp->errorString());
        });
        // Small replies must not wait for Nagle: they are the round trip the user feels.
        tcp->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    } else if (auto *local = qobject_cast<QLocalSocket *>(socket)) {
        m_peer = QStringLiteral("local");
        connect(local, &QLocalSocket::disconnected, this,
            [this] { abortWith(QStringLiteral("disconnected")); });
    }
    connect(socket, &QIODevice::readyRead, this, &ClientSession::onReadyRead);
    connect(socket, &QIODevice::bytesWritten, this, &ClientSession::flushPendingUpdate);

    m_idleTimer.setSingleShot(true);
    m_idleTimer.setInterval(limits.idleMs);
    connect(&m_idleTimer, &QTimer::timeout, this,
        [this] { close(QStringLiteral("idle for %1 s").arg(m_limits.idleMs / 1000)); });
    m_idleTimer.start();

    if (kind == Kind::Remote) {
        m_handshakeTimer.setSingleShot(true);
        m_handshakeTimer.setInterval(limits.handshakeMs);
        connect(&m_handshakeTimer, &QTimer::timeout, this,
            [this] { abortWith(QStringLiteral("handshake not completed in time")); });
        m_handshakeTimer.start();
        auto *ssl = qobject_cast<QSslSocket *>(socket);
        Q_ASSERT(ssl);
        if (ssl->isEncrypted())
            startRemoteHandshake();
        else
            connect(ssl, &QSslSocket::encrypted, this, &ClientSession::startRemoteHandshake);
    } else {
        m_authenticated = true;  // Office: file permissions; Raw: explicitly opted in
        QMetaObject::invokeMethod(this, &ClientSession::authenticated, Qt::QueuedConnection);
    }
}

ClientSession::~ClientSession()
{
    if (!m_person.isEmpty() && m_keyring)
        m_keyring->sessionEnded(m_person, QDateTime::currentDateTimeUtc());
}

void ClientSession::startRemoteHandshake()
{
    m_nonce = newNonce();
    write(station::encode(station::hello(m_security.stationName, m_nonce)), false);
}

qint64 ClientSession::backlogBytes() const
{
    return m_socket ? m_socket->bytesToWrite() : 0;
}

void ClientSession::onReadyRead()
{
    if (!m_socket)
        return;
    m_idleTimer.start();
    // Read in bounded chunks: a 1 MB line is dropped as it streams in, never held whole.
    while (m_socket && m_socket->bytesAvailable() > 0 && !m_closing) {
        for (const LineFramer::Item &item : m_framer.feed(m_socket->read(16 * 1024))) {
            if (item.kind == LineFramer::Item::Kind::Line)
                handleLine(item.line);
            else
                handleTooLong();
            if (!m_socket || m_closing)
                return;
        }
    }
}

void ClientSession::handleTooLong()
{
    if (m_kind == Kind::Raw) {
        // What the firmware itself answers, as soon as the 4th byte arrives.
        emit rawLineTooLong();
    } else if (!m_authenticated) {
        abortWith(QStringLiteral("over-long line before authentication"));
    } else {
        send(station::error(QStringLiteral("too-long"),
            QStringLiteral("line longer than %1 bytes ignored").arg(m_framer.maxLength())));
    }
}

void ClientSession::handleLine(const QByteArray &line)
{
    if (m_kind == Kind::Raw) {
        if (withinRate(m_rate))
            emit rawLineReceived(line);
        else if (m_socket)  // not hung up on for flooding
            emit lineOverRate();
        return;
    }
    QString error;
    const std::optional<station::ClientMessage> msg = station::parseClientMessage(line, &error);
    if (!m_authenticated) {
        if (!msg)
            abortWith(QStringLiteral("bad handshake message: %1").arg(error));
        else
            handleAuth(*msg);
        return;
    }
    const bool remoteLine = m_kind == Kind::Remote && msg
        && std::holds_alternative<station::SendLine>(*msg);
    if (!withinRate(remoteLine ? m_lineRate : m_rate)) {
        if (!m_socket)
            return;  // hung up on for flooding
        // Every line still gets its one answer, in its place: a "send" is answered by the
        // Station behind the rig's answers to earlier ones. A flooder that does not read its
        // answers hits the output cap and is disconnected.
        if (remoteLine)
            emit lineOverRate();
        else
            send(station::refused(QStringLiteral("Too many commands: at most %1 per second.")
                                      .arg(m_limits.commandsPerSec)));
        return;
    }
    if (!msg) {
        send(station::error(QStringLiteral("bad-message"), error));
        return;
    }
    emit messageReceived(*msg);
}

bool ClientSession::withinRate(RateLimiter &bucket)
{
    if (bucket.allow(m_clock.elapsed()))
        return true;
    // A flood of refused commands past this is not a user dragging a dial: hang up.
    if (++m_rateViolations > kMaxRateViolations)
        abortWith(QStringLiteral("command flood"));
    return false;
}

void ClientSession::handleAuth(const station::ClientMessage &message)
{
    const auto *auth = std::get_if<station::Auth>(&message);
    if (!auth || m_nonce.isEmpty()) {
        abortWith(QStringLiteral("expected auth first"));
        return;
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (m_keyring)
        m_keyring->refresh();  // a link made a moment ago by rudebot-bridge pair works at once
    const KeyMatch match = m_keyring
        ? m_keyring->matchAuth(m_nonce, m_security.fingerprint, auth->response.toLower(), now)
        : KeyMatch{};
    QString refusal;
    switch (match.result) {
    case KeyMatch::Result::Person:
    case KeyMatch::Result::Shared: break;
    case KeyMatch::Result::Expired:
        refusal =
            QStringLiteral("This guest link for %1 has expired. Ask the office for a new one.")
                .arg(match.name);
        break;
    case KeyMatch::Result::Used:
        refusal = QStringLiteral(
            "This one-time link for %1 was already used. Ask the office for a new one.")
                      .arg(match.name);
        break;
    case KeyMatch::Result::Unknown:
        refusal = QStringLiteral("This station did not accept the pairing key. Pair again with "
                                 "the station's current pairing link.");
        break;
    }
    if (!refusal.isEmpty()) {
        qCWarning(lcSession) << "client" << m_id << m_peer << "failed authentication"
                             << (match.name.isEmpty() ? QString() : match.name);
        write(station::encode(station::error(QStringLiteral("auth"), refusal)), false);
        close(QStringLiteral("authentication failed"));
        return;
    }
    m_handshakeTimer.stop();
    m_authenticated = true;
    const bool personal = match.result == KeyMatch::Result::Person;
    if (personal) {
        // The name is the credential's: a client cannot pass itself off as someone else.
        m_person = match.name;
        m_name = match.name;
        m_keyring->sessionStarted(m_person, now);
    } else {
        m_name = auth->name.trimmed().isEmpty() ? QStringLiteral("Remote %1").arg(m_id)
                                                : auth->name.trimmed();
    }
    // Revoked, expired or retired (the shared link) while connected: the session ends too.
    connect(m_keyring, &Keyring::changed, this, [this, personal] {
        const bool valid = personal
            ? m_keyring && m_keyring->stillValid(m_person, QDateTime::currentDateTimeUtc())
            : m_keyring && m_keyring->sharedLinkActive();
        if (valid || m_closing)
            return;
        send(station::error(QStringLiteral("auth"),
            QStringLiteral("The office has revoked this link, or it has expired. Ask the office "
                           "for a new one.")));
        close(QStringLiteral("%1's link was revoked or has expired").arg(m_name));
    });
    write(station::encode(station::welcome(m_id, QStringLiteral("remote"))), false);
    emit authenticated();
}

void ClientSession::send(const QJsonObject &message)
{
    write(station::encode(message), false);
}

void ClientSession::sendUpdate(const QJsonObject &state)
{
    write(station::encode(state), true);
}

void ClientSession::sendRawLines(const QList<QByteArray> &lines)
{
    QByteArray out;
    for (const QByteArray &l : lines)
        out += l + "\r\n";
    write(out, false);
}

void ClientSession::write(const QByteArray &bytes, bool droppable)
{
    if (!m_socket || m_closing)
        return;
    const qint64 backlog = m_socket->bytesToWrite();
    if (droppable && backlog > m_limits.softBacklogBytes) {
        if (!m_pendingUpdate.isEmpty())
            ++m_dropped;
        m_pendingUpdate = bytes;  // only the newest state matters; sent once the client reads
        return;
    }
    if (backlog + bytes.size() > m_limits.hardBacklogBytes) {
        abortWith(QStringLiteral("not reading its data"));
        return;
    }
    m_socket->write(bytes);
}

void ClientSession::flushPendingUpdate()
{
    if (m_pendingUpdate.isEmpty() || !m_socket
        || m_socket->bytesToWrite() > m_limits.softBacklogBytes)
        return;
    const QByteArray update = std::exchange(m_pendingUpdate, {});
    write(update, true);
}

void ClientSession::close(const QString &reason)
{
    if (m_closing || !m_socket)
        return;
    m_closing = true;
    qCInfo(lcSession) << "client" << m_id << m_peer << "closing:" << reason;
    if (auto *tcp = qobject_cast<QAbstractSocket *>(m_socket.data()))
        tcp->disconnectFromHost();  // flushes what is queued, then emits disconnected
    else if (auto *local = qobject_cast<QLocalSocket *>(m_socket.data()))
        local->disconnectFromServer();
    // A peer that never lets the flush finish is cut off anyway.
    QTimer::singleShot(5000, this, [this, reason] { abortWith(reason); });
}

void ClientSession::abortWith(const QString &reason)
{
    if (!m_socket)
        return;
    QIODevice *socket = m_socket;
    m_socket.clear();
    m_handshakeTimer.stop();
    m_idleTimer.stop();
    if (auto *tcp = qobject_cast<QAbstractSocket *>(socket))
        tcp->abort();
    else if (auto *local = qobject_cast<QLocalSocket *>(socket))
        local->abort();
    socket->deleteLater();
    qCInfo(lcSession) << "client" << m_id << m_peer << "gone:" << reason;
    emit closed(reason);
}

}  // namespace rudebot
