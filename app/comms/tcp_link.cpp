#include "comms/tcp_link.h"

namespace rudebot {

TcpLink::TcpLink(const QString &host, quint16 port, QObject *parent)
    : Link(parent), m_host(host), m_port(port)
{
    m_connectTimer.setSingleShot(true);
    m_connectTimer.setInterval(5000);
    connect(&m_connectTimer, &QTimer::timeout, this,
        [this] { fail(tr("no answer within %1 s").arg(m_connectTimer.interval() / 1000.0)); });
    connect(&m_socket, &QTcpSocket::connected, this, [this] {
        m_connectTimer.stop();
        // Commands are a few bytes each and one is in flight at a time: Nagle would only
        // add latency to every one of them.
        m_socket.setSocketOption(QAbstractSocket::LowDelayOption, 1);
        m_socket.setSocketOption(QAbstractSocket::KeepAliveOption, 1);
        setState(State::Open);
    });
    connect(&m_socket, &QTcpSocket::readyRead, this,
        [this] { emit bytesReceived(m_socket.readAll()); });
    connect(&m_socket, &QTcpSocket::errorOccurred, this,
        [this](QAbstractSocket::SocketError) { fail(m_socket.errorString()); });
    connect(&m_socket, &QTcpSocket::disconnected, this, [this] {
        if (state() == State::Open)
            fail(tr("the bridge closed the connection"));
    });
}

void TcpLink::open()
{
    if (state() != State::Closed)
        return;
    setState(State::Opening);
    m_connectTimer.start();
    m_socket.connectToHost(m_host, m_port);
}

void TcpLink::close()
{
    m_connectTimer.stop();
    const QSignalBlocker quiet(m_socket);  // a deliberate close is not an error
    m_socket.abort();
    setState(State::Closed);
}

void TcpLink::write(const QByteArray &bytes)
{
    if (state() == State::Open)
        m_socket.write(bytes);
}

QString TcpLink::describe() const
{
    return QStringLiteral("tcp %1:%2").arg(m_host).arg(m_port);
}

void TcpLink::fail(const QString &reason)
{
    if (state() == State::Closed)
        return;
    const bool wasOpen = state() == State::Open;
    m_connectTimer.stop();
    {
        const QSignalBlocker quiet(m_socket);
        m_socket.abort();
    }
    emit errorOccurred(wasOpen
            ? tr("Lost the connection to the bridge at %1:%2 (%3). Reconnecting.")
                  .arg(m_host)
                  .arg(m_port)
                  .arg(reason)
            : tr("Cannot connect to the bridge at %1:%2 (%3). Check that the bridge is running "
                 "and the address is right.")
                  .arg(m_host)
                  .arg(m_port)
                  .arg(reason));
    setState(State::Closed);
}

}  // namespace rudebot
