#include "remote/station_client.h"

#include <QJsonArray>
#include <QLocalSocket>
#include <QLoggingCategory>
#include <QSslConfiguration>
#include <QSslSocket>

#include "core/round_trip.h"
#include "station/station_protocol.h"

Q_LOGGING_CATEGORY(lcStationClient, "rudebot.station.client")

namespace rudebot {

namespace {
const int kMaxLine = 1024 * 1024;  // state messages are small; a station never sends more
}

StationClient::StationClient(QObject *parent) : QObject(parent)
{
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &StationClient::open);
    m_pingTimer.setInterval(kPingIntervalMs);
    connect(&m_pingTimer, &QTimer::timeout, this, &StationClient::ping);
}

StationClient::~StationClient()
{
    disconnectFromStation();
}

void StationClient::connectToStation(const PairingInfo &pairing, const QString &clientName)
{
    disconnectFromStation();
    m_mode = Mode::Tls;
    m_pairing = pairing;
    m_name = clientName;
    m_attempt = 0;
    open();
}

void StationClient::connectToOffice(const QString &socketPath, const QString &clientName)
{
    disconnectFromStation();
    m_mode = Mode::Office;
    m_officePath = socketPath;
    m_name = clientName;
    m_attempt = 0;
    open();
}

void StationClient::disconnectFromStation()
{
    m_mode = Mode::None;
    m_retryTimer.stop();
    m_pingTimer.stop();
    if (QIODevice *s = m_socket.data()) {
        m_socket.clear();
        s->disconnect(this);
        if (auto *ssl = qobject_cast<QSslSocket *>(s))
            ssl->abort();
        else if (auto *local = qobject_cast<QLocalSocket *>(s))
            local->abort();
        s->deleteLater();
    }
    setStatus(Status::Disconnected);
}

void StationClient::open()
{
    if (m_mode == Mode::None)
        return;
    m_buffer.clear();
    m_clientId = 0;
    setStatus(Status::Connecting);
    if (m_mode == Mode::Office) {
        auto *s = new QLocalSocket(this);
        m_socket = s;
        connect(s, &QIODevice::readyRead, this, &StationClient::onReadyRead);
        connect(s, &QLocalSocket::connected, this, [this] {
            setStatus(Status::Authenticating);
            send({{"type", "name"}, {"name", m_name}});
        });
        connect(s, &QLocalSocket::disconnected, this,
            [this] { lost(tr("The station closed the office connection.")); });
        connect(s, &QLocalSocket::errorOccurred, this, [this, s] {
            lost(tr("Cannot reach the station's office socket %1: %2. Is rudebot-bridge running "
                    "as this user?").arg(m_officePath, s->errorString()));
        });
        s->connectToServer(m_officePath);
        return;
    }
    auto *s = new QSslSocket(this);
    m_socket = s;
    QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
    conf.setProtocol(QSsl::TlsV1_2OrLater);
    s->setSslConfiguration(conf);
    s->setPeerVerifyName(m_pairing.host);
    connect(s, &QIODevice::readyRead, this, &StationClient::onReadyRead);
    connect(s, &QSslSocket::encrypted, this, &StationClient::onEncrypted);
    connect(s, &QSslSocket::sslErrors, this, [this, s](const QList<QSslError> &) {
        // The station's certificate is self-signed, so verification always "fails"; what counts
        // is that it is exactly the certificate we paired with.
        if (certificateMatches(s->peerCertificate()))
            s->ignoreSslErrors();
    });
    connect(s, &QSslSocket::disconnected, this,
        [this] { lost(tr("The connection to the station was lost.")); });
    connect(s, &QSslSocket::errorOccurred, this, [this, s](QAbstractSocket::SocketError e) {
        if (e == QAbstractSocket::SslHandshakeFailedError && !certificateMatches(s->peerCertificate())) {
            const QString fp = QString::fromLatin1(
                s->peerCertificate().digest(QCryptographicHash::Sha256).toHex());
            const QString message = tr("The station at %1 presented a certificate that does not "
                "match the pairing (fingerprint %2). Someone may be intercepting the connection, or "
                "the station was set up again: pair again with its current pairing link.")
                                        .arg(m_pairing.host, fp.left(16));
            // Like a wrong key, a wrong certificate stays wrong: retrying would only hide it.
            disconnectFromStation();
            setStatus(Status::Rejected);
            emit errorOccurred(message);
            return;
        }
        lost(tr("Cannot reach the station at %1:%2: %3.")
                 .arg(m_pairing.host).arg(m_pairing.port).arg(s->errorString()));
    });
    s->connectToHostEncrypted(m_pairing.host, m_pairing.port);
}

bool StationClient::certificateMatches(const QSslCertificate &cert) const
{
    return !cert.isNull()
        && constantTimeEquals(cert.digest(QCryptographicHash::Sha256).toHex(), m_pairing.fingerprint);
}

void StationClient::onEncrypted()
{
    auto *s = qobject_cast<QSslSocket *>(m_socket.data());
    if (!s || !certificateMatches(s->peerCertificate())) {
        lost(tr("The station's certificate does not match the pairing; pair again."));
        return;
    }
    setStatus(Status::Authenticating);  // the station now sends hello with its nonce
}

void StationClient::onReadyRead()
{
    while (m_socket && m_socket->bytesAvailable()) {
        m_buffer += m_socket->read(64 * 1024);
        int nl;
        while ((nl = m_buffer.indexOf('\n')) >= 0) {
            const QByteArray line = m_buffer.left(nl);
            m_buffer.remove(0, nl + 1);
            onLine(line);
            if (!m_socket)
                return;
        }
        if (m_buffer.size() > kMaxLine) {
            lost(tr("The station sent a malformed message."));
            return;
        }
    }
}

void StationClient::onLine(const QByteArray &line)
{
    const QJsonObject m = station::parseServerMessage(line);
    const QString type = m.value("type").toString();
    if (type == QLatin1String("hello")) {
        const QByteArray nonce = m.value("nonce").toString().toLatin1();
        send({{"type", "auth"}, {"name", m_name},
            {"response", QString::fromLatin1(authResponse(m_pairing.secret, nonce, m_pairing.fingerprint))}});
    } else if (type == QLatin1String("welcome")) {
        m_clientId = m.value("client_id").toInt();
    } else if (type == QLatin1String("state")) {
        m_state = StationState::fromJson(m);
        if (m_status != Status::Connected) {
            m_attempt = 0;  // the station really answered: back off from scratch next time
            setStatus(Status::Connected);
            m_pingTimer.start();
            ping();
        }
        emit stateReceived(m_state);
    } else if (type == QLatin1String("refused")) {
        emit refused(m.value("reason").toString());
    } else if (type == QLatin1String("reply")) {
        QList<QByteArray> lines;
        for (const QJsonValue &v : m.value("lines").toArray())
            lines.append(v.toString().toLatin1());
        emit lineReplied(lines);
    } else if (type == QLatin1String("pong")) {
        if (qint64(m.value("seq").toDouble()) == m_pingSeq && m_pingClock.isValid()) {
            m_rttMs = int(m_pingClock.elapsed());
            emit rttMeasured(m_rttMs);
        }
    } else if (type == QLatin1String("error")) {
        const QString message = m.value("message").toString();
        if (m.value("code").toString() == QLatin1String("auth")) {
            disconnectFromStation();  // a wrong key stays wrong: do not retry
            setStatus(Status::Rejected);
        }
        emit errorOccurred(message);
    }
}

void StationClient::send(const QJsonObject &message)
{
    if (m_socket)
        m_socket->write(station::encode(message));
}

void StationClient::setTargetServo(double servoDeg)
{
    send({{"type", "target"}, {"servo", servoDeg}});
}

void StationClient::setTargetLogical(double logicalDeg)
{
    send({{"type", "target"}, {"logical", logicalDeg}});
}

void StationClient::stop()
{
    send({{"type", "stop"}});
}

void StationClient::sendLine(const QByteArray &line)
{
    send({{"type", "send"}, {"line", QString::fromLatin1(line)}});
}

void StationClient::setOverride(bool take)
{
    send({{"type", "override"}, {"take", take}});
}

void StationClient::setParkLock(bool lock)
{
    send({{"type", "park"}, {"lock", lock}});
}

void StationClient::ping()
{
    if (m_status != Status::Connected)
        return;
    m_pingClock.start();
    send({{"type", "ping"}, {"seq", double(++m_pingSeq)}});
}

void StationClient::setStatus(Status s)
{
    if (s == m_status)
        return;
    m_status = s;
    emit statusChanged(s);
}

void StationClient::lost(const QString &message)
{
    if (!m_socket)
        return;
    QIODevice *s = m_socket.data();
    m_socket.clear();
    s->disconnect(this);
    s->deleteLater();
    m_pingTimer.stop();
    emit errorOccurred(message);
    if (m_mode == Mode::None) {
        setStatus(Status::Disconnected);
        return;
    }
    setStatus(Status::Connecting);
    m_retryTimer.start(backoffDelayMs(m_backoff, m_attempt++));
}

} // namespace rudebot
