// Serves the latest camera frame to many HTTP viewers as MJPEG:
//   GET /stream  (or /stream.mjpg)  200, multipart/x-mixed-replace, one image/jpeg part per frame
//   GET /snapshot.jpg               200, one image/jpeg (503 until the first frame)
//   anything else                   404; 401 when the authorizer refuses; 405 for non-GET
// Browsers, VLC and IP-camera tools read /stream directly.
//
// Each frame is encoded to JPEG once, and only while someone watches; the bytes are shared
// (implicitly) by every plain viewer's socket buffer (a TLS socket necessarily encrypts its own
// copy). A slow viewer never delays the others and never grows memory: a viewer whose socket
// still holds more than (maxQueuedFrames - 1) frames, encrypted bytes included, skips new ones
// until it drains, so at most about maxQueuedFrames frames wait per viewer.
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

class QTcpServer;
class QTcpSocket;

namespace rudebot {

struct MjpegServerSettings {
    int jpegQuality = 80;                 // 0 (smallest) .. 100 (best)
    double maxFpsPerViewer = 15;          // frames per second sent to one viewer at most; 0: no limit
    int maxClients = 8;                   // connections at once, counting those still sending requests
    int maxRequestHeaderBytes = 8 * 1024; // a longer request head is answered 431 and closed
    int headerTimeoutMs = 5000;           // a request head not complete by then is answered 408
    int maxQueuedFrames = 2;              // per viewer; beyond this, new frames are skipped
};

class MjpegServer : public QObject {
    Q_OBJECT
public:
    // Decides whether a request may be served (true) or is answered 401 (false). Runs for every
    // request before routing. The station checks its pairing secret here, for instance via
    // HttpRequestHead::bearerToken(). The default allows everything.
    using Authorizer = std::function<bool(const HttpRequestHead &request)>;

    struct ViewerStats {
        quint64 id = 0;            // in order of connection, from 1
        QHostAddress peer;
        quint16 peerPort = 0;
        bool streaming = false;    // false while the request is read or a reply is closing
        qint64 framesSent = 0;
        qint64 framesDropped = 0;  // skipped because this viewer had not read earlier frames yet
        qint64 bytesQueued = 0;    // in this server's socket buffer now
        qint64 peakBytesQueued = 0;
    };
    struct Stats {
        qint64 framesEncoded = 0;
        qint64 lastFrameBytes = 0;
        qint64 largestFrameBytes = 0;
        qint64 lastEncodeMicros = 0;
        qint64 rejectedConnections = 0;  // answered 503 because maxClients were connected
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
    int clientCount() const { return int(m_conns.size()); }
    QList<ViewerStats> viewerStats() const;
    Stats stats() const { return m_stats; }
    static QByteArray boundary() { return "rudebotframe"; }

public slots:
    // The newest camera frame. Cheap when nobody watches: encoding waits for a viewer.
    void setFrame(const QImage &frame);

signals:
    void clientCountChanged(int count);

private:
    struct Connection;

    void acceptPending(QTcpServer *server);
    void onReadyRead(Connection *c);
    void handleRequest(Connection *c, const QByteArray &head);
    void startStream(Connection *c);
    void sendFrame(Connection *c);
    void replyAndClose(Connection *c, const QByteArray &response);
    void remove(Connection *c);
    bool encodeIfStale();

    MjpegServerSettings m_settings;
    Authorizer m_authorizer;
    QPointer<QTcpServer> m_server;
    bool m_ownsServer = false;
    std::vector<std::unique_ptr<Connection>> m_conns;
    quint64 m_nextId = 1;

    QImage m_frame;
    bool m_jpegStale = true;
    QByteArray m_jpeg;        // shared by all sockets that are sending it
    QByteArray m_partHeader;  // delimiter and part headers for m_jpeg
    Stats m_stats;
};

} // namespace rudebot
