#include "remote/station_client.h"

#include <QLocalSocket>
#include <QLoggingCategory>
#include <QSslConfiguration>
#include <QSslSocket>

#include "core/round_trip.h"
#include "station/station_protocol.h"

Q_LOGGING_CATEGORY(lcStationClient, "rudebot.station.client")

namespace rudebot {

namespace {
const qsizetype kMaxLine = 1024 * 1024;  // state messages are small; a station never sends more
}

StationClient::StationClient(QObject *parent)
    : QObject(parent), m_framer(kMaxLine, LineFramer::Overflow::Reject)
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
    m_framer.reset();
    m_clientId = 0;
    setStatus(Status::Connecting);
    if (m_mode == Mode::Office) {
        auto *s = new QLocalSocket(this);
        m_socket = s;
        connect(s, &QIODevice::readyRead, this, &StationClient::onReadyRead);
        connect(s, &QLocalSocket::connected, this, [this] {
            setStatus(Status::Authenticating);
            send(station::Rename{m_name});
        });
        connect(s, &QLocalSocket::disconnected, this,
            [this] { lost(tr("The station closed the office connection.")); });
        connect(s, &QLocalSocket::errorOccurred, this, [this, s] {
            lost(tr("Cannot reach the station's office socket %1: %2. Is rudebot-bridge running "
                    "as this user?")
                     .arg(m_officePath, s->errorString()));
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
        if (e == QAbstractSocket::SslHandshakeFailedError
            && !certificateMatches(s->peerCertificate())) {
            const QString fp = QString::fromLatin1(
                s->peerCertificate().digest(QCryptographicHash::Sha256).toHex());
            const QString message =
                tr("The station at %1 presented a certificate that does not "
                   "match the pairing (fingerprint %2). Someone may be intercepting the "
                   "connection, or "
                   "the station was set up again: pair again with its current pairing link.")
                    .arg(m_pairing.host, fp.left(16));
            // Like a wrong key, a wrong certificate stays wrong: retrying would only hide it.
            disconnectFromStation();
            setStatus(Status::Rejected);
            emit errorOccurred(message);
            return;
        }
        lost(tr("Cannot reach the station at %1:%2: %3.")
                 .arg(m_pairing.host)
                 .arg(m_pairing.port)
                 .arg(s->errorString()));
    });
    s->connectToHostEncrypted(m_pairing.host, m_pairing.port);
}

bool StationClient::certificateMatches(const QSslCertificate &cert) const
{
    return !cert.isNull()
        && constantTimeEquals(
            cert.digest(QCryptographicHash::Sha256).toHex(), m_pairing.fingerprint);
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
        for (const LineFramer::Item &item : m_framer.feed(m_socket->read(64 * 1024))) {
            if (item.kind == LineFramer::Item::Kind::TooLong) {
                lost(tr("The station sent a malformed message."));
                return;
            }
            onLine(item.line);
            if (!m_socket)
                return;
        }
    }
}

namespace {

// Overloads for std::visit: what each station message does to the client.
template <class... F> struct Handlers : F... {
    using F::operator()...;
};
template <class... F> Handlers(F...) -> Handlers<F...>;

}  // namespace

void StationClient::onLine(const QByteArray &line)
{
    QString error;
    const std::optional<station::ServerMessage> message = station::parseServerMessage(line, &error);
    if (!message) {
        qCDebug(lcStationClient) << "ignored a station line:" << error;
        return;  // a newer station's message this client does not know
    }
    std::visit(Handlers{
                   [this](const station::Hello &m) {
                       send(station::Auth{
                           m_name, authResponse(m_pairing.secret, m.nonce, m_pairing.fingerprint)});
                   },
                   [this](const station::Welcome &m) { m_clientId = m.clientId; },
                   [this](const StationState &m) {
                       m_state = m;
                       if (m_status != Status::Connected) {
                           m_attempt =
                               0;  // the station really answered: back off from scratch next time
                           setStatus(Status::Connected);
                           if (m_speedMsPerDeg != 0)  // the station forgot it with the old connection
                               send(station::Speed{m_speedMsPerDeg});
                           m_pingTimer.start();
                           ping();
                       }
                       emit stateReceived(m_state);
                   },
                   [this](const station::Refused &m) { emit refused(m.reason); },
                   [this](const station::Reply &m) { emit lineReplied(m.lines); },
                   [this](const station::ControlAnswer &m) {
                       emit controlAnswered(m.granted, m.message);
                   },
                   [this](const station::Pong &m) {
                       if (m.seq == m_pingSeq && m_pingClock.isValid()) {
                           m_rttMs = int(m_pingClock.elapsed());
                           emit rttMeasured(m_rttMs);
                       }
                   },
                   [this](const station::Error &m) {
                       if (m.code == QLatin1String("auth")) {
                           disconnectFromStation();  // a wrong key stays wrong: do not retry
                           setStatus(Status::Rejected);
                       }
                       emit errorOccurred(m.message);
                   },
               },
        *message);
}

void StationClient::send(const station::ClientMessage &message)
{
    if (m_socket)
        m_socket->write(station::encode(message));
}

void StationClient::setTargetServo(double servoDeg)
{
    send(station::Target{servoDeg, false});
}

void StationClient::setTargetLogical(double logicalDeg)
{
    send(station::Target{logicalDeg, true});
}

void StationClient::setSpeed(int msPerDeg)
{
    m_speedMsPerDeg = msPerDeg;
    if (m_status == Status::Connected)  // otherwise sent once the station has let us in
        send(station::Speed{msPerDeg});
}

void StationClient::stop()
{
    send(station::Stop{});
}

void StationClient::sendLine(const QByteArray &line)
{
    send(station::SendLine{line});
}

void StationClient::setOverride(bool take)
{
    send(station::Override{take});
}

void StationClient::setParkLock(bool lock)
{
    send(station::Park{lock});
}

void StationClient::setVideoPaused(bool paused)
{
    send(station::PauseVideo{paused});
}

void StationClient::askForControl()
{
    send(station::AskControl{});
}

void StationClient::answerControl(int clientId, bool grant)
{
    send(station::AnswerControl{clientId, grant});
}

void StationClient::ping()
{
    if (m_status != Status::Connected)
        return;
    m_pingClock.start();
    send(station::Ping{++m_pingSeq});
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

}  // namespace rudebot
