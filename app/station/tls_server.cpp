#include "station/tls_server.h"

#include <QSslSocket>
#include <unistd.h>

namespace rudebot {

TlsServer::TlsServer(const TlsIdentity &identity, QObject *parent) : QTcpServer(parent)
{
    // A burst of connections past the backlog would wait for SYN retries (1 s, 3 s, 7 s...);
    // accept them all quickly and refuse the excess at once instead.
    setListenBacklogSize(256);
    m_config = QSslConfiguration::defaultConfiguration();
    m_config.setLocalCertificate(identity.certificate);
    m_config.setPrivateKey(identity.key);
    m_config.setProtocol(QSsl::TlsV1_2OrLater);
    m_config.setCiphers(aeadTlsCiphers());  // no CBC/SHA-1 suites (tls_identity.h)
    m_config.setPeerVerifyMode(QSslSocket::VerifyNone);  // clients prove themselves by the secret
}

void TlsServer::incomingConnection(qintptr descriptor)
{
    if (m_hasRoom && !m_hasRoom()) {
        ::close(int(descriptor));  // no TLS, no session object: a flood costs almost nothing
        ++m_refused;
        return;
    }
    auto *socket = new QSslSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    socket->setSslConfiguration(m_config);
    socket->startServerEncryption();
    emit tlsConnection(socket);
}

} // namespace rudebot
