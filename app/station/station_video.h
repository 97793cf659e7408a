// The station's camera stream: MJPEG over HTTPS on its own port, with the station's TLS
// identity, for paired viewers only. A viewer proves it holds the pairing secret by sending
// it inside TLS, as "Authorization: Bearer <key>", HTTP Basic with the key as password (what
// browsers and IP-camera tools can do), or "?token=<key>"; <key> is the base64url secret from
// the pairing link. Anything else is answered 401 and gets no frame.
//
// Privacy: while paused (the office parked and locked the camera, or paused the video), no
// camera frame reaches any viewer, the snapshot included: everyone gets a privacy card the
// station renders (privacy_card.h), once a second, until the office resumes.
#pragma once
#include <QHostAddress>
#include <QImage>
#include <QObject>
#include <QTimer>

#include "station/tls_identity.h"
#include "video/mjpeg_server.h"

namespace rudebot {

class Keyring;
class TlsServer;

class StationVideo : public QObject {
    Q_OBJECT
public:
    StationVideo(const TlsIdentity &identity, const QByteArray &secret,
        const MjpegServerSettings &settings, QObject *parent = nullptr);
    // Viewers are whoever the keyring (not owned, must outlive this) admits: keyring.h.
    StationVideo(const TlsIdentity &identity, const Keyring *keyring,
        const MjpegServerSettings &settings, QObject *parent = nullptr);

    bool listen(const QHostAddress &address, quint16 port, QString *error);
    quint16 port() const;
    MjpegServer &server() { return m_mjpeg; }
    const TlsServer &admission() const { return *m_tls; }  // strangers' budget, before TLS

    // True when the request carries the pairing secret (see above). Exposed for tests.
    static bool authorize(const HttpRequestHead &request, const QByteArray &secret);
    // The key a request presents (Bearer, Basic password in any letter case, ?token=).
    static QByteArray presentedKey(const HttpRequestHead &request);

    bool isPaused() const { return m_paused; }

public slots:
    void setFrame(const QImage &frame);  // a camera frame: dropped while paused
    // Paused: the card with this detail replaces the camera for every viewer, at once.
    void setPrivacy(bool paused, const QString &detail);

private:
    void showCard();

    MjpegServer m_mjpeg;
    TlsServer *m_tls;
    bool m_paused = false;
    QString m_detail;
    QSize m_frameSize{640, 360};
    QTimer m_cardTimer;
};

}  // namespace rudebot
