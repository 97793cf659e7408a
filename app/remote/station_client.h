// A full client of an office station (our app, rudebotctl): TLS pinned to the certificate
// fingerprint learned when pairing, proof of the pairing secret, then live state, moves and
// pings. Or, for the office's own tools, the station's local socket (no TLS, no secret: the
// socket's file permissions are the check). Reconnects by itself with backoff, except after
// the station rejected the pairing: retrying a wrong key would only spam the station's log.
#pragma once
#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include "comms/reconnector.h"
#include "core/line_framer.h"
#include "station/pairing.h"
#include "station/station_protocol.h"
#include "station/station_state.h"

class QIODevice;
class QSslCertificate;
class QSslSocket;
class QLocalSocket;

namespace rudebot {

class StationClient : public QObject {
    Q_OBJECT
public:
    enum class Status {
        Disconnected,
        Connecting,
        Authenticating,
        Connected,
        Rejected
    };
    Q_ENUM(Status)

    explicit StationClient(QObject *parent = nullptr);
    ~StationClient() override;

    void connectToStation(const PairingInfo &pairing, const QString &clientName);
    void connectToOffice(const QString &socketPath, const QString &clientName);
    void disconnectFromStation();

    Status status() const { return m_status; }
    const StationState &state() const { return m_state; }
    int clientId() const { return m_clientId; }
    int lastRttMs() const { return m_rttMs; }

    // Servo degrees 0..180, or logical degrees (0 = home, positive = right as seen by the
    // camera): the station maps logical ones with its calibration and applies its limits.
    void setTargetServo(double servoDeg);
    void setTargetLogical(double logicalDeg);
    // How fast this client's moves turn the rig, ms per degree (0 = as fast as the station
    // allows); the station clamps it to its limits. Kept and sent again on every reconnect.
    void setSpeed(int msPerDeg);
    void stop();
    void sendLine(const QByteArray &line);  // answered by lineReplied
    void setOverride(bool take);  // office only
    void setParkLock(bool lock);  // office only
    void setVideoPaused(bool paused);  // office only: the privacy card instead of the camera
    void askForControl();  // a remote: answered by controlAnswered
    void answerControl(int clientId, bool grant);  // office only: a remote's ask (state.asking)
    void ping();

signals:
    void statusChanged(rudebot::StationClient::Status status);
    void stateReceived(const rudebot::StationState &state);
    void refused(const QString &reason);
    void lineReplied(const QList<QByteArray> &lines);
    void controlAnswered(bool granted, const QString &message);  // the office's answer, to read
    void rttMeasured(int ms);
    void errorOccurred(const QString &message);  // what happened and what to do

private:
    void open();
    void onReadyRead();
    void onLine(const QByteArray &line);
    void onEncrypted();
    void send(const station::ClientMessage &message);
    void setStatus(Status s);
    void lost(const QString &message);
    bool certificateMatches(const QSslCertificate &cert) const;

    enum class Mode {
        None,
        Tls,
        Office
    } m_mode = Mode::None;
    PairingInfo m_pairing;
    QString m_officePath;
    QString m_name;
    int m_speedMsPerDeg = 0;
    QPointer<QIODevice> m_socket;
    LineFramer m_framer;
    Status m_status = Status::Disconnected;
    StationState m_state;
    int m_clientId = 0;
    QTimer m_retryTimer;
    QTimer m_pingTimer;
    int m_attempt = 0;
    BackoffPolicy m_backoff;
    qint64 m_pingSeq = 0;
    QElapsedTimer m_pingClock;
    int m_rttMs = -1;
};

}  // namespace rudebot
