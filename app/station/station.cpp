#include "station/station.h"

#include <QLocalServer>
#include <QLocalSocket>
#include <QLoggingCategory>
#include <QSslSocket>
#include <QTcpServer>

#include "core/rig_protocol.h"
#include "station/keyring.h"
#include "station/station_internal.h"
#include "station/tls_server.h"

Q_LOGGING_CATEGORY(lcStation, "rudebot.station")

namespace rudebot {

namespace {

const int kFirmwareDefaultMsPerDeg = 30;  // protocol.md: the speed after a reset

QString kindName(ClientSession::Kind k)
{
    switch (k) {
    case ClientSession::Kind::Remote: return QStringLiteral("remote");
    case ClientSession::Kind::Office: return QStringLiteral("office");
    case ClientSession::Kind::Raw: return QStringLiteral("raw");
    }
    return {};
}

QString firmwareName(RigClient::Firmware f)
{
    switch (f) {
    case RigClient::Firmware::Unknown: return QStringLiteral("unknown");
    case RigClient::Firmware::Rudebot: return QStringLiteral("rudebot");
    case RigClient::Firmware::Seed: return QStringLiteral("seed");
    }
    return {};
}

}  // namespace

QString linkName(RigClient::State s)
{
    switch (s) {
    case RigClient::State::Disconnected: return QStringLiteral("disconnected");
    case RigClient::State::Connecting: return QStringLiteral("connecting");
    case RigClient::State::AwaitingBoard: return QStringLiteral("awaiting-board");
    case RigClient::State::Ready: return QStringLiteral("ready");
    }
    return {};
}

Station::Station(RigClient *rig, const TlsIdentity &identity, const QByteArray &secret,
    const StationSettings &settings, QObject *parent)
    : Station(rig, identity, static_cast<Keyring *>(nullptr), settings, parent)
{
    m_keyring = new Keyring(QString(), secret, this);
}

Station::Station(RigClient *rig, const TlsIdentity &identity, Keyring *keyring,
    const StationSettings &settings, QObject *parent)
    : QObject(parent), m_rig(rig), m_identity(identity), m_keyring(keyring),
      m_fingerprint(certificateFingerprint(identity.certificate)), m_settings(settings),
      m_arbiter(settings.arbiter)
{
    m_clock.start();
    m_broadcastTimer.setSingleShot(true);
    m_broadcastTimer.setInterval(15);  // coalesce bursts of rig signals into one update
    connect(&m_broadcastTimer, &QTimer::timeout, this, &Station::broadcast);
    m_expiryTimer.setInterval(1000);
    connect(&m_expiryTimer, &QTimer::timeout, this, [this] {
        if (m_arbiter.expire(m_clock.elapsed())) {
            qCInfo(lcStation) << "office override released after being idle";
            scheduleBroadcast();
        }
    });

    connect(rig, &RigClient::stateChanged, this, &Station::scheduleBroadcast);
    connect(rig, &RigClient::firmwareDetected, this, &Station::scheduleBroadcast);
    connect(rig, &RigClient::actualAngleChanged, this, &Station::scheduleBroadcast);
    connect(rig, &RigClient::targetChanged, this, &Station::scheduleBroadcast);
    connect(rig, &RigClient::arrived, this, &Station::scheduleBroadcast);
    connect(rig, &RigClient::calibrationChanged, this, &Station::scheduleBroadcast);
    connect(rig, &RigClient::lineReplied, this, &Station::onLineReplied);
    connect(rig, &RigClient::errorOccurred, this, [this](RigClient::Error, const QString &msg) {
        m_lastRigError = msg;
        scheduleBroadcast();
    });
    connect(rig, &RigClient::stateChanged, this, [this](RigClient::State s) {
        if (s == RigClient::State::Ready)
            m_lastRigError.clear();
    });
}

Station::~Station()
{
    qDeleteAll(m_sessions);
}

bool Station::start(QString *error)
{
    m_tls = new TlsServer(m_identity, this, m_settings.admission);
    connect(m_tls, &TlsServer::tlsConnection, this,
        [this](QSslSocket *s) { adoptSession(s, ClientSession::Kind::Remote); });
    if (!m_tls->listen(m_settings.listenAddress, m_settings.port)) {
        // No command-line advice here: the station also runs inside the app (rudebot --office).
        *error = tr("Cannot listen on %1 port %2: %3. Is another Rudebot station already running "
                    "on this machine?")
                     .arg(m_settings.listenAddress.toString())
                     .arg(m_settings.port)
                     .arg(m_tls->errorString());
        return false;
    }
    if (m_settings.rawEnabled) {
        m_raw = new QTcpServer(this);
        connect(m_raw, &QTcpServer::pendingConnectionAvailable, this, [this] {
            while (QTcpSocket *s = m_raw->nextPendingConnection()) {
                if (!hasRoom()) {
                    s->abort();
                    s->deleteLater();
                    continue;
                }
                adoptSession(s, ClientSession::Kind::Raw);
            }
        });
        if (!m_raw->listen(m_settings.rawAddress, m_settings.rawPort)) {
            *error = tr("Cannot listen for raw clients on %1 port %2: %3.")
                         .arg(m_settings.rawAddress.toString())
                         .arg(m_settings.rawPort)
                         .arg(m_raw->errorString());
            return false;
        }
    }
    if (!m_settings.officeSocket.isEmpty()) {
        m_office = new QLocalServer(this);
        // Only the user running the station may use it: that is the office's authentication.
        m_office->setSocketOptions(QLocalServer::UserAccessOption);
        QLocalServer::removeServer(m_settings.officeSocket);
        if (!m_office->listen(m_settings.officeSocket)) {
            *error = tr("Cannot open the office socket %1: %2.")
                         .arg(m_settings.officeSocket, m_office->errorString());
            return false;
        }
        connect(m_office, &QLocalServer::newConnection, this, [this] {
            while (QLocalSocket *s = m_office->nextPendingConnection())
                adoptSession(s, ClientSession::Kind::Office);
        });
    }
    m_expiryTimer.start();
    m_rig->start();
    return true;
}

quint16 Station::port() const
{
    return m_tls ? m_tls->serverPort() : 0;
}

quint16 Station::rawPort() const
{
    return m_raw ? m_raw->serverPort() : 0;
}

qint64 Station::refusedConnections() const
{
    return m_tls ? m_tls->refusedConnections() : 0;
}

bool Station::hasRoom(const ClientSession *besides) const
{
    const auto n = std::count_if(m_sessions.cbegin(), m_sessions.cend(),
        [besides](const ClientSession *s) { return s != besides && s->isAuthenticated(); });
    return n < m_settings.maxClients;
}

void Station::adoptSession(QIODevice *socket, ClientSession::Kind kind)
{
    const int id = m_nextId++;
    auto *s = new ClientSession(
        id, kind, socket, m_settings.limits, {m_keyring, m_fingerprint, m_settings.name}, this);
    m_sessions.insert(id, s);
    QPointer<QSslSocket> tls = qobject_cast<QSslSocket *>(socket);
    connect(s, &ClientSession::authenticated, this, [this, s, tls] {
        if (tls && m_tls) {
            m_tls->trust(
                tls);  // from now on it counts against maxClients, not the admission budget
            if (!hasRoom(s)) {
                s->send(station::error(QStringLiteral("full"),
                    tr("The station already serves %1 clients. Try again later.")
                        .arg(m_settings.maxClients)));
                s->close(QStringLiteral("station full"));
                return;
            }
        }
        qCInfo(lcStation) << "client" << s->id() << s->name() << kindName(s->kind()) << s->peer()
                          << "joined";
        if (s->kind() != ClientSession::Kind::Raw)
            s->sendUpdate(stateJsonFor(s));
        emit clientsChanged();
        scheduleBroadcast();
    });
    connect(s, &ClientSession::messageReceived, this,
        [this, s](const station::ClientMessage &m) { onMessage(s, m); });
    connect(s, &ClientSession::rawLineReceived, this,
        [this, s](const QByteArray &line) { onRawLine(s, line); });
    connect(s, &ClientSession::rawLineTooLong, this, [this, s] {
        answerRaw(s, firmwareVerdict({RigCommand::Kind::TooLong, 0, {}}));
    });
    // In its place: never ahead of the rig's answers to the client's earlier lines.
    connect(s, &ClientSession::lineOverRate, this,
        [this, s] { answerRaw(s, tooManyCommandsReply()); });
    if (kind == ClientSession::Kind::Raw)
        s->setName(tr("Raw client %1").arg(id));  // what others read when it holds the lease
    connect(s, &ClientSession::closed, this, [this, s] {
        m_sessions.remove(s->id());
        m_rawAnswers.remove(s->id());
        m_speedFor.remove(s->id());
        m_arbiter.clientGone(s->id());
        emit clientLeft(s->id());
        if (m_asks.removeAll(s->id()) > 0)
            emit controlAsksChanged();
        s->deleteLater();
        emit clientsChanged();
        scheduleBroadcast();
    });
}

std::optional<QString> Station::officeSetTarget(double logicalDeg)
{
    if (const auto refusal = m_arbiter.requestOfficeMove(m_clock.elapsed()))
        return refusal;
    m_rig->setSpeed(fastestMsPerDeg());  // a slow remote's choice is its own
    m_rig->setTargetLogical(logicalDeg);
    scheduleBroadcast();
    return std::nullopt;
}

void Station::takeOverride(const QString &who, const QString &reason)
{
    m_arbiter.takeOverride(who, m_clock.elapsed(), reason);
    qCInfo(lcStation) << who << "took control (override)" << reason;
    scheduleBroadcast();
}

void Station::setDirectionChecked(bool checked)
{
    if (checked == m_directionChecked)
        return;
    m_directionChecked = checked;
    scheduleBroadcast();
}

void Station::setCalibratedSpeed(int msPerDeg)
{
    m_calibratedMsPerDeg = qBound(0, msPerDeg, station::kSlowestMsPerDeg);
    scheduleBroadcast();
}

int Station::fastestMsPerDeg() const
{
    return m_calibratedMsPerDeg > 0 ? m_calibratedMsPerDeg : kFirmwareDefaultMsPerDeg;
}

int Station::speedFor(const ClientSession *s) const
{
    const int wanted = m_speedFor.value(s->id(), 0);
    return wanted == 0 ? fastestMsPerDeg()
                       : qBound(fastestMsPerDeg(), wanted, station::kSlowestMsPerDeg);
}

void Station::releaseOverride()
{
    m_arbiter.releaseOverride();
    qCInfo(lcStation) << "override released";
    scheduleBroadcast();
}

bool Station::sendToClient(int clientId, const QJsonObject &message)
{
    ClientSession *s = m_sessions.value(clientId);
    if (!s || !s->isAuthenticated())
        return false;
    s->send(message);
    return true;
}

QList<ClientInfo> Station::clients() const
{
    QList<ClientInfo> out;
    for (const ClientSession *s : m_sessions)
        if (s->isAuthenticated())
            out.append({s->id(), s->name(), kindName(s->kind()), s->peer(), s->person()});
    std::sort(out.begin(), out.end(),
        [](const ClientInfo &a, const ClientInfo &b) { return a.id < b.id; });
    return out;
}

StationState Station::state() const
{
    StationState st;
    st.station = m_settings.name;
    st.videoPort = m_videoPort;
    st.link = linkName(m_rig->state());
    st.firmware = firmwareName(m_rig->firmware());
    st.version = m_rig->firmwareVersion();
    st.rigMessage = m_lastRigError;
    st.linkDescription = m_rig->describeLink();
    st.angle = m_rig->hasActualAngle() ? m_rig->actualServoDeg() : -1;
    st.target = m_rig->hasTarget() ? m_rig->targetServoDeg() : -1;
    st.moving = m_rig->isMoving();
    st.calibration = m_rig->calibration();
    st.directionChecked = m_directionChecked;
    st.fastestMsPerDeg = fastestMsPerDeg();
    if (const auto holder = m_arbiter.leaseHolder(m_clock.elapsed())) {
        st.holder = holder->name;
        st.holderId = holder->clientId;
    }
    st.overrideHeld = m_arbiter.overrideHeld();
    st.overrideBy = m_arbiter.overrideBy();
    st.overrideReason = m_arbiter.overrideReason();
    st.parkLocked = m_arbiter.parkLocked();
    st.parkBy = m_arbiter.parkLockedBy();
    st.parkServo = parkServoDeg();
    st.videoPaused = videoPaused();
    st.privacyMessage = privacyMessage();
    st.videoPausedBy = m_videoPausedBy;
    for (const ClientInfo &c : clients())
        st.clients.append({c.id, c.name, c.kind});
    for (const ControlAsk &a : controlAsks())
        st.asking.append({a.clientId, a.name, QStringLiteral("remote")});
    return st;
}

QJsonObject Station::stateJson() const
{
    return state().toJson();
}

void Station::scheduleBroadcast()
{
    if (!m_broadcastTimer.isActive())
        m_broadcastTimer.start();
}

// Remotes are not told how the station reaches its rig: a serial path or bridge address says
// which machine and account run the station.
QJsonObject Station::stateJsonFor(const ClientSession *s) const
{
    StationState st = state();
    if (s->kind() != ClientSession::Kind::Office)
        st.linkDescription.clear();
    return st.toJson();
}

void Station::broadcast()
{
    StationState st = state();
    const QJsonObject office = st.toJson();
    st.linkDescription.clear();
    const QJsonObject remote = st.toJson();
    for (ClientSession *s : std::as_const(m_sessions))
        if (s->isAuthenticated() && s->kind() != ClientSession::Kind::Raw)
            s->sendUpdate(s->kind() == ClientSession::Kind::Office ? office : remote);
    emit stateChanged();
}

}  // namespace rudebot
