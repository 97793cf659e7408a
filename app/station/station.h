// The office station: owns the rig (through a RigClient that keeps the serial port open for the
// station's lifetime, so clients never reset the Uno), serves it to many clients at once, and
// decides who may turn it (ControlArbiter). Composition root for the station's parts; the
// headless rudebot-bridge and the app's office view both build one.
#pragma once
#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QQueue>
#include <QTimer>

#include "comms/rig_client.h"
#include "station/arbiter.h"
#include "station/client_session.h"
#include "station/tls_identity.h"
#include "station/tls_server.h"

class QLocalServer;
class QTcpServer;

namespace rudebot {

class Keyring;
class StationVideo;

struct StationSettings {
    QString name = QStringLiteral("Rudebot station");
    QHostAddress listenAddress = QHostAddress::Any;
    quint16 port = 47800;  // TLS, full clients; 0 = any free port (tests)
    bool rawEnabled = false;  // compatibility with tcp_serial_redirect.py clients
    QHostAddress rawAddress = QHostAddress::LocalHost;
    quint16 rawPort = 7777;  // tcp_serial_redirect.py's default port
    QString officeSocket;  // local socket for the office's own tools; empty = none
    // Clients that proved themselves (remotes after the secret, office, raw), all kinds
    // together. Connections still proving themselves never count here: TlsServer budgets them.
    int maxClients = 32;
    AdmissionLimits admission;
    // Where "park and lock" turns the camera, servo degrees. Unset: the calibration's park
    // step (Calibration::parkLogicalDeg, "turn the camera to the wall"), else the soft limit
    // farthest from home, never home itself (home faces the people).
    std::optional<double> parkServoDeg;
    ClientSession::Limits limits;
    ArbiterSettings arbiter;
};

struct ClientInfo {
    int id = 0;
    QString name;
    QString kind;  // "remote", "office", "raw"
    QString peer;
    QString person;  // remotes with a link of their own: the paired name (keyring.h); else empty
};

class Station : public QObject {
    Q_OBJECT
public:
    // rig is not owned and must outlive the station; the station starts and stops it.
    // keyring (not owned, must outlive the station) says who may connect as a remote.
    Station(RigClient *rig, const TlsIdentity &identity, Keyring *keyring,
        const StationSettings &settings, QObject *parent = nullptr);
    // Only the one shared secret, kept in memory (tests, tools without a data directory).
    Station(RigClient *rig, const TlsIdentity &identity, const QByteArray &secret,
        const StationSettings &settings, QObject *parent = nullptr);
    ~Station() override;

    // Starts the rig and the listeners. False with a sentence in *error (port taken...).
    bool start(QString *error);
    quint16 port() const;  // the TLS port actually bound
    quint16 rawPort() const;  // 0 when raw mode is off
    QByteArray fingerprint() const { return m_fingerprint; }

    // The office, in-process (office view) or through the office socket. The office's own
    // moves always win over remotes; only its own park lock stops them. Logical degrees (0 =
    // home, positive = right as the camera sees it); the rig client converts and clamps.
    std::optional<QString> officeSetTarget(double logicalDeg);
    // reason: shown to remotes ("calibrating": the wizard holds control until it closes).
    void takeOverride(const QString &who, const QString &reason = {});
    void releaseOverride();
    // Whether someone has checked which way this rig turns (a calibration saved by the wizard,
    // or a virtual rig that knows its own direction). Remotes are told when not: a real board
    // is never silently assumed to turn the way the default calibration guesses.
    void setDirectionChecked(bool checked);
    // The calibrated speed in ms per degree (0 = the firmware's default, 30): the fastest any
    // move turns. A remote's own choice (station::Speed) can only make its moves slower; the
    // office's moves always go at this speed.
    void setCalibratedSpeed(int msPerDeg);
    int fastestMsPerDeg() const;
    bool directionChecked() const { return m_directionChecked; }
    void lockPark(const QString &who);
    void unlockPark();

    // The station's video (not owned): its port is told to clients in the state, and it
    // shows the privacy card instead of the camera while the camera is parked and locked or
    // the office paused the video.
    void attachVideo(StationVideo *video);
    // The office pauses (or resumes) every remote's video without parking the camera.
    void setVideoPaused(bool paused, const QString &who);
    bool videoPaused() const { return m_arbiter.parkLocked() || !m_videoPausedBy.isEmpty(); }
    QString videoPausedBy() const { return m_videoPausedBy; }  // the pause alone, not the park
    QString privacyMessage() const;  // for the state; empty while the video is live
    QString privacyDetail() const;  // who paused it, for the card
    double parkServoDeg() const;  // where park and lock turns the camera now

    // "Ask for control" (issue 14): a remote's ask waits until the office answers it.
    struct ControlAsk {
        int clientId = 0;
        QString name;
        bool verified = false;  // the name is a paired person's (their own link), not a claim
    };
    QList<ControlAsk> controlAsks() const;  // oldest first
    // The office's answer to clientId's ask; the remote is told. A grant ends a plain override
    // and gives that remote the lease (ControlArbiter::grant). nullopt when done, else why not
    // (nobody of that number asks, the camera is parked, the wizard calibrates).
    std::optional<QString> answerControl(int clientId, bool grant, const QString &who);

    QList<ClientInfo> clients() const;
    StationState state() const;  // what every full client is told (station_state.h)
    QJsonObject stateJson() const;  // state().toJson(), as the office sees it
    const ControlArbiter &arbiter() const { return m_arbiter; }
    qint64 refusedConnections() const;  // strangers closed: over budget or past the deadline
    int admissionSilent() const { return m_tls ? m_tls->silentCount() : 0; }
    int admissionPending() const { return m_tls ? m_tls->pendingCount() : 0; }

signals:
    void clientsChanged();
    void stateChanged();
    void controlAsksChanged();
    // A remote or raw client was allowed to turn the rig just now (for the office's notice).
    // name: the paired person's for a link of their own (verified); otherwise only a claim.
    void remoteTurned(int clientId, const QString &name, bool verified);

private:
    void adoptSession(QIODevice *socket, ClientSession::Kind kind);
    // Room for one more authenticated client, not counting besides (one just authenticated).
    bool hasRoom(const ClientSession *besides = nullptr) const;
    void onMessage(ClientSession *s, const station::ClientMessage &m);
    void onRawLine(ClientSession *s, const QByteArray &line);
    void onLineReplied(const QByteArray &line, const QList<QByteArray> &replies);
    void answerRaw(ClientSession *s, const QList<QByteArray> &lines);  // in the client's order
    void deliverRaw(ClientSession *s, const QList<QByteArray> &lines);
    void moveFor(ClientSession *s, const station::Target &target);
    std::optional<QString> permission(ClientSession *s);
    void askControl(ClientSession *s);
    void noteMove(ClientSession *s);  // an allowed move: the office's notice
    void scheduleBroadcast();
    void broadcast();
    QJsonObject stateJsonFor(const ClientSession *s) const;

    RigClient *m_rig;
    bool m_directionChecked = false;
    int m_calibratedMsPerDeg = 0;
    QHash<int, int> m_speedFor;  // per client id: its station::Speed choice, ms per degree
    int speedFor(const ClientSession *s) const;
    TlsIdentity m_identity;
    Keyring *m_keyring;
    QByteArray m_fingerprint;
    StationSettings m_settings;
    ControlArbiter m_arbiter;
    TlsServer *m_tls = nullptr;
    QTcpServer *m_raw = nullptr;
    QLocalServer *m_office = nullptr;
    QHash<int, ClientSession *> m_sessions;
    // Forwarded lines go to the rig one at a time and come back in order: who asked each one.
    QQueue<QPair<int, QByteArray>> m_rawAsked;
    // Per client, its lines' answers in the order of its lines: one not ready yet waits for the
    // rig, and the station's own answers queue behind it.
    struct RawAnswer {
        bool ready = false;
        QList<QByteArray> lines;
    };
    QHash<int, QQueue<RawAnswer>> m_rawAnswers;
    int m_nextId = 1;
    QElapsedTimer m_clock;
    QTimer m_broadcastTimer;
    QTimer m_expiryTimer;
    QString m_lastRigError;
    quint16 m_videoPort = 0;
    QPointer<StationVideo> m_video;
    QString m_videoPausedBy;  // the office paused the video without parking; empty: not paused
    QList<int> m_asks;  // clients asking for control, oldest first
    void updateVideoPrivacy();
};

}  // namespace rudebot
