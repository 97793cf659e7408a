#include "station/tls_server.h"

#include <QSocketNotifier>
#include <QSslSocket>
#include <netinet/in.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace rudebot {

namespace {

QHostAddress peerOf(int fd)
{
    sockaddr_storage addr{};
    socklen_t len = sizeof addr;
    if (::getpeername(fd, reinterpret_cast<sockaddr *>(&addr), &len) != 0)
        return {};
    return QHostAddress(reinterpret_cast<const sockaddr *>(&addr));
}

int bytesWaiting(int fd)
{
    int n = 0;
    return ::ioctl(fd, FIONREAD, &n) == 0 ? n : -1;
}

// The key of the entry to evict from entries (Silent or Pending): the oldest of source when
// source is at perSource, else, when all are at total, the oldest of the source holding most.
template <typename Map>
std::optional<typename Map::key_type> victim(
    const Map &entries, const QHostAddress &source, int perSource, int total)
{
    QHash<QHostAddress, int> bySource;
    for (const auto &e : entries)
        ++bySource[e.source];
    QHostAddress from;
    if (bySource.value(source) >= perSource) {
        from = source;
    } else if (entries.size() >= total) {
        int most = 0;
        for (auto it = bySource.cbegin(); it != bySource.cend(); ++it)
            if (it.value() > most)
                most = it.value(), from = it.key();
    } else {
        return std::nullopt;
    }
    std::optional<typename Map::key_type> oldest;
    qint64 oldestMs = 0;
    for (auto it = entries.cbegin(); it != entries.cend(); ++it) {
        if (it->source == from && (!oldest || it->acceptedMs < oldestMs))
            oldest = it.key(), oldestMs = it->acceptedMs;
    }
    return oldest;
}

}  // namespace

TlsServer::TlsServer(const TlsIdentity &identity, QObject *parent, const AdmissionLimits &limits)
    : QTcpServer(parent), m_limits(limits)
{
    // A burst of connections past the backlog would wait for SYN retries (1 s, 3 s, 7 s...);
    // accept them all quickly and sort them out here instead.
    setListenBacklogSize(256);
    m_config = QSslConfiguration::defaultConfiguration();
    m_config.setLocalCertificate(identity.certificate);
    m_config.setPrivateKey(identity.key);
    m_config.setProtocol(QSsl::TlsV1_2OrLater);
    m_config.setCiphers(aeadTlsCiphers());  // no CBC/SHA-1 suites (tls_identity.h)
    m_config.setPeerVerifyMode(QSslSocket::VerifyNone);  // clients prove themselves by the secret
    m_clock.start();
    m_sweep.setInterval(250);
    connect(&m_sweep, &QTimer::timeout, this, &TlsServer::expire);
}

TlsServer::~TlsServer()
{
    for (auto it = m_silent.cbegin(); it != m_silent.cend(); ++it) {
        delete it->notifier;
        ::close(it.key());
    }
    for (auto it = m_pending.cbegin(); it != m_pending.cend(); ++it)
        it.key()->disconnect(this);
}

void TlsServer::incomingConnection(qintptr descriptor)
{
    const int fd = int(descriptor);
    const QHostAddress source = peerOf(fd);
    const qint64 now = m_clock.elapsed();
    if (!m_sweep.isActive())
        m_sweep.start();
    if (bytesWaiting(fd) > 0) {  // the ClientHello came with the connection, as it usually does
        startTls(fd, source, now);
        return;
    }
    makeRoomForSilent(source);
    auto *notifier = new QSocketNotifier(fd, QSocketNotifier::Read, this);
    connect(notifier, &QSocketNotifier::activated, this, [this, fd] { onSilentReadable(fd); });
    m_silent.insert(fd, {notifier, source, now});
}

void TlsServer::onSilentReadable(int fd)
{
    const auto it = m_silent.constFind(fd);
    if (it == m_silent.cend())
        return;
    const Silent s = *it;
    if (bytesWaiting(fd) <= 0) {  // readable with nothing to read: the peer closed
        dropSilent(fd);
        return;
    }
    m_silent.erase(it);
    s.notifier->setEnabled(false);
    s.notifier->deleteLater();  // we may be inside its activated() signal
    startTls(fd, s.source, s.acceptedMs);
}

void TlsServer::startTls(int fd, const QHostAddress &source, qint64 acceptedMs)
{
    makeRoomForPending(source);
    auto *socket = new QSslSocket(this);
    if (!socket->setSocketDescriptor(fd)) {
        ::close(fd);
        delete socket;
        return;
    }
    m_pending.insert(socket, {socket, source, acceptedMs});
    connect(socket, &QObject::destroyed, this, [this](QObject *o) { m_pending.remove(o); });
    socket->setSslConfiguration(m_config);
    socket->startServerEncryption();
    emit tlsConnection(socket);
}

void TlsServer::trust(QSslSocket *socket)
{
    if (m_pending.remove(socket))
        socket->disconnect(this);
}

void TlsServer::dropSilent(int fd)
{
    const Silent s = m_silent.take(fd);
    s.notifier->setEnabled(false);
    s.notifier->deleteLater();
    ::close(fd);
}

void TlsServer::makeRoomForSilent(const QHostAddress &source)
{
    while (
        const auto fd = victim(m_silent, source, m_limits.maxSilentPerSource, m_limits.maxSilent)) {
        dropSilent(*fd);
        ++m_refused;
    }
}

void TlsServer::makeRoomForPending(const QHostAddress &source)
{
    while (const auto key =
               victim(m_pending, source, m_limits.maxPendingPerSource, m_limits.maxPending)) {
        QSslSocket *socket = m_pending.take(*key).socket;
        socket->disconnect(this);
        socket->abort();  // its owner sees the disconnect and lets go of it
        ++m_refused;
    }
}

void TlsServer::expire()
{
    const qint64 due = m_clock.elapsed() - m_limits.deadlineMs;
    QList<int> silent;
    for (auto it = m_silent.cbegin(); it != m_silent.cend(); ++it)
        if (it->acceptedMs <= due)
            silent.append(it.key());
    for (int fd : silent)
        dropSilent(fd);
    QList<QSslSocket *> pending;
    for (const Pending &p : std::as_const(m_pending))
        if (p.acceptedMs <= due)
            pending.append(p.socket);
    for (QSslSocket *socket : pending) {
        m_pending.remove(socket);
        socket->disconnect(this);
        socket->abort();
    }
    m_refused += silent.size() + pending.size();
    if (m_silent.isEmpty() && m_pending.isEmpty())
        m_sweep.stop();
}

}  // namespace rudebot
