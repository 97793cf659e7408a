// One client connection to the station: framing with bounded lines, the TLS + secret handshake
// for remotes, timeouts, a command rate limit, and output that never grows without bound.
// It only talks to its socket; the Station decides what messages mean.
#pragma once
#include <QByteArray>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include "core/line_framer.h"
#include "station/rate_limiter.h"
#include "station/station_protocol.h"

class QIODevice;

namespace rudebot {

class Keyring;

class ClientSession : public QObject {
    Q_OBJECT
public:
    enum class Kind {
        Remote,  // TLS, must prove it holds the pairing secret, JSON lines
        Office,  // the station owner's local socket: trusted by file permissions, JSON lines
        Raw,  // compatibility: plain firmware lines, no authentication (opt-in only)
    };
    struct Limits {
        int handshakeMs =
            4000;  // TLS + proof of the secret must be done by then (a stranger's slot)
        int idleMs = 120000;  // nothing received for this long: disconnect
        // The Uno answers at most ~150 short commands a second; a tool keeping one command in
        // flight never reaches this, a flood does.
        double commandsPerSec = 200;
        double commandBurst = 200;
        // A remote's "send" lines (raw firmware lines) have their own, lower budget, apart
        // from the one above: a status poll needs a few a second, and a flood of them must not
        // take the serial line from other remotes' lines, nor its own targets' budget.
        double remoteLinesPerSec = 20;
        double remoteLineBurst = 20;
        qint64 softBacklogBytes = 64 * 1024;  // past this, state updates and frames are dropped
        qint64 hardBacklogBytes = 1024 * 1024;  // past this, the client is disconnected
    };
    struct Security {
        Keyring *keyring = nullptr;  // who may connect (not owned; must outlive the session)
        QByteArray fingerprint;
        QString stationName;
    };

    // Takes ownership of socket (a QSslSocket already encrypting for Remote, a QLocalSocket
    // for Office, a QTcpSocket for Raw).
    ClientSession(int id, Kind kind, QIODevice *socket, const Limits &limits,
        const Security &security, QObject *parent = nullptr);
    ~ClientSession() override;

    int id() const { return m_id; }
    Kind kind() const { return m_kind; }
    QString name() const { return m_name; }
    // The paired person this session proved to be (keyring.h); empty for the shared link and
    // for office and raw clients, whose names are only what they say.
    QString person() const { return m_person; }
    QString peer() const { return m_peer; }
    bool isAuthenticated() const { return m_authenticated; }
    qint64 backlogBytes() const;
    qint64 droppedUpdates() const { return m_dropped; }

    void send(const QJsonObject &message);  // must arrive (replies, refusals)
    void sendUpdate(const QJsonObject &state);  // may be replaced by a newer one if backlogged
    void sendRawLines(const QList<QByteArray> &lines);  // Raw: firmware replies, CRLF
    void close(const QString &reason);  // polite: flush, then close
    void setName(const QString &name) { m_name = name; }

signals:
    void authenticated();
    void messageReceived(const station::ClientMessage &message);
    void rawLineReceived(const QByteArray &line);  // Raw: one line, at most 3 bytes
    void rawLineTooLong();  // Raw: a line passed 3 bytes (answer it as the firmware does)
    // A firmware line (a Raw line, or a remote's "send") over its rate: the Station answers it
    // "Error: Too many commands", in its place behind the answers still due from the rig.
    void lineOverRate();
    void closed(const QString &reason);

private:
    void onReadyRead();
    void handleLine(const QByteArray &line);
    void handleTooLong();
    void handleAuth(const station::ClientMessage &message);
    bool withinRate(RateLimiter &bucket);  // false: over the rate (and maybe disconnected)
    void write(const QByteArray &bytes, bool droppable);
    void flushPendingUpdate();
    void abortWith(const QString &reason);  // hostile or broken: drop at once
    void startRemoteHandshake();

    int m_id;
    Kind m_kind;
    QPointer<QIODevice> m_socket;
    Limits m_limits;
    Security m_security;
    QString m_name;
    QString m_person;
    QPointer<Keyring> m_keyring;
    QString m_peer;
    QByteArray m_nonce;
    LineFramer m_framer;
    bool m_authenticated = false;
    bool m_closing = false;
    QTimer m_handshakeTimer;
    QTimer m_idleTimer;
    QElapsedTimer m_clock;
    RateLimiter m_rate;  // every message, except a remote's "send" lines
    RateLimiter m_lineRate;  // a remote's "send" lines
    int m_rateViolations = 0;
    QByteArray m_pendingUpdate;
    qint64 m_dropped = 0;
};

}  // namespace rudebot
