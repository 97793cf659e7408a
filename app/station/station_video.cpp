#include "station/station_video.h"

#include <QSslSocket>

#include "station/keyring.h"
#include "station/pairing.h"
#include "station/tls_server.h"

namespace rudebot {

StationVideo::StationVideo(const TlsIdentity &identity, const QByteArray &secret,
    const MjpegServerSettings &settings, QObject *parent)
    : QObject(parent), m_mjpeg(settings), m_tls(new TlsServer(identity, this))
{
    m_mjpeg.setAuthorizer([secret](const HttpRequestHead &r) { return authorize(r, secret); });
    // The MJPEG server bounds connections and slow request heads (which includes a TLS
    // handshake that never finishes): hand it every socket.
    connect(m_tls, &TlsServer::tlsConnection, this,
        [this](QSslSocket *socket) { m_mjpeg.addConnection(socket); });
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
    return !secret.isEmpty() && !presented.isEmpty() && constantTimeEquals(presented, encodeSecret(secret));
}

} // namespace rudebot
