#include "video/socket_backlog.h"

#include <QTcpSocket>
#if QT_CONFIG(ssl)
#include <QSslSocket>
#endif
#ifdef __linux__
#include <linux/sockios.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#endif

namespace rudebot {

qint64 processBacklog(const QTcpSocket *socket)
{
    // A QSslSocket encrypts at once whatever it is given, so its backlog is mostly in
    // encryptedBytesToWrite(), which bytesToWrite() leaves out.
    qint64 queued = socket->bytesToWrite();
#if QT_CONFIG(ssl)
    if (const auto *ssl = qobject_cast<const QSslSocket *>(socket))
        queued += ssl->encryptedBytesToWrite();
#endif
    return queued;
}

qint64 kernelBacklog(const QTcpSocket *socket)
{
#ifdef __linux__
    int n = 0;
    if (::ioctl(int(socket->socketDescriptor()), SIOCOUTQ, &n) == 0)
        return n;
#else
    Q_UNUSED(socket);
#endif
    return 0;
}

void limitKernelUnsent(QTcpSocket *socket, int bytes)
{
#ifdef __linux__
    ::setsockopt(
        int(socket->socketDescriptor()), IPPROTO_TCP, TCP_NOTSENT_LOWAT, &bytes, sizeof bytes);
#else
    Q_UNUSED(socket);
    Q_UNUSED(bytes);
#endif
}

}  // namespace rudebot
