#include "station/station.h"

#include <QLocalServer>
#include <QLocalSocket>
#include <QLoggingCategory>
#include <QSslSocket>
#include <QTcpServer>

#include "core/rig_protocol.h"
#include "station/keyring.h"
#include "station/tls_server.h"

Q_LOGGING_CATEGORY(lcStation, "rudebot.station")

namespace rudebot {

namespace {

const int kMaxRawOutstanding = 8;  // per client: lines sent to the rig, not yet answered
// Per client: answers waiting behind an unanswered line. A tool that keeps a line or a few in
// flight never comes near; a client that streams without reading is cut off.
const int kMaxRawQueued = 256;
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

std::optional<QString> Station::permission(ClientSession *s)
{
    if (s->kind() == ClientSession::Kind::Office)
        return m_arbiter.requestOfficeMove(m_clock.elapsed());
    return m_arbiter.requestRemoteMove(s->id(), s->name(), m_clock.elapsed());
}

void Station::moveFor(ClientSession *s, const station::Target &target)
{
    if (const auto refusal = permission(s)) {
        s->send(station::refused(*refusal));
        return;
    }
    m_rig->setSpeed(speedFor(s));  // sent before the target (rig_conversation.h)
    // As the client gave it: the rig client converts logical degrees and clamps, once.
    if (target.logical)
        m_rig->setTargetLogical(target.degrees);
    else
        m_rig->setTargetServo(target.degrees);
    noteMove(s);
    scheduleBroadcast();
}

void Station::onMessage(ClientSession *s, const station::ClientMessage &m)
{
    const bool office = s->kind() == ClientSession::Kind::Office;
    if (const auto *t = std::get_if<station::Target>(&m)) {
        moveFor(s, *t);
    } else if (std::holds_alternative<station::Stop>(m)) {
        // Stopping is setting the target to where the servo is: works with both firmwares.
        if (m_rig->hasActualAngle())
            moveFor(s, station::Target{double(m_rig->actualServoDeg()), false});
    } else if (const auto *p = std::get_if<station::Ping>(&m)) {
        s->send(station::pong(p->seq));
    } else if (const auto *l = std::get_if<station::SendLine>(&m)) {
        onRawLine(s, l->line);
    } else if (const auto *o = std::get_if<station::Override>(&m)) {
        if (!office)
            s->send(station::refused(tr("Only the office can take or release control.")));
        else if (o->take)
            takeOverride(s->name().isEmpty() ? tr("Office") : s->name());
        else
            releaseOverride();
    } else if (std::holds_alternative<station::AskControl>(m)) {
        if (office)
            s->send(station::refused(tr("The office does not need to ask for control.")));
        else
            askControl(s);
    } else if (const auto *a = std::get_if<station::AnswerControl>(&m)) {
        if (!office)
            s->send(station::refused(tr("Only the office can give control.")));
        else if (const auto why = answerControl(
                     a->clientId, a->grant, s->name().isEmpty() ? tr("Office") : s->name()))
            s->send(station::refused(*why));
    } else if (const auto *r = std::get_if<station::Rename>(&m)) {
        if (!s->person().isEmpty()) {
            // A link of one's own names its holder: nobody renames themself into someone else.
            s->send(station::refused(tr("Your name comes from your pairing link.")));
            return;
        }
        s->setName(r->name);
        emit clientsChanged();
        scheduleBroadcast();
    } else if (std::holds_alternative<station::MediaRequest>(m)) {
        if (s->kind() != ClientSession::Kind::Remote)
            s->send(station::mediaError(tr("Real-time video is for remotes; the office sees "
                                           "the camera itself.")));
        else if (!m_mediaAvailable)
            s->send(station::mediaError(tr("This station sends no real-time video.")));
        else
            emit mediaRequested(s->id());
    } else if (const auto *media = std::get_if<station::MediaSignal>(&m)) {
        if (s->kind() == ClientSession::Kind::Remote && m_mediaAvailable)
            emit mediaSignalReceived(s->id(), media->message);
        else
            s->send(station::mediaError(tr("No real-time video session to signal.")));
    } else if (const auto *v = std::get_if<station::PauseVideo>(&m)) {
        if (!office)
            s->send(station::refused(tr("Only the office can pause the video.")));
        else
            setVideoPaused(v->paused, s->name().isEmpty() ? tr("Office") : s->name());
    } else if (const auto *v = std::get_if<station::Speed>(&m)) {
        m_speedFor.insert(s->id(), v->msPerDeg);  // clamped when used: the limit may change
    } else if (const auto *k = std::get_if<station::Park>(&m)) {
        if (!office)
            s->send(station::refused(tr("Only the office can park the camera.")));
        else if (k->lock)
            lockPark(s->name().isEmpty() ? tr("Office") : s->name());
        else
            unlockPark();
    }
}

void Station::onRawLine(ClientSession *s, const QByteArray &line)
{
    // Read exactly as the firmware would read it; only the station's own canonical line for
    // a command it allows ever reaches the rig (docs/station.md, "What reaches the firmware").
    const RigCommand command = classifyCommandLine(line);
    if (command.kind == RigCommand::Kind::Empty)
        return;  // the firmware answers nothing either
    if (!command.isCommand()) {
        answerRaw(s, firmwareVerdict(command));  // what the firmware would say, in its words
        return;
    }
    if (m_rig->state() != RigClient::State::Ready) {
        answerRaw(s, rigNotConnectedReply(linkName(m_rig->state()).toLatin1()));
        return;
    }
    const QQueue<RawAnswer> &waiting = m_rawAnswers[s->id()];
    if (std::count_if(waiting.begin(), waiting.end(), [](const RawAnswer &a) { return !a.ready; })
        >= kMaxRawOutstanding) {
        answerRaw(s, rigBusyReply());
        return;
    }
    // A move (an angle, or a stop that could end a park short of its place) obeys the same
    // rules as a target from a full client: park lock, override, lease, soft limits.
    if (command.moves()) {
        if (const auto refusal = permission(s)) {
            answerRaw(s, refusedReply(*refusal));
            return;
        }
        if (command.kind == RigCommand::Kind::Angle
            && !servoRange(m_rig->calibration()).contains(command.value)) {
            answerRaw(s, outsideLimitsReply());
            return;
        }
    }
    const QByteArray canonical = canonicalLine(command);
    if (!m_rig->canQueueLine()) {  // the rig client's bounded queue of raw lines is full
        answerRaw(s, rigBusyReply());
        return;
    }
    if (!m_rig->sendLine(canonical)) {
        answerRaw(s, outsideLimitsReply());
        return;
    }
    if (command.moves())
        noteMove(s);
    m_rawAsked.enqueue({s->id(), canonical});
    m_rawAnswers[s->id()].enqueue({});  // its place in this client's answers, filled by the rig
}

void Station::answerRaw(ClientSession *s, const QList<QByteArray> &lines)
{
    QQueue<RawAnswer> &queue = m_rawAnswers[s->id()];
    if (queue.isEmpty()) {
        deliverRaw(s, lines);
        return;
    }
    // Behind a line the rig has not answered yet: answers keep the order of the lines.
    if (queue.size() >= kMaxRawQueued) {
        s->close(QStringLiteral("%1 lines waiting for the rig's answers").arg(queue.size()));
        return;
    }
    queue.enqueue({true, lines});
}

void Station::deliverRaw(ClientSession *s, const QList<QByteArray> &lines)
{
    if (s->kind() == ClientSession::Kind::Raw)
        s->sendRawLines(lines);
    else
        s->send(station::reply(lines));
}

void Station::onLineReplied(const QByteArray &line, const QList<QByteArray> &replies)
{
    // The rig answers forwarded lines in the order they were sent. A line nobody here asked
    // (the calibration wizard's own) is not ours to deliver.
    const auto mine = std::find_if(m_rawAsked.begin(), m_rawAsked.end(),
        [&line](const QPair<int, QByteArray> &asked) { return asked.second == line; });
    if (mine != m_rawAsked.end()) {
        const int clientId = mine->first;
        m_rawAsked.erase(m_rawAsked.begin(), mine + 1);
        ClientSession *s = m_sessions.value(clientId);
        auto queue = m_rawAnswers.find(clientId);
        if (s && queue != m_rawAnswers.end()) {
            for (RawAnswer &a : *queue) {
                if (!a.ready) {
                    a = {true, replies};
                    break;
                }
            }
            while (!queue->isEmpty() && queue->head().ready)
                deliverRaw(s, queue->dequeue().lines);
        }
    }
    scheduleBroadcast();
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
