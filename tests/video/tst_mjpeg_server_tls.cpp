// The MJPEG server behind TLS: a QSslServer built outside hands it its connections (the way
// the station plugs in its own identity), with real viewers on 127.0.0.1. The certificate and
// key are test data made once with openssl (self-signed, CN and SAN 127.0.0.1, 100 years).
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTest>

#include "video/mjpeg_client.h"
#include "video/mjpeg_server.h"
#include "video/virtual_camera.h"

using namespace rudebot;

namespace {
constexpr int kWait = 20000;

QByteArray readFile(const QString &name)
{
    QFile f(QStringLiteral(RUDEBOT_VIDEO_TEST_DATA "/") + name);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}
}  // namespace

class tst_MjpegServerTls : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void viewersOverTls_decodeFrames_andAStuckOneStaysBounded();

private:
    QSslCertificate m_cert;
    QSslKey m_key;
};

void tst_MjpegServerTls::initTestCase()
{
    QNetworkProxy::setApplicationProxy(QNetworkProxy::NoProxy);
    // The station's security depends on it: a Qt without TLS is a failure, not a skip.
    QVERIFY2(QSslSocket::supportsSsl(), "this Qt has no TLS backend (libssl3 missing?)");
    m_cert = QSslCertificate(readFile("test_cert.pem"));
    m_key = QSslKey(readFile("test_key.pem"), QSsl::Ec);
    QVERIFY(!m_cert.isNull());
    QVERIFY(!m_key.isNull());
}

void tst_MjpegServerTls::viewersOverTls_decodeFrames_andAStuckOneStaysBounded()
{
    VirtualCameraSettings cs;
    cs.fps = 15;
    VirtualCamera camera(cs);  // 1280 x 720
    MjpegServerSettings settings;
    settings.jpegQuality = 90;
    MjpegServer server(settings);
    connect(&camera, &VirtualCamera::frameReady, &server, &MjpegServer::setFrame);

    QSslServer tls;
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setLocalCertificate(m_cert);
    config.setPrivateKey(m_key);
    config.setPeerVerifyMode(QSslSocket::VerifyNone);
    tls.setSslConfiguration(config);
    QVERIFY(tls.listen(QHostAddress::LocalHost, 0));
    server.serve(&tls);
    camera.start();

    // Viewers pin the test certificate instead of trusting a CA.
    const QList<QSslError> expected = {QSslError(QSslError::SelfSignedCertificate, m_cert)};
    QNetworkAccessManager nam;
    connect(&nam, &QNetworkAccessManager::sslErrors, this,
        [expected](
            QNetworkReply *reply, const QList<QSslError> &) { reply->ignoreSslErrors(expected); });
    const QUrl url(QStringLiteral("https://127.0.0.1:%1/stream").arg(tls.serverPort()));

    QSslSocket stuck;
    stuck.ignoreSslErrors(expected);
    connect(&stuck, &QSslSocket::encrypted, this, [&stuck] {
        stuck.setReadBufferSize(1);  // and never read: the kernel's buffers fill up
        stuck.write("GET /stream HTTP/1.1\r\nHost: x\r\n\r\n");
    });
    stuck.connectToHostEncrypted(QStringLiteral("127.0.0.1"), tls.serverPort());

    MjpegClient a(&nam), b(&nam);
    QSignalSpy aFrames(&a, &MjpegClient::frameReceived);
    QSignalSpy bFrames(&b, &MjpegClient::frameReceived);
    QSignalSpy aErrors(&a, &MjpegClient::errorOccurred);
    a.open(url);
    b.open(url);

    auto stuckStats = [&]() -> std::optional<MjpegServer::ViewerStats> {
        for (const auto &s : server.viewerStats()) {
            if (s.peerPort == stuck.localPort())
                return s;
        }
        return std::nullopt;
    };
    QTRY_VERIFY_WITH_TIMEOUT(stuckStats() && stuckStats()->framesDropped >= 10, 60000);
    const qsizetype aBefore = aFrames.size(), bBefore = bFrames.size();
    QTRY_VERIFY_WITH_TIMEOUT(
        aFrames.size() >= aBefore + 10 && bFrames.size() >= bBefore + 10, kWait);
    QVERIFY(aErrors.isEmpty());
    QCOMPARE(aFrames.last().at(0).value<QImage>().size(), QSize(1280, 720));

    // TLS adds records and padding to each frame: a few percent.
    const qint64 part = (server.stats().largestFrameBytes + 200) * 105 / 100;
    const auto stats = *stuckStats();
    qInfo("stuck TLS viewer: %lld frames sent, %lld skipped, peak %lld bytes queued (frame %lld)",
        qint64(stats.framesSent), qint64(stats.framesDropped), qint64(stats.peakBytesQueued), part);
    QVERIFY2(stats.peakBytesQueued <= settings.maxQueuedFrames * part,
        qPrintable(QStringLiteral("peak %1 bytes, frame %2").arg(stats.peakBytesQueued).arg(part)));
}

QTEST_MAIN(tst_MjpegServerTls)
#include "tst_mjpeg_server_tls.moc"
