// Privacy is real: while the office keeps the room private (park and lock, or the video
// paused), a paired viewer's stream carries no camera frame, only the card the station
// renders, and the state says so; after unlock the camera is back. The camera is the timecode
// camera, so every camera frame is recognisable by its stamp and the card by its absence.
#include <QProcess>
#include <QtTest>

#include "station/station_video.h"
#include "station_fixture.h"
#include "video/mjpeg_client.h"
#include "video/timecode.h"
#include "video/virtual_camera.h"

using namespace rudebot;

namespace {

const int kLong = 30000;

// True when any row of the stamp's band decodes: the frame came from the camera.
bool fromCamera(const QImage &frame)
{
    const QRect band = timecodeBand(frame.size());
    for (int y = band.top(); y <= band.bottom(); ++y)
        if (decodeTimecodeRow(frame, y))
            return true;
    return false;
}

// A mostly uniform dark picture, the card's look (the office scene is bright and busy).
double meanGrey(const QImage &frame)
{
    const QImage small = frame.convertToFormat(QImage::Format_Grayscale8).scaled(64, 36);
    double sum = 0;
    for (int y = 0; y < small.height(); ++y)
        for (int x = 0; x < small.width(); ++x)
            sum += small.constScanLine(y)[x];
    return sum / (small.width() * small.height());
}

// The real rudebotctl, while the event loop keeps turning (the station runs on it): exit code.
int rudebotctl(const QStringList &args, QString *err)
{
    QProcess p;
    p.start(QStringLiteral(RUDEBOT_CTL_PATH), args);
    if (!p.waitForStarted(10000))
        return -1;
    if (!QTest::qWaitFor([&p] { return p.state() == QProcess::NotRunning; }, 60000)) {
        p.kill();
        p.waitForFinished(5000);
        return -1;
    }
    *err = QString::fromLocal8Bit(p.readAllStandardError());
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

}  // namespace

class TestStationPrivacy : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void parkLock_viewerGetsTheCardNotTheCamera_untilUnlocked();
    void officePausesVideo_withoutParking();
    void rudebotctlPauseVideo_remotesGetTheCard_stateSaysSo_resumeBringsTheCamera();
    void parkPosition_isNeverHomeByDefault_andFollowsTheCalibrationStep();

private:
    void openViewer();
    // Waits for a frame that satisfies want, then for `more` further frames; all those further
    // frames must satisfy want too (nothing of the other kind slips in behind).
    void expectOnly(bool camera, int more);

    StationFixture *f = nullptr;
    VirtualCamera *camera = nullptr;
    StationVideo *video = nullptr;
    MjpegClient *viewer = nullptr;
    QList<QImage> frames;
};

void TestStationPrivacy::init()
{
    f = new StationFixture;
    QString error;
    QVERIFY2(f->start(0, &error), qPrintable(error));
    VirtualCameraSettings cs;
    cs.resolution = {640, 360};
    cs.fps = 15;
    cs.timecode = true;
    camera = new VirtualCamera(cs);
    auto identity = loadOrCreateTlsIdentity(f->dir.path(), "test station", &error);
    QVERIFY(identity);
    video = new StationVideo(*identity, f->secret, {});
    QVERIFY2(video->listen(QHostAddress::LocalHost, 0, &error), qPrintable(error));
    f->station->attachVideo(video);
    connect(camera, &VirtualCamera::frameReady, video, &StationVideo::setFrame);
    camera->start();
    QTRY_VERIFY_WITH_TIMEOUT(f->client->state() == RigClient::State::Ready, kLong);
}

void TestStationPrivacy::cleanup()
{
    delete viewer;
    viewer = nullptr;
    frames.clear();
    delete video;
    delete camera;
    delete f;
}

void TestStationPrivacy::openViewer()
{
    viewer = new MjpegClient;
    viewer->setPinnedFingerprint(f->fingerprint);
    connect(
        viewer, &MjpegClient::frameReceived, this, [this](const QImage &i) { frames.append(i); });
    QNetworkRequest r(QUrl(QStringLiteral("https://127.0.0.1:%1/stream").arg(video->port())));
    r.setRawHeader("Authorization",
        "Bearer "
            + f->secret.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    viewer->open(r);
}

void TestStationPrivacy::expectOnly(bool camera, int more)
{
    QTRY_VERIFY_WITH_TIMEOUT(!frames.isEmpty() && fromCamera(frames.last()) == camera, kLong);
    frames.clear();
    QTRY_VERIFY_WITH_TIMEOUT(frames.size() >= more, kLong);
    for (const QImage &frame : std::as_const(frames)) {
        QCOMPARE(fromCamera(frame), camera);
        if (!camera)
            QVERIFY2(meanGrey(frame) < 70, qPrintable(QString::number(meanGrey(frame))));
    }
}

void TestStationPrivacy::parkLock_viewerGetsTheCardNotTheCamera_untilUnlocked()
{
    openViewer();
    expectOnly(true, 3);
    QVERIFY(!f->station->videoPaused());
    QCOMPARE(
        f->station->stateJson().value("privacy").toObject().value("video_paused").toBool(), false);

    StationClient office;
    office.connectToOffice(f->officeSocket, "Front desk");
    QTRY_VERIFY_WITH_TIMEOUT(office.status() == StationClient::Status::Connected, kLong);
    office.setParkLock(true);
    QTRY_VERIFY_WITH_TIMEOUT(f->station->videoPaused(), kLong);
    const QJsonObject privacy = f->station->stateJson().value("privacy").toObject();
    QVERIFY(privacy.value("video_paused").toBool());
    QVERIFY2(privacy.value("message").toString().contains(
                 "video paused for privacy", Qt::CaseInsensitive),
        qPrintable(privacy.value("message").toString()));
    // The card comes at once and then once a second; no camera frame after it.
    expectOnly(false, 3);
    QVERIFY(!camera->grabFrame().isNull());  // the camera itself is running all along

    office.setParkLock(false);
    QTRY_VERIFY_WITH_TIMEOUT(!f->station->videoPaused(), kLong);
    expectOnly(true, 3);
}

void TestStationPrivacy::officePausesVideo_withoutParking()
{
    openViewer();
    expectOnly(true, 2);
    f->client->setTargetServo(120);
    QVERIFY(f->rig.waitForAngle(120, 0.6, kLong));
    f->station->setVideoPaused(true, "Front desk");
    QVERIFY(f->station->privacyMessage().contains("Front desk"));
    expectOnly(false, 2);
    QVERIFY(!f->station->arbiter().parkLocked());
    QCOMPARE(f->client->targetServoDeg(), 120);  // the camera was not moved
    f->station->setVideoPaused(false, {});
    expectOnly(true, 2);
}

// Issue 12.4: the office pauses the video without parking, from its socket
// (`rudebotctl --office SOCKET pause-video`): the camera stays where it is, every viewer gets
// the card, and a paired remote's state says "video paused for privacy" and who paused it.
void TestStationPrivacy::rudebotctlPauseVideo_remotesGetTheCard_stateSaysSo_resumeBringsTheCamera()
{
    openViewer();
    expectOnly(true, 2);
    StationClient remote;
    remote.connectToStation(f->pairing(), "Rudy");
    QTRY_VERIFY_WITH_TIMEOUT(remote.status() == StationClient::Status::Connected, kLong);
    f->client->setTargetServo(110);
    QVERIFY(f->rig.waitForAngle(110, 0.6, kLong));

    QString err;
    QCOMPARE(rudebotctl({"--office", f->officeSocket, "pause-video"}, &err), 0);
    QVERIFY2(err.isEmpty(), qPrintable(err));
    QVERIFY(f->station->videoPaused());
    QVERIFY(!f->station->arbiter().parkLocked());
    QTRY_VERIFY_WITH_TIMEOUT(remote.state().videoPaused, kLong);
    QVERIFY2(remote.state().privacyMessage.contains("video paused for privacy", Qt::CaseInsensitive)
            && remote.state().privacyMessage.contains("paused the video"),
        qPrintable(remote.state().privacyMessage));
    QVERIFY(!remote.state().videoPausedBy.isEmpty());  // the user who ran rudebotctl
    QVERIFY(!remote.state().parkLocked);
    expectOnly(false, 2);
    QCOMPARE(f->client->targetServoDeg(), 110);  // nothing turned
    // A remote cannot lift it, nor pause on its own.
    QSignalSpy refused(&remote, &StationClient::refused);
    remote.setVideoPaused(false);
    QVERIFY(refused.wait(kLong));
    QVERIFY(f->station->videoPaused());
    // Remotes may still turn the rig while the video is paused (no park lock).
    remote.setTargetServo(70);
    QVERIFY(f->rig.waitForAngle(70, 0.6, kLong));

    QCOMPARE(rudebotctl({"--office", f->officeSocket, "resume-video"}, &err), 0);
    QTRY_VERIFY_WITH_TIMEOUT(!remote.state().videoPaused, kLong);
    QVERIFY(remote.state().privacyMessage.isEmpty());
    expectOnly(true, 2);
    // And for the office only: pause-video through --station is a bad argument.
    QCOMPARE(rudebotctl({"--station", "-", "pause-video"}, &err), 2);
}

void TestStationPrivacy::parkPosition_isNeverHomeByDefault_andFollowsTheCalibrationStep()
{
    // A calibrated rig without a park step: the limit farthest from home, not home.
    Calibration cal;
    cal.homeServoDeg = 95;
    cal.minLogicalDeg = -40;
    cal.maxLogicalDeg = 70;
    f->client->setCalibration(cal);
    QCOMPARE(f->station->parkServoDeg(), 165.0);
    f->station->lockPark("Front desk");
    QVERIFY(f->rig.waitForAngle(165, 0.6, kLong));
    QCOMPARE(
        f->station->stateJson().value("control").toObject().value("park_servo").toDouble(), 165.0);
    f->station->unlockPark();

    // The calibration's park step ("turn the camera to the wall") wins.
    cal.parkLogicalDeg = -35;
    QVERIFY(validate(cal).isEmpty());
    f->client->setCalibration(cal);
    f->station->lockPark("Front desk");
    QVERIFY(f->rig.waitForAngle(60, 0.6, kLong));
    f->station->unlockPark();

    // A park step at home, or outside the limits, is not a calibration.
    cal.parkLogicalDeg = 0;
    QVERIFY(!validate(cal).isEmpty());
    cal.parkLogicalDeg = 75;
    QVERIFY(!validate(cal).isEmpty());
}

QTEST_MAIN(TestStationPrivacy)
#include "tst_station_privacy.moc"
