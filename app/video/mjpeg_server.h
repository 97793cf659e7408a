// Serves the latest camera frame to many HTTP viewers as MJPEG:
//   GET /stream  (or /stream.mjpg)  200, multipart/x-mixed-replace, one image/jpeg part per frame
//   GET /snapshot.jpg               200, one image/jpeg (503 until the first frame)
//   anything else                   404; 401 when the authorizer refuses; 405 for non-GET
// Browsers, VLC and IP-camera tools read /stream directly.
//
// Each frame is encoded to JPEG once per rung of the quality ladder in use (jpeg_ladder.h),
// and only while someone watches; the bytes are shared (implicitly) by every plain viewer's
// socket buffer (a TLS socket necessarily encrypts its own copy).
//
// Pacing, so that a slow link shows a late picture's successor rather than a queue of old
// ones: a frame goes to a viewer only when the previous one has left this process and the
// kernel holds (SIOCOUTQ: unsent plus unacknowledged) no more than a little of it; the kernel's
// own unsent backlog is kept small (TCP_NOTSENT_LOWAT). Meanwhile newer frames replace the
// one waiting. Each frame's delivery time gives the viewer's throughput, and the viewer steps
// down (or back up) the ladder so that one frame takes about targetFrameMs to deliver. So at
// most about one frame is ever in flight per viewer, and a viewer on a 3 Mbit/s link sees a
// picture a few hundred milliseconds old instead of seconds.
//
// TLS is not done here, but the server does not care where its sockets come from: listen()
// makes a plain QTcpServer, serve() takes any QTcpServer (e.g. a QSslServer) and
// addConnection() takes single accepted sockets (e.g. QSslSocket from the station's server).
#pragma once
#include <QElapsedTimer>
#include <QHostAddress>
#include <QImage>
#include <QList>
#include <QObject>
#include <QPointer>
#include <functional>
#include <memory>
#include <vector>

#include "video/http_request.h"
#include "video/jpeg_ladder.h"

class QTcpServer;
class QTcpSocket;
class QTimer;

namespace rudebot {

struct MjpegServerSettings {
    int jpegQuality = 80;  // 0 (smallest) .. 100 (best)
    double maxFpsPerViewer = 15;  // frames per second sent to one viewer at most; 0: no limit
    int maxClients = 8;  // viewers served at once; one more is answered 503
    // Connections still sending their request head never count against viewers: they have
    // their own budget, and over it the oldest of them is dropped, so idle or slow strangers
    // cannot keep honest viewers out. Each holds at most maxRequestHeaderBytes.
    int maxPending = 32;
    int maxRequestHeaderBytes = 8 * 1024;  // a longer request head is answered 431 and closed
    int headerTimeoutMs = 3000;  // a request head not complete by then is answered 408
    int maxQueuedFrames = 2;  // per viewer, a hard cap over the pacing (see above)
    int targetFrameMs = 100;  // delivery time per frame the ladder aims for
};

class MjpegServer : public QObject {
    Q_OBJECT
public:
    // Decides whether a request may be served (true) or is answered 401 (false). Runs for every
    // request before routing. The station checks its pairing secret here, for instance via
    // HttpRequestHead::bearerToken(). The default allows everything.
    using Authorizer = std::function<bool(const HttpRequestHead &request)>;

    struct ViewerStats {
        quint64 id = 0;  // in order of connection, from 1
        QHostAddress peer;
        quint16 peerPort = 0;
        bool streaming = false;  // false while the request is read or a reply is closing
        qint64 framesSent = 0;
        qint64 framesDropped = 0;  // skipped because this viewer had not read earlier frames yet
        qint64 bytesQueued = 0;  // in this server's socket buffer now
        qint64 peakBytesQueued = 0;
        qint64 kernelBytesQueued = 0;  // unsent or unacknowledged in the kernel (SIOCOUTQ)
        double throughputBytesPerSec = 0;  // measured from delivery times; 0 = not yet
        int rung = 0;  // of the quality ladder: 0 = full size and quality
        QSize frameSize;  // of the last frame sent
        int jpegQuality = 0;  // of the last frame sent
    };
    struct Stats {
        qint64 framesEncoded = 0;
        qint64 lastFrameBytes = 0;
        qint64 largestFrameBytes = 0;
        qint64 lastEncodeMicros = 0;
        qint64 rejectedConnections = 0;  // answered 503 because maxClients viewers were served
        qint64 evictedPending = 0;  // dropped before their request: over maxPending
    };

    explicit MjpegServer(const MjpegServerSettings &settings = {}, QObject *parent = nullptr);
    ~MjpegServer() override;

    void setAuthorizer(Authorizer authorizer);

    // Listens on a QTcpServer of its own; port 0 picks a free port (see serverPort()).
    bool listen(const QHostAddress &address, quint16 port, QString *error = nullptr);
    // Serves the connections that an outside server (not owned; e.g. a QSslServer) accepts.
    void serve(QTcpServer *server);
    // Serves one connection accepted elsewhere; takes ownership of the socket.
    void addConnection(QTcpSocket *socket);
    // Stops accepting and closes every connection.
    void close();

    quint16 serverPort() const;
    int clientCount() const { return int(m_conns.size()); }  // viewers and pending connections
    int viewerCount() const;  // connections being served (streaming)
    QList<ViewerStats> viewerStats() const;
    Stats stats() const { return m_stats; }
    static QByteArray boundary() { return "rudebotframe"; }

public slots:
    // The newest camera frame. Cheap when nobody watches: encoding waits for a viewer.
    void setFrame(const QImage &frame);

signals:
    void clientCountChanged(int count);
    // A request passed the authorizer: the socket belongs to a viewer now (StationVideo tells
    // its admission budget).
    void requestAuthorized(QTcpSocket *socket);

private:
    struct Connection;

    void acceptPending(QTcpServer *server);
    void onReadyRead(Connection *c);
    void handleRequest(Connection *c, const QByteArray &head);
    void startStream(Connection *c);
    bool trySend(Connection *c);  // the newest frame, if the viewer is ready for it
    bool readyForFrame(Connection *c);
    void pace();  // runs while some viewer has a frame in flight or waiting
    void replyAndClose(Connection *c, const QByteArray &response);
    void remove(Connection *c);
    const JpegLadder::Encoded *encodeAt(int rung);  // nullptr until the first frame
    int pendingCount() const;

    MjpegServerSettings m_settings;
    Authorizer m_authorizer;
    QPointer<QTcpServer> m_server;
    bool m_ownsServer = false;
    std::vector<std::unique_ptr<Connection>> m_conns;
    quint64 m_nextId = 1;

    JpegLadder m_ladder;
    quint64 m_serial = 0;  // of the newest camera frame
    QTimer *m_paceTimer = nullptr;
    Stats m_stats;
};

}  // namespace rudebot
