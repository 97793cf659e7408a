#include "station/station_video.h"

#include <QSslSocket>

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

bool StationVideo::authorize(const HttpRequestHead &request, const QByteArray &secret)
{
    const QByteArray expected = secret.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    QByteArray presented = request.bearerToken().toLatin1();
    const QByteArray auth = request.header("authorization");
    if (auth.startsWith("Basic ") || auth.startsWith("basic ")) {
        const QByteArray userPass = QByteArray::fromBase64(auth.mid(6).trimmed());
        presented = userPass.mid(userPass.indexOf(':') + 1);  // any user name, the key as password
    }
    return !presented.isEmpty() && constantTimeEquals(presented, expected);
}

} // namespace rudebot
