#include <QSignalSpy>
#include <QTest>

#include "video/virtual_camera.h"

using namespace rudebot;

namespace {
// Share of pixels in the upper two thirds (clear of the overlay) that differ noticeably.
double changedShare(const QImage &a, const QImage &b)
{
    int differing = 0, total = 0;
    for (int y = 0; y < a.height() * 2 / 3; ++y) {
        for (int x = 0; x < a.width(); ++x, ++total) {
            const QRgb p = a.pixel(x, y), q = b.pixel(x, y);
            differing += std::abs(qRed(p) - qRed(q)) + std::abs(qGreen(p) - qGreen(q))
                    + std::abs(qBlue(p) - qBlue(q))
                > 12;
        }
    }
    return double(differing) / total;
}
}  // namespace

class tst_VirtualCamera : public QObject {
    Q_OBJECT
private slots:
    void yawForServo_followsTheMappingFormula_data();
    void yawForServo_followsTheMappingFormula();
    void started_emitsFramesAtTheConfiguredResolution_data();
    void started_emitsFramesAtTheConfiguredResolution();
    void stopped_emitsNoMoreFrames();
    void setServoAngle_turnsThePicture();
    void setServoAngle_centresThePersonAtTheMappedYaw();
};

void tst_VirtualCamera::yawForServo_followsTheMappingFormula_data()
{
    QTest::addColumn<double>("perServo");
    QTest::addColumn<double>("offset");
    QTest::addColumn<double>("servo");
    QTest::addColumn<double>("yaw");
    QTest::newRow("default: centre servo looks at 0") << -1.0 << 0.0 << 90.0 << 0.0;
    QTest::newRow("default: larger servo angle turns left") << -1.0 << 0.0 << 120.0 << -30.0;
    QTest::newRow("default: smaller servo angle turns right") << -1.0 << 0.0 << 45.0 << 45.0;
    QTest::newRow("upside-down servo") << 1.0 << 0.0 << 120.0 << 30.0;
    QTest::newRow("mount offset") << -1.0 << 10.0 << 90.0 << 10.0;
    QTest::newRow("geared") << -0.5 << 5.0 << 180.0 << -40.0;
}

void tst_VirtualCamera::yawForServo_followsTheMappingFormula()
{
    QFETCH(double, perServo);
    QFETCH(double, offset);
    QFETCH(double, servo);
    QFETCH(double, yaw);
    VirtualCameraSettings s;
    s.yawPerServoDeg = perServo;
    s.mountOffsetDeg = offset;
    QCOMPARE(VirtualCamera::yawForServo(s, servo), yaw);
    VirtualCamera camera(s);
    camera.setServoAngle(servo);
    QCOMPARE(camera.yawDeg(), yaw);
}

void tst_VirtualCamera::started_emitsFramesAtTheConfiguredResolution_data()
{
    QTest::addColumn<QSize>("resolution");
    QTest::newRow("720p") << QSize(1280, 720);
    QTest::newRow("360p") << QSize(640, 360);
    QTest::newRow("odd size") << QSize(333, 211);
}

void tst_VirtualCamera::started_emitsFramesAtTheConfiguredResolution()
{
    QFETCH(QSize, resolution);
    VirtualCameraSettings s;
    s.resolution = resolution;
    s.fps = 30;
    VirtualCamera camera(s);
    QSignalSpy frames(&camera, &VirtualCamera::frameReady);
    camera.start();
    QTRY_VERIFY_WITH_TIMEOUT(frames.size() >= 3, 10000);
    for (const auto &args : frames)
        QCOMPARE(args.at(0).value<QImage>().size(), resolution);
}

void tst_VirtualCamera::stopped_emitsNoMoreFrames()
{
    VirtualCameraSettings s;
    s.resolution = {320, 180};
    s.fps = 50;
    VirtualCamera camera(s);
    QSignalSpy frames(&camera, &VirtualCamera::frameReady);
    camera.start();
    QVERIFY(frames.wait(10000));
    camera.stop();
    QVERIFY(!camera.isActive());
    frames.clear();
    QVERIFY(!frames.wait(200));  // several frame intervals: none come
}

void tst_VirtualCamera::setServoAngle_turnsThePicture()
{
    VirtualCameraSettings s;
    s.resolution = {640, 360};
    VirtualCamera camera(s);
    QSignalSpy frames(&camera, &VirtualCamera::frameReady);
    camera.start();
    QVERIFY(frames.wait(10000));
    const QImage before = frames.last().at(0).value<QImage>();
    camera.setServoAngle(95);
    frames.clear();
    QVERIFY(frames.wait(10000));
    const QImage after = frames.last().at(0).value<QImage>();
    QVERIFY2(changedShare(before, after) > 0.15,
        qPrintable(QString::number(changedShare(before, after))));

    camera.setServoAngle(90);  // back where it was: the same picture (the clock aside)
    QVERIFY(changedShare(before, camera.grabFrame()) < 0.001);
}

void tst_VirtualCamera::setServoAngle_centresThePersonAtTheMappedYaw()
{
    VirtualCameraSettings s;
    s.resolution = {640, 360};
    VirtualCamera camera(s);
    const Person &eli = camera.scene().people().at(4);
    // Default mapping: yaw = -(servo - 90), so azimuth 40 needs servo 50.
    camera.setServoAngle(90 - eli.azimuthDeg);
    QCOMPARE(camera.yawDeg(), eli.azimuthDeg);
    const QImage frame = camera.grabFrame();
    int shirt = 0;
    for (int y = 0; y < frame.height(); ++y)
        shirt += (frame.pixel(320, y) & 0xffffff) == (eli.shirt.rgb() & 0xffffff);
    QVERIFY2(shirt > 40, qPrintable(QString::number(shirt)));
}

QTEST_MAIN(tst_VirtualCamera)
#include "tst_virtual_camera.moc"
