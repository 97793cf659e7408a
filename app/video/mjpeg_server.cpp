#include "video/mjpeg_server.h"

#include <QBuffer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <algorithm>
#if QT_CONFIG(ssl)
#include <QSslSocket>
#endif

namespace rudebot {

namespace {
// Bytes this process still holds for a peer. A QSslSocket encrypts at once whatever it is
// given, so its backlog is mostly in encryptedBytesToWrite(), which bytesToWrite() leaves out.
qint64 queuedBytes(const QTcpSocket *socket)
{
    qint64 queued = socket->bytesToWrite();
#if QT_CONFIG(ssl)
    if (const auto *ssl = qobject_cast<const QSslSocket *>(socket))
        queued += ssl->encryptedBytesToWrite();
#endif
    return queued;
}
} // namespace

struct MjpegServer::Connection {
    enum class Phase { ReadingHead, Streaming, Closing };
    quint64 id = 0;
    QTcpSocket *socket = nullptr;
    QTimer *headerTimer = nullptr;
    Phase phase = Phase::ReadingHead;
    QByteArray head;
    QElapsedTimer lastSent;
    qint64 framesSent = 0;
    qint64 framesDropped = 0;
    qint64 peakBytesQueued = 0;
};

MjpegServer::MjpegServer(const MjpegServerSettings &settings, QObject *parent)
    : QObject(parent), m_settings(settings)
{
    m_settings.jpegQuality = std::clamp(m_settings.jpegQuality, 0, 100);
    m_settings.maxQueuedFrames = std::max(1, m_settings.maxQueuedFrames);
}

MjpegServer::~MjpegServer()
{
    // Sockets emit disconnected() while they are destroyed; none of that may reach us now.
    for (auto &c : m_conns) {
        c->socket->disconnect(this);
        delete c->socket;
    }
    m_conns.clear();
}

void MjpegServer::setAuthorizer(Authorizer authorizer)
{
    m_authorizer = std::move(authorizer);
}

bool MjpegServer::listen(const QHostAddress &address, quint16 port, QString *error)
{
    auto *server = new QTcpServer(this);
    if (!server->listen(address, port)) {
        if (error)
            *error = tr("Cannot serve video on %1 port %2: %3. Choose another port or stop the "
                        "program using it.")
                         .arg(address.toString()).arg(port).arg(server->errorString());
        delete server;
        return false;
    }
    serve(server);
    m_ownsServer = true;
    return true;
}

void MjpegServer::serve(QTcpServer *server)
{
    m_server = server;
    m_ownsServer = false;
    // pendingConnectionAvailable, not newConnection: a QSslServer queues a socket only once its
    // handshake is done.
    connect(server, &QTcpServer::pendingConnectionAvailable, this,
            [this, server] { acceptPending(server); });
    acceptPending(server);
}

void MjpegServer::acceptPending(QTcpServer *server)
{
    while (QTcpSocket *socket = server->nextPendingConnection())
        addConnection(socket);
}

quint16 MjpegServer::serverPort() const
{
    return m_server ? m_server->serverPort() : 0;
}

void MjpegServer::close()
{
    if (m_server) {
        m_server->disconnect(this);
        if (m_ownsServer)
            m_server->deleteLater();
        else
            m_server->close();
        m_server = nullptr;
    }
    while (!m_conns.empty())
        remove(m_conns.back().get());
}

void MjpegServer::addConnection(QTcpSocket *socket)
{
    socket->setParent(this);
    if (clientCount() >= m_settings.maxClients) {
        // Refused before reading anything: an overload costs one short write per connection.
        ++m_stats.rejectedConnections;
        connect(socket, &QTcpSocket::readyRead, socket, [socket] { socket->readAll(); });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        QTimer::singleShot(m_settings.headerTimeoutMs, socket, &QTcpSocket::abort);
        socket->write(httpErrorResponse(503, "Service Unavailable",
                                        "Retry-After: 10\r\n"));
        socket->disconnectFromHost();
        return;
    }

    auto conn = std::make_unique<Connection>();
    Connection *c = conn.get();
    c->id = m_nextId++;
    c->socket = socket;
    c->headerTimer = new QTimer(socket);
    c->headerTimer->setSingleShot(true);
    m_conns.push_back(std::move(conn));

    socket->setReadBufferSize(m_settings.maxRequestHeaderBytes);
    connect(socket, &QTcpSocket::readyRead, this, [this, c] { onReadyRead(c); });
    connect(socket, &QTcpSocket::disconnected, this, [this, c] { remove(c); });
    connect(socket, &QTcpSocket::errorOccurred, this, [this, c] {
        if (c->socket->state() != QAbstractSocket::ConnectedState)
            remove(c);
    });
    connect(c->headerTimer, &QTimer::timeout, this,
            [this, c] { replyAndClose(c, httpErrorResponse(408, "Request Timeout")); });
    c->headerTimer->start(m_settings.headerTimeoutMs);
    emit clientCountChanged(clientCount());
    if (socket->bytesAvailable() > 0)
        onReadyRead(c);
}

void MjpegServer::onReadyRead(Connection *c)
{
    if (c->phase != Connection::Phase::ReadingHead) {
        c->socket->readAll();  // viewers have nothing more to say; do not let it pile up
        return;
    }
    c->head += c->socket->readAll();
    const qsizetype end = httpHeadEnd(c->head);
    if (end < 0 || end > m_settings.maxRequestHeaderBytes) {
        if (end >= 0 || c->head.size() > m_settings.maxRequestHeaderBytes)
            replyAndClose(c, httpErrorResponse(431, "Request Header Fields Too Large"));
        return;
    }
    c->headerTimer->stop();
    const QByteArray head = c->head.left(end);
    c->head.clear();
    handleRequest(c, head);
}

void MjpegServer::handleRequest(Connection *c, const QByteArray &head)
{
    QString error;
    std::optional<HttpRequestHead> request = parseHttpRequestHead(head, &error);
    if (!request) {
        replyAndClose(c, httpErrorResponse(400, "Bad Request"));
        return;
    }
    request->peer = c->socket->peerAddress();
    if (m_authorizer && !m_authorizer(*request)) {
        replyAndClose(c, httpErrorResponse(401, "Unauthorized", "WWW-Authenticate: Bearer\r\n"));
        return;
    }
    if (request->method != "GET") {
        replyAndClose(c, httpErrorResponse(405, "Method Not Allowed", "Allow: GET\r\n"));
        return;
    }
    if (request->path == QLatin1String("/stream") || request->path == QLatin1String("/stream.mjpg")) {
        startStream(c);
    } else if (request->path == QLatin1String("/snapshot.jpg")) {
        if (!encodeIfStale()) {
            replyAndClose(c, httpErrorResponse(503, "Service Unavailable", "Retry-After: 1\r\n"));
            return;
        }
        replyAndClose(c, "HTTP/1.1 200 OK\r\n"
                         "Content-Type: image/jpeg\r\n"
                         "Content-Length: " + QByteArray::number(m_jpeg.size()) + "\r\n"
                         "Cache-Control: no-store\r\n"
                         "Connection: close\r\n\r\n" + m_jpeg);
    } else {
        replyAndClose(c, httpErrorResponse(404, "Not Found"));
    }
}

void MjpegServer::startStream(Connection *c)
{
    c->phase = Connection::Phase::Streaming;
    c->socket->write("HTTP/1.1 200 OK\r\n"
                     "Content-Type: multipart/x-mixed-replace; boundary=" + boundary() + "\r\n"
                     "Cache-Control: no-store, no-cache, must-revalidate\r\n"
                     "Pragma: no-cache\r\n"
                     "Connection: close\r\n\r\n");
    if (encodeIfStale())
        sendFrame(c);  // a picture at once, not after the next frame interval
}

void MjpegServer::setFrame(const QImage &frame)
{
    m_frame = frame;
    m_jpegStale = true;
    const bool watched = std::any_of(m_conns.begin(), m_conns.end(), [](const auto &c) {
        return c->phase == Connection::Phase::Streaming;
    });
    if (!watched || !encodeIfStale())
        return;
    const double minIntervalMs = m_settings.maxFpsPerViewer > 0 ? 1000.0 / m_settings.maxFpsPerViewer : 0;
    for (auto &c : m_conns) {
        if (c->phase != Connection::Phase::Streaming)
            continue;
        // 0.8: a camera running at exactly the limit jitters; it must not lose every other frame.
        if (minIntervalMs > 0 && c->lastSent.isValid() && c->lastSent.elapsed() < 0.8 * minIntervalMs)
            continue;
        sendFrame(c.get());
    }
}

void MjpegServer::sendFrame(Connection *c)
{
    const qint64 partBytes = m_partHeader.size() + m_jpeg.size() + 2;
    if (queuedBytes(c->socket) + partBytes > m_settings.maxQueuedFrames * partBytes) {
        ++c->framesDropped;
        return;
    }
    c->socket->write(m_partHeader);
    c->socket->write(m_jpeg);  // QIODevice keeps a reference to large chunks: no copy per viewer
    c->socket->write("\r\n");
    ++c->framesSent;
    c->lastSent.start();
    c->peakBytesQueued = std::max(c->peakBytesQueued, queuedBytes(c->socket));
}

bool MjpegServer::encodeIfStale()
{
    if (m_frame.isNull())
        return false;
    if (!m_jpegStale)
        return true;
    QElapsedTimer timer;
    timer.start();
    QByteArray jpeg;
    QBuffer buffer(&jpeg);
    buffer.open(QIODevice::WriteOnly);
    if (!m_frame.save(&buffer, "JPG", m_settings.jpegQuality))
        return false;
    m_jpeg = jpeg;
    m_partHeader = "--" + boundary() + "\r\n"
                   "Content-Type: image/jpeg\r\n"
                   "Content-Length: " + QByteArray::number(m_jpeg.size()) + "\r\n\r\n";
    m_jpegStale = false;
    ++m_stats.framesEncoded;
    m_stats.lastFrameBytes = m_jpeg.size();
    m_stats.largestFrameBytes = std::max<qint64>(m_stats.largestFrameBytes, m_jpeg.size());
    m_stats.lastEncodeMicros = timer.nsecsElapsed() / 1000;
    return true;
}

void MjpegServer::replyAndClose(Connection *c, const QByteArray &response)
{
    c->headerTimer->stop();
    c->phase = Connection::Phase::Closing;
    c->socket->write(response);
    c->socket->disconnectFromHost();
    // A peer that never reads the reply must not hold its slot for ever.
    QTimer::singleShot(m_settings.headerTimeoutMs, c->socket, &QTcpSocket::abort);
}

void MjpegServer::remove(Connection *c)
{
    const auto it = std::find_if(m_conns.begin(), m_conns.end(),
                                 [c](const auto &p) { return p.get() == c; });
    if (it == m_conns.end())
        return;
    QTcpSocket *socket = c->socket;
    socket->disconnect(this);
    m_conns.erase(it);
    socket->abort();
    socket->deleteLater();
    emit clientCountChanged(clientCount());
}

QList<MjpegServer::ViewerStats> MjpegServer::viewerStats() const
{
    QList<ViewerStats> out;
    for (const auto &c : m_conns) {
        ViewerStats s;
        s.id = c->id;
        s.peer = c->socket->peerAddress();
        s.peerPort = c->socket->peerPort();
        s.streaming = c->phase == Connection::Phase::Streaming;
        s.framesSent = c->framesSent;
        s.framesDropped = c->framesDropped;
        s.bytesQueued = queuedBytes(c->socket);
        s.peakBytesQueued = c->peakBytesQueued;
        out.append(s);
    }
    return out;
}

} // namespace rudebot
