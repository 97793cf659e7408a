// A TCP server whose connections are TLS server sockets with the station's identity. The
// handshake starts at once; ClientSession bounds how long it may take. Connections beyond
// maxConnections are refused before any TLS work is spent on them.
#pragma once
#include <QSslConfiguration>
#include <QTcpServer>

#include "station/tls_identity.h"

class QSslSocket;

namespace rudebot {

class TlsServer : public QTcpServer {
    Q_OBJECT
public:
    TlsServer(const TlsIdentity &identity, QObject *parent = nullptr);

    void setConnectionBudget(std::function<bool()> hasRoom) { m_hasRoom = std::move(hasRoom); }
    qint64 refusedConnections() const { return m_refused; }

signals:
    void tlsConnection(QSslSocket *socket);  // the receiver takes ownership

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    QSslConfiguration m_config;
    std::function<bool()> m_hasRoom;
    qint64 m_refused = 0;
};

} // namespace rudebot
