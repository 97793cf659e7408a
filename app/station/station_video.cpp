#include "station/station_video.h"

#include <QSslSocket>

#include "station/keyring.h"
#include "station/pairing.h"
#include "station/tls_server.h"
#include "video/privacy_card.h"

namespace rudebot {

StationVideo::StationVideo(const TlsIdentity &identity, const QByteArray &secret,
    const MjpegServerSettings &settings, QObject *parent)
    : QObject(parent), m_mjpeg(settings), m_tls(new TlsServer(identity, this))
{
    // Repeated so that viewers' stall checks stay quiet and a newcomer sees it at once.
    m_cardTimer.setInterval(1000);
    connect(&m_cardTimer, &QTimer::timeout, this, &StationVideo::showCard);
    m_mjpeg.setAuthorizer([secret](const HttpRequestHead &r) { return authorize(r, secret); });
    // The MJPEG server bounds connections and slow request heads (which includes a TLS
    // handshake that never finishes): hand it every socket.
    connect(m_tls, &TlsServer::tlsConnection, this,
        [this](QSslSocket *socket) { m_mjpeg.addConnection(socket); });
    // A viewer that showed the secret is the video server's to count, no longer a stranger.
    connect(&m_mjpeg, &MjpegServer::requestAuthorized, this, [this](QTcpSocket *socket) {
        if (auto *ssl = qobject_cast<QSslSocket *>(socket))
            m_tls->trust(ssl);
    });
}

void StationVideo::setFrame(const QImage &frame)
{
    m_frameSize = frame.size();
    if (!m_paused)
        m_mjpeg.setFrame(frame);
}

void StationVideo::setPrivacy(bool paused, const QString &detail)
{
    if (paused == m_paused && detail == m_detail)
        return;
    m_paused = paused;
    m_detail = detail;
    if (!paused) {
        m_cardTimer.stop();
        return;  // the camera's next frame replaces the card
    }
    showCard();
    m_cardTimer.start();
}

void StationVideo::showCard()
{
    // The same size as the camera's pictures, so viewers' layouts do not jump.
    m_mjpeg.setFrame(privacyCard(m_frameSize, m_detail));
}

StationVideo::StationVideo(const TlsIdentity &identity, const Keyring *keyring,
    const MjpegServerSettings &settings, QObject *parent)
    : StationVideo(identity, QByteArray(), settings, parent)
{
    m_mjpeg.setAuthorizer([keyring](const HttpRequestHead &r) {
        return keyring->viewerAllowed(presentedKey(r), QDateTime::currentDateTimeUtc());
    });
}

bool StationVideo::listen(const QHostAddress &address, quint16 port, QString *error)
{
    if (m_tls->listen(address, port))
        return true;
    *error = tr("Cannot serve video on %1 port %2: %3. Choose another port with --video-listen.")
                 .arg(address.toString())
                 .arg(port)
                 .arg(m_tls->errorString());
    return false;
}

quint16 StationVideo::port() const
{
    return m_tls->serverPort();
}

QByteArray StationVideo::presentedKey(const HttpRequestHead &request)
{
    QByteArray presented = request.bearerToken().toLatin1();
    const QByteArray basic = request.basicPassword();
    return basic.isEmpty() ? presented : basic;  // Basic: any user name, the key as password
}

bool StationVideo::authorize(const HttpRequestHead &request, const QByteArray &secret)
{
    const QByteArray presented = presentedKey(request);
    return !secret.isEmpty() && !presented.isEmpty()
        && constantTimeEquals(presented, encodeSecret(secret));
}

}  // namespace rudebot
