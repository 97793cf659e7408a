// A rig behind a raw serial-to-TCP bridge (tcp_serial_redirect.py, ser2net in raw mode): the
// socket carries exactly the serial bytes, no telnet negotiation.
#pragma once
#include "comms/link.h"

#include <QTcpSocket>
#include <QTimer>

namespace rudebot {

class TcpLink : public Link {
    Q_OBJECT
public:
    TcpLink(const QString &host, quint16 port, QObject *parent = nullptr);

    void open() override;
    void close() override;
    void write(const QByteArray &bytes) override;
    QString describe() const override;

    void setConnectTimeout(int ms) { m_connectTimer.setInterval(ms); }

private:
    void fail(const QString &reason);

    QString m_host;
    quint16 m_port;
    QTcpSocket m_socket;
    QTimer m_connectTimer;
};

}  // namespace rudebot
