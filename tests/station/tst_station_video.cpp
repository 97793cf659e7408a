// The station's camera stream end to end: the virtual camera follows the servo angle the
// virtual rig measures from its pulse, StationVideo serves it as MJPEG over HTTPS, and only a
// viewer holding the pairing secret, talking to the pinned certificate, gets frames.
#include <QNetworkRequest>
#include <QtTest>

#include "station/station_video.h"
#include "station_fixture.h"
#include "video/mjpeg_client.h"
#include "video/virtual_camera.h"

using namespace rudebot;

namespace {

const int kLong = 30000;

double meanAbsDiff(const QImage &a, const QImage &b)
{
    const QImage x = a.convertToFormat(QImage::Format_RGB32).scaled(160, 90);
    const QImage y = b.convertToFormat(QImage::Format_RGB32).scaled(160, 90);
    double sum = 0;
    for (int j = 0; j < x.height(); ++j)
        for (int i = 0; i < x.width(); ++i)
            sum += qAbs(qGray(x.pixel(i, j)) - qGray(y.pixel(i, j)));
    return sum / (x.width() * x.height());
}

}  // namespace

class TestStationVideo : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void pairedViewer_getsFramesThatFollowTheRig();
    void viewerWithoutTheSecret_getsNoFrame_data();
    void viewerWithoutTheSecret_getsNoFrame();
    void wrongCertificate_viewerRefusesStation();
    void authorize_acceptsBearerBasicAndToken_data();
    void authorize_acceptsBearerBasicAndToken();

private:
    QNetworkRequest request(const QByteArray &authorization) const;

    StationFixture *f = nullptr;
    VirtualCamera *camera = nullptr;
    StationVideo *video = nullptr;
};

void TestStationVideo::init()
{
    f = new StationFixture;
    QString error;
    QVERIFY2(f->start(0, &error), qPrintable(error));
    VirtualCameraSettings cs;
    cs.resolution = {640, 360};
    cs.fps = 15;
    camera = new VirtualCamera(cs);
    connect(&f->rig, &VirtualRig::servoChanged, camera,
        [this](const ServoSample &s) { camera->setServoAngle(s.angleDeg); });
    auto identity = loadOrCreateTlsIdentity(f->dir.path(), "test station", &error);
    QVERIFY(identity);
    video = new StationVideo(*identity, f->secret, {});
    QVERIFY2(video->listen(QHostAddress::LocalHost, 0, &error), qPrintable(error));
    connect(camera, &VirtualCamera::frameReady, video, &StationVideo::setFrame);
    camera->start();
}

void TestStationVideo::cleanup()
{
    delete video;
    delete camera;
    delete f;
}

QNetworkRequest TestStationVideo::request(const QByteArray &authorization) const
{
    QNetworkRequest r(QUrl(QStringLiteral("https://127.0.0.1:%1/stream").arg(video->port())));
    if (!authorization.isEmpty())
        r.setRawHeader("Authorization", authorization);
    return r;
}

void TestStationVideo::pairedViewer_getsFramesThatFollowTheRig()
{
    QTRY_VERIFY_WITH_TIMEOUT(f->client->state() == RigClient::State::Ready, kLong);
    MjpegClient viewer;
    viewer.setPinnedFingerprint(f->fingerprint);
    QSignalSpy frames(&viewer, &MjpegClient::frameReceived);
    QSignalSpy errors(&viewer, &MjpegClient::errorOccurred);
    const QByteArray key =
        f->secret.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    viewer.open(request("Bearer " + key));
    QTRY_VERIFY_WITH_TIMEOUT(frames.size() >= 2, kLong);
    QVERIFY2(errors.isEmpty(), errors.isEmpty() ? "" : qPrintable(errors.first().at(0).toString()));
    const QImage before = frames.last().at(0).value<QImage>();
    QCOMPARE(before.size(), QSize(640, 360));

    f->client->setTargetServo(40);  // turn 50 degrees; the camera follows the measured pulse
    QVERIFY(f->rig.waitForAngle(40, 0.6, kLong));
    frames.clear();
    QTRY_VERIFY_WITH_TIMEOUT(frames.size() >= 2, kLong);
    const double diff = meanAbsDiff(before, frames.last().at(0).value<QImage>());
    qInfo("mean grey difference after a 50 degree turn: %.1f of 255", diff);
    QVERIFY2(diff > 10, qPrintable(QString::number(diff)));
}

void TestStationVideo::viewerWithoutTheSecret_getsNoFrame_data()
{
    QTest::addColumn<QByteArray>("authorization");
    QTest::newRow("none") << QByteArray();
    QTest::newRow("wrong bearer") << QByteArray(
        "Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    QTest::newRow("wrong basic") << ("Basic " + QByteArray("rudy:guess").toBase64());
}

void TestStationVideo::viewerWithoutTheSecret_getsNoFrame()
{
    QFETCH(QByteArray, authorization);
    MjpegClient viewer;
    viewer.setPinnedFingerprint(f->fingerprint);
    QSignalSpy frames(&viewer, &MjpegClient::frameReceived);
    QSignalSpy errors(&viewer, &MjpegClient::errorOccurred);
    viewer.open(request(authorization));
    QVERIFY(errors.wait(kLong));
    QVERIFY2(errors.first().at(0).toString().contains("401")
            || errors.first().at(0).toString().contains("ermission")
            || errors.first().at(0).toString().contains("uthori"),
        qPrintable(errors.first().at(0).toString()));
    QCOMPARE(frames.size(), 0);
}

void TestStationVideo::wrongCertificate_viewerRefusesStation()
{
    MjpegClient viewer;
    viewer.setPinnedFingerprint(QByteArray(64, 'a'));
    QSignalSpy frames(&viewer, &MjpegClient::frameReceived);
    QSignalSpy errors(&viewer, &MjpegClient::errorOccurred);
    const QByteArray key =
        f->secret.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    viewer.open(request("Bearer " + key));
    QVERIFY(errors.wait(kLong));
    QCOMPARE(frames.size(), 0);
}

void TestStationVideo::authorize_acceptsBearerBasicAndToken_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<bool>("allowed");
    const QByteArray secret(32, '\x42');
    const QByteArray key =
        secret.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    QTest::newRow("bearer") << ("GET /stream HTTP/1.1\r\nAuthorization: Bearer " + key) << true;
    QTest::newRow("basic") << ("GET /stream HTTP/1.1\r\nAuthorization: Basic "
        + ("x:" + key).toBase64())
                           << true;
    QTest::newRow("token") << ("GET /stream?token=" + key + " HTTP/1.1") << true;
    // RFC 7235: the scheme is case-insensitive (some IP-camera tools send it upper case).
    QTest::newRow("BASIC") << ("GET /stream HTTP/1.1\r\nAuthorization: BASIC "
        + ("x:" + key).toBase64())
                           << true;
    QTest::newRow("none") << QByteArray("GET /stream HTTP/1.1") << false;
    QTest::newRow("truncated") << ("GET /stream?token=" + key.left(10) + " HTTP/1.1") << false;
    QTest::newRow("basic wrong") << ("GET /stream HTTP/1.1\r\nAuthorization: Basic "
        + QByteArray("x:y").toBase64())
                                 << false;
}

void TestStationVideo::authorize_acceptsBearerBasicAndToken()
{
    QFETCH(QByteArray, head);
    QFETCH(bool, allowed);
    QString error;
    const auto parsed = parseHttpRequestHead(head, &error);
    QVERIFY2(parsed, qPrintable(error));
    QCOMPARE(StationVideo::authorize(*parsed, QByteArray(32, '\x42')), allowed);
}

QTEST_MAIN(TestStationVideo)
#include "tst_station_video.moc"
