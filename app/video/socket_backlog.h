// How much of a TCP stream has not reached the peer yet, in this process and in the kernel,
// and a cap on the kernel's unsent part. The MJPEG server paces frames by these (Linux; on
// other systems the kernel's part reads as 0 and the cap does nothing).
#pragma once
#include <QtGlobal>

class QTcpSocket;

namespace rudebot {

// Bytes this process still holds for the peer, encrypted bytes of a QSslSocket included.
qint64 processBacklog(const QTcpSocket *socket);
// Bytes the kernel holds: unsent plus sent but not acknowledged (SIOCOUTQ).
qint64 kernelBacklog(const QTcpSocket *socket);
// Makes the kernel take no more unsent bytes than this (TCP_NOTSENT_LOWAT); the rest waits in
// the socket's own buffer, where processBacklog() sees it.
void limitKernelUnsent(QTcpSocket *socket, int bytes);

}  // namespace rudebot
