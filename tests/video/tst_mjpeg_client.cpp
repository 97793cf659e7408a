// MjpegClient against hand-written servers on 127.0.0.1: streams shaped like other cameras',
// and the failures a person must be told about.
#include <QBuffer>
#include <QNetworkProxy>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include "video/mjpeg_client.h"
#include "video/timecode.h"

using namespace rudebot;

namespace {
constexpr int kWait = 20000;

QByteArray jpeg(QColor colour)
{
    QImage image(160, 90, QImage::Format_RGB32);
    image.fill(colour);
    QByteArray out;
    QBuffer buffer(&out);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "JPG", 90);
    return out;
}

// Answers every connection with `response` once the request head has arrived.
class CannedServer : public QTcpServer {
public:
    explicit CannedServer(QByteArray response) : m_response(std::move(response))
    {
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = nextPendingConnection()) {
                connect(s, &QTcpSocket::readyRead, s, [this, s] {
                    m_request += s->readAll();
                    if (m_request.contains("\r\n\r\n") && !m_answered) {
                        m_answered = true;
                        s->write(m_response);
                    }
                });
            }
        });
        listen(QHostAddress::LocalHost, 0);
    }
    QUrl url(const char *path = "/") const
    {
        return QUrl(
            QStringLiteral("http://127.0.0.1:%1%2").arg(serverPort()).arg(QLatin1String(path)));
    }

private:
    QByteArray m_response;
    QByteArray m_request;
    bool m_answered = false;
};
}  // namespace

class tst_MjpegClient : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QNetworkProxy::setApplicationProxy(QNetworkProxy::NoProxy); }
    void cameraStyleStream_withoutContentLengthAndLf_isDecoded();
    void failures_areReportedOnceWithAHumanMessage_data();
    void failures_areReportedOnceWithAHumanMessage();
    void silentStream_isReportedAsStalled();
    void statistics_reportRateBitrateSizeAndFrameAge();
};

void tst_MjpegClient::statistics_reportRateBitrateSizeAndFrameAge()
{
    // One 640x360 frame stamped 250 ms in the past, as the timecode camera would stamp it.
    QImage image(640, 360, QImage::Format_RGB32);
    image.fill(Qt::darkCyan);
    paintTimecode(image, {quint32(monotonicMs() - 250), 7});
    QByteArray jpg;
    QBuffer buffer(&jpg);
    buffer.open(QIODevice::WriteOnly);
    QVERIFY(image.save(&buffer, "JPG", 80));
    CannedServer server(
        "HTTP/1.0 200 OK\r\nContent-Type: multipart/x-mixed-replace; boundary=b\r\n\r\n"
        "--b\r\nContent-Type: image/jpeg\r\nContent-Length: "
        + QByteArray::number(jpg.size()) + "\r\n\r\n" + jpg + "\r\n--b\r\n");
    MjpegClient client;
    client.setMeasureFrameAge(true);
    client.setStallTimeout(0);
    std::optional<MjpegClient::Statistics> atFrame;
    connect(&client, &MjpegClient::frameReceived, this, [&] { atFrame = client.statistics(); });
    int updates = 0;
    connect(&client, &MjpegClient::statisticsUpdated, this, [&] { ++updates; });
    client.open(server.url("/stream"));
    QTRY_VERIFY_WITH_TIMEOUT(atFrame.has_value(), kWait);
    QCOMPARE(atFrame->resolution, QSize(640, 360));
    QCOMPARE(atFrame->jpegBytes, jpg.size());
    QCOMPARE(atFrame->framesReceived, 1);
    QVERIFY2(atFrame->fps >= 1, qPrintable(QString::number(atFrame->fps)));
    QVERIFY(atFrame->bitsPerSecond >= jpg.size() * 8.0);
    QVERIFY2(atFrame->frameAgeMs >= 250 && atFrame->frameAgeMs < 250 + kWait,
        qPrintable(QString::number(atFrame->frameAgeMs)));
    // Published once a second while open; a second later the window is empty again.
    QTRY_VERIFY_WITH_TIMEOUT(updates >= 1, kWait);
    QTRY_COMPARE_WITH_TIMEOUT(client.statistics().fps, 0.0, kWait);
    QCOMPARE(client.statistics().resolution, QSize(640, 360));  // the newest frame's, kept
}

void tst_MjpegClient::cameraStyleStream_withoutContentLengthAndLf_isDecoded()
{
    QByteArray body;
    for (QColor c : {QColor(Qt::red), QColor(Qt::green), QColor(Qt::blue)})
        body += "--myboundary\nContent-Type: image/jpeg\n\n" + jpeg(c) + "\n";
    body += "--myboundary\n";  // ends the last part
    CannedServer server("HTTP/1.0 200 OK\r\n"
                        "Content-Type: multipart/x-mixed-replace;boundary=\"--myboundary\"\r\n\r\n"
        + body);
    MjpegClient client;
    QSignalSpy frames(&client, &MjpegClient::frameReceived);
    QSignalSpy started(&client, &MjpegClient::streamStarted);
    client.open(server.url("/video.cgi"));
    QTRY_COMPARE_WITH_TIMEOUT(client.framesReceived() + client.framesSkipped(), 3, kWait);
    QCOMPARE(started.size(), 1);
    // The newest frame is always decoded; older ones that arrived with it may be skipped.
    const QImage last = frames.last().at(0).value<QImage>();
    QCOMPARE(last.size(), QSize(160, 90));
    QVERIFY(qBlue(last.pixel(80, 45)) > 200 && qRed(last.pixel(80, 45)) < 50);
}

void tst_MjpegClient::failures_areReportedOnceWithAHumanMessage_data()
{
    QTest::addColumn<QByteArray>("response");  // empty: nobody listens
    QTest::addColumn<QString>("mentions");
    QTest::newRow("connection refused") << QByteArray() << "Check that the station is running";
    QTest::newRow("401") << QByteArray("HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n")
                         << "Pair with";
    QTest::newRow("404") << QByteArray("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")
                         << "/stream";
    QTest::newRow("503") << QByteArray("HTTP/1.1 503 Busy\r\nContent-Length: 0\r\n\r\n")
                         << "Try again";
    QTest::newRow("a picture, not a stream")
        << QByteArray("HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\nContent-Length: 3\r\n\r\nabc")
        << "not an MJPEG stream";
    QTest::newRow("stream that ends")
        << QByteArray("HTTP/1.1 200 OK\r\nContent-Type: multipart/x-mixed-replace; "
                      "boundary=b\r\nContent-Length: 0\r\n\r\n")
        << "ended";
}

void tst_MjpegClient::failures_areReportedOnceWithAHumanMessage()
{
    QFETCH(QByteArray, response);
    QFETCH(QString, mentions);
    QUrl url;
    std::unique_ptr<CannedServer> server;
    if (response.isEmpty()) {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        url = QUrl(QStringLiteral("http://127.0.0.1:%1/stream").arg(probe.serverPort()));
    } else {
        server = std::make_unique<CannedServer>(response);
        url = server->url("/stream");
    }
    MjpegClient client;
    QSignalSpy errors(&client, &MjpegClient::errorOccurred);
    client.open(url);
    QVERIFY(errors.wait(kWait));
    const QString message = errors.first().at(0).toString();
    QVERIFY2(message.contains(mentions), qPrintable(message));
    QVERIFY(!client.isOpen());
    QVERIFY(!errors.wait(300));  // once
}

void tst_MjpegClient::silentStream_isReportedAsStalled()
{
    CannedServer server(
        "HTTP/1.1 200 OK\r\nContent-Type: multipart/x-mixed-replace; boundary=b\r\n\r\n"
        "--b\r\nContent-Type: image/jpeg\r\nContent-Length: "
        + QByteArray::number(jpeg(Qt::red).size()) + "\r\n\r\n" + jpeg(Qt::red) + "\r\n");
    MjpegClient client;
    client.setStallTimeout(500);
    QSignalSpy frames(&client, &MjpegClient::frameReceived);
    QSignalSpy errors(&client, &MjpegClient::errorOccurred);
    client.open(server.url("/stream"));
    QVERIFY(frames.wait(kWait));
    QVERIFY(errors.wait(kWait));
    QVERIFY2(errors.first().at(0).toString().contains("stopped sending"),
        qPrintable(errors.first().at(0).toString()));
}

QTEST_MAIN(tst_MjpegClient)
#include "tst_mjpeg_client.moc"
