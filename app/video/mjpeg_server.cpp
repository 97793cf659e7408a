#include "video/mjpeg_server.h"

#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <algorithm>

#include "video/socket_backlog.h"

namespace rudebot {

namespace {
// The kernel may hold this much of a viewer's stream (a delayed acknowledgement, the tail of a
// frame) and still count as ready for the next frame.
constexpr int kKernelSlackBytes = 16 * 1024;
}  // namespace

struct MjpegServer::Connection {
    enum class Phase {
        ReadingHead,
        Streaming,
        Closing
    };
    quint64 id = 0;
    QTcpSocket *socket = nullptr;
    QTimer *headerTimer = nullptr;
    Phase phase = Phase::ReadingHead;
    QByteArray head;
    QElapsedTimer lastSent;
    quint64 sentSerial = 0;  // the camera frame this viewer got last
    bool inFlight = false;  // the last frame has not been delivered yet
    qint64 inFlightBytes = 0;
    QElapsedTimer inFlightTimer;
    double throughput = 0;  // bytes per second, from delivery times
    int rung = 0;
    QSize frameSize;
    int jpegQuality = 0;
    qint64 framesSent = 0;
    qint64 framesDropped = 0;
    qint64 peakBytesQueued = 0;
};

MjpegServer::MjpegServer(const MjpegServerSettings &settings, QObject *parent)
    : QObject(parent), m_settings(settings), m_ladder(std::clamp(settings.jpegQuality, 0, 100)),
      m_paceTimer(new QTimer(this))
{
    m_paceTimer->setInterval(5);  // how soon a delivered frame's successor follows
    connect(m_paceTimer, &QTimer::timeout, this, &MjpegServer::pace);
    m_settings.jpegQuality = std::clamp(m_settings.jpegQuality, 0, 100);
    m_settings.maxQueuedFrames = std::max(1, m_settings.maxQueuedFrames);
    m_settings.maxPending = std::max(1, m_settings.maxPending);
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
                         .arg(address.toString())
                         .arg(port)
                         .arg(server->errorString());
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
    // Over the budget for unanswered connections, the one waiting longest goes: a newcomer
    // always gets its headerTimeoutMs.
    while (pendingCount() >= m_settings.maxPending) {
        const auto oldest = std::find_if(m_conns.begin(), m_conns.end(),
            [](const auto &c) { return c->phase == Connection::Phase::ReadingHead; });
        ++m_stats.evictedPending;
        remove(oldest->get());
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
    emit requestAuthorized(c->socket);
    if (request->method != "GET") {
        replyAndClose(c, httpErrorResponse(405, "Method Not Allowed", "Allow: GET\r\n"));
        return;
    }
    if (request->path == QLatin1String("/stream")
        || request->path == QLatin1String("/stream.mjpg")) {
        startStream(c);
    } else if (request->path == QLatin1String("/snapshot.jpg")) {
        const JpegLadder::Encoded *e = encodeAt(0);
        if (!e) {
            replyAndClose(c, httpErrorResponse(503, "Service Unavailable", "Retry-After: 1\r\n"));
            return;
        }
        replyAndClose(c,
            "HTTP/1.1 200 OK\r\n"
            "Content-Type: image/jpeg\r\n"
            "Content-Length: "
                + QByteArray::number(e->jpeg.size())
                + "\r\n"
                  "Cache-Control: no-store\r\n"
                  "Connection: close\r\n\r\n"
                + e->jpeg);
    } else {
        replyAndClose(c, httpErrorResponse(404, "Not Found"));
    }
}

int MjpegServer::viewerCount() const
{
    return int(std::count_if(m_conns.begin(), m_conns.end(),
        [](const auto &c) { return c->phase == Connection::Phase::Streaming; }));
}

int MjpegServer::pendingCount() const
{
    return int(std::count_if(m_conns.begin(), m_conns.end(),
        [](const auto &c) { return c->phase == Connection::Phase::ReadingHead; }));
}

void MjpegServer::startStream(Connection *c)
{
    if (viewerCount() >= m_settings.maxClients) {
        ++m_stats.rejectedConnections;
        replyAndClose(c, httpErrorResponse(503, "Service Unavailable", "Retry-After: 10\r\n"));
        return;
    }
    c->phase = Connection::Phase::Streaming;
    c->socket->write("HTTP/1.1 200 OK\r\n"
                     "Content-Type: multipart/x-mixed-replace; boundary="
        + boundary()
        + "\r\n"
          "Cache-Control: no-store, no-cache, must-revalidate\r\n"
          "Pragma: no-cache\r\n"
          "Connection: close\r\n\r\n");
    limitKernelUnsent(c->socket, kKernelSlackBytes);  // the rest waits where the pacing sees it
    trySend(c);  // a picture at once, not after the next frame interval
}

void MjpegServer::setFrame(const QImage &frame)
{
    ++m_serial;
    m_ladder.setFrame(frame, m_serial);
    for (auto &c : m_conns) {
        if (c->phase != Connection::Phase::Streaming)
            continue;
        if (c->sentSerial != 0 && c->sentSerial + 1 < m_serial)
            ++c->framesDropped;  // the previous frame never went out: the link is slower
        trySend(c.get());
    }
}

bool MjpegServer::readyForFrame(Connection *c)
{
    const qint64 here = processBacklog(c->socket);
    const qint64 kernel = kernelBacklog(c->socket);
    const bool ready = here == 0 && kernel <= kKernelSlackBytes;
    if (ready && c->inFlight) {
        // The last frame is delivered: its bytes over its time are what this link carries.
        c->inFlight = false;
        const double seconds = std::max<qint64>(1, c->inFlightTimer.elapsed()) / 1000.0;
        const double sample = (c->inFlightBytes - kernel) / seconds;
        c->throughput = c->throughput <= 0 ? sample : 0.5 * c->throughput + 0.5 * sample;
    }
    return ready;
}

bool MjpegServer::trySend(Connection *c)
{
    if (c->phase != Connection::Phase::Streaming || c->sentSerial == m_serial
        || !m_ladder.hasFrame())
        return false;
    const bool ready = readyForFrame(c);
    const double minIntervalMs =
        m_settings.maxFpsPerViewer > 0 ? 1000.0 / m_settings.maxFpsPerViewer : 0;
    // 0.8: a camera running at exactly the limit jitters; it must not lose every other frame.
    const bool tooSoon =
        minIntervalMs > 0 && c->lastSent.isValid() && c->lastSent.elapsed() < 0.8 * minIntervalMs;
    if (!ready || tooSoon) {
        if (!m_paceTimer->isActive())
            m_paceTimer->start();
        return false;
    }
    if (c->throughput > 0)
        c->rung = m_ladder.choose(c->rung, c->throughput * m_settings.targetFrameMs / 1000.0);
    const JpegLadder::Encoded *e = encodeAt(c->rung);
    if (!e)
        return false;
    const qint64 partBytes = e->partHeader.size() + e->jpeg.size() + 2;
    if (processBacklog(c->socket) + partBytes > m_settings.maxQueuedFrames * partBytes) {
        ++c->framesDropped;
        return false;
    }
    c->socket->write(e->partHeader);
    c->socket->write(e->jpeg);  // QIODevice keeps a reference to large chunks: no copy per viewer
    c->socket->write("\r\n");
    ++c->framesSent;
    c->sentSerial = m_serial;
    c->lastSent.start();
    c->inFlight = true;
    c->inFlightBytes = partBytes + kernelBacklog(c->socket);
    c->inFlightTimer.start();
    c->frameSize = e->size;
    c->jpegQuality = JpegLadder::rung(c->rung, m_settings.jpegQuality).quality;
    c->peakBytesQueued = std::max(c->peakBytesQueued, processBacklog(c->socket));
    if (!m_paceTimer->isActive())
        m_paceTimer->start();
    return true;
}

void MjpegServer::pace()
{
    bool busy = false;
    for (auto &c : m_conns) {
        if (c->phase != Connection::Phase::Streaming)
            continue;
        if (c->inFlight)
            readyForFrame(c.get());
        if (c->sentSerial != m_serial)
            trySend(c.get());
        busy = busy || c->inFlight || c->sentSerial != m_serial;
    }
    if (!busy)
        m_paceTimer->stop();
}

const JpegLadder::Encoded *MjpegServer::encodeAt(int rung)
{
    if (!m_ladder.hasFrame())
        return nullptr;
    qint64 micros = -1;
    const JpegLadder::Encoded &e = m_ladder.encoded(rung, boundary(), &micros);
    if (e.jpeg.isEmpty())
        return nullptr;
    if (micros >= 0) {  // encoded just now
        ++m_stats.framesEncoded;
        m_stats.lastEncodeMicros = micros;
        if (rung == 0) {
            m_stats.lastFrameBytes = e.jpeg.size();
            m_stats.largestFrameBytes = std::max<qint64>(m_stats.largestFrameBytes, e.jpeg.size());
        }
    }
    return &e;
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
    const auto it =
        std::find_if(m_conns.begin(), m_conns.end(), [c](const auto &p) { return p.get() == c; });
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
        s.bytesQueued = processBacklog(c->socket);
        s.peakBytesQueued = c->peakBytesQueued;
        s.kernelBytesQueued = kernelBacklog(c->socket);
        s.throughputBytesPerSec = c->throughput;
        s.rung = c->rung;
        s.frameSize = c->frameSize;
        s.jpegQuality = c->jpegQuality;
        out.append(s);
    }
    return out;
}

}  // namespace rudebot
