// A TCP server whose connections become TLS server sockets with the station's identity, with an
// admission budget so that strangers cannot take honest people's places.
//
// A connection goes through three stages; only the last one is anybody else's business:
//   silent   accepted, nothing received yet: a bare descriptor and a notifier, no TLS state
//            (an idle flood costs a file descriptor each, not the ~120 KB of a TLS session);
//   pending  the peer spoke, so TLS has started; tlsConnection() hands the socket over, but it
//            still counts here until the receiver calls trust() (secret proved, request
//            authorized);
//   trusted  no longer counted here: the receiver's own limits apply (the station's client
//            slots, the video server's viewers).
// Silent and pending connections each have a budget per source address and in total. A new
// connection over a budget does not wait and is not refused: it replaces the oldest one of its
// own source (or, over the total, of the source holding the most), so a flood mostly evicts
// itself and the newest arrival always gets its few seconds. Neither stage outlives
// deadlineMs from the accept: TLS and the proof must be done by then.
#pragma once
#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QSslConfiguration>
#include <QTcpServer>
#include <QTimer>
#include <functional>

#include "station/tls_identity.h"

class QSslSocket;
class QSocketNotifier;

namespace rudebot {

struct AdmissionLimits {
    int maxSilent = 256;  // connections that have sent nothing yet, all sources
    int maxSilentPerSource = 64;
    int maxPending = 64;  // TLS started, not yet trusted, all sources
    int maxPendingPerSource = 16;
    int deadlineMs = 4000;  // accept to trust(): TLS handshake plus proof of the secret
};

class TlsServer : public QTcpServer {
    Q_OBJECT
public:
    TlsServer(
        const TlsIdentity &identity, QObject *parent = nullptr, const AdmissionLimits &limits = {});
    ~TlsServer() override;

    // The receiver of tlsConnection() says the peer proved itself: it stops counting here.
    void trust(QSslSocket *socket);

    qint64 refusedConnections() const { return m_refused; }  // evicted, expired or over budget
    int silentCount() const { return int(m_silent.size()); }
    int pendingCount() const { return int(m_pending.size()); }
    const AdmissionLimits &limits() const { return m_limits; }

signals:
    void tlsConnection(QSslSocket *socket);  // the receiver takes ownership

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    struct Silent {
        QSocketNotifier *notifier = nullptr;
        QHostAddress source;
        qint64 acceptedMs = 0;
    };
    struct Pending {
        QSslSocket *socket = nullptr;
        QHostAddress source;
        qint64 acceptedMs = 0;
    };

    void onSilentReadable(int fd);
    void startTls(int fd, const QHostAddress &source, qint64 acceptedMs);
    void dropSilent(int fd);
    void makeRoomForSilent(const QHostAddress &source);
    void makeRoomForPending(const QHostAddress &source);
    void expire();

    QSslConfiguration m_config;
    AdmissionLimits m_limits;
    QElapsedTimer m_clock;
    QTimer m_sweep;
    QHash<int, Silent> m_silent;  // by descriptor
    QHash<QObject *, Pending> m_pending;  // by socket
    qint64 m_refused = 0;
};

}  // namespace rudebot
