// The one pinhole model (core/pinhole.h): known bearings, the inverse, the edges, wrapping.
#include <QTest>

#include <cmath>

#include "core/pinhole.h"

using namespace rudebot;

class TestPinhole : public QObject {
    Q_OBJECT
private slots:
    void bearingForOffset_isAtanOfTheScaledOffset_data();
    void bearingForOffset_isAtanOfTheScaledOffset();
    void offsetForBearing_invertsIt_insideAndOutsideThePicture();
    void bearingsAtOrBehindTheLensPlane_areNeverImaged();
    void halfWidth_andBack();
    void wrapDeg_intoMinus180To180();
};

void TestPinhole::bearingForOffset_isAtanOfTheScaledOffset_data()
{
    QTest::addColumn<double>("offset");
    QTest::addColumn<double>("hfov");
    QTest::addColumn<double>("bearing");
    QTest::newRow("centre") << 0.0 << 60.0 << 0.0;
    QTest::newRow("right edge is half the fov") << 1.0 << 60.0 << 30.0;
    QTest::newRow("left edge") << -1.0 << 90.0 << -45.0;
    // Not linear: 0.8 of the half-width of a 90 degree lens is atan(0.8), not 36 degrees.
    QTest::newRow("wide lens, near the edge") << 0.8 << 90.0 << 38.659808254090;
    QTest::newRow("outside the picture") << 2.0 << 90.0 << 63.434948822922;
}

void TestPinhole::bearingForOffset_isAtanOfTheScaledOffset()
{
    QFETCH(double, offset);
    QFETCH(double, hfov);
    QFETCH(double, bearing);
    QVERIFY2(std::abs(pinhole::bearingForOffset(offset, hfov) - bearing) < 1e-9,
        qPrintable(QString::number(pinhole::bearingForOffset(offset, hfov), 'g', 15)));
}

void TestPinhole::offsetForBearing_invertsIt_insideAndOutsideThePicture()
{
    for (double hfov : {10.0, 60.0, 90.0, 150.0})
        for (double offset = -3; offset <= 3; offset += 0.25)
            QVERIFY(
                std::abs(pinhole::offsetForBearing(pinhole::bearingForOffset(offset, hfov), hfov)
                    - offset)
                < 1e-9);
    QVERIFY(pinhole::offsetForBearing(45, 60) > 1);  // outside the picture, but finite
}

void TestPinhole::bearingsAtOrBehindTheLensPlane_areNeverImaged()
{
    QVERIFY(std::isinf(pinhole::offsetForBearing(90, 60)) && pinhole::offsetForBearing(90, 60) > 0);
    QVERIFY(
        std::isinf(pinhole::offsetForBearing(-120, 60)) && pinhole::offsetForBearing(-120, 60) < 0);
    QVERIFY(std::isfinite(pinhole::offsetForBearing(89.9, 60)));
}

void TestPinhole::halfWidth_andBack()
{
    QVERIFY(std::abs(pinhole::halfWidth(90) - 1) < 1e-12);
    QVERIFY(std::abs(pinhole::halfWidth(60) - std::tan(pinhole::radians(30))) < 1e-12);
    for (double hfov : {5.0, 42.5, 90.0, 170.0})
        QVERIFY(std::abs(pinhole::hfovForHalfWidth(pinhole::halfWidth(hfov)) - hfov) < 1e-9);
    QVERIFY(std::abs(pinhole::degrees(pinhole::radians(123.4)) - 123.4) < 1e-12);
}

void TestPinhole::wrapDeg_intoMinus180To180()
{
    QCOMPARE(pinhole::wrapDeg(0), 0.0);
    QCOMPARE(pinhole::wrapDeg(180), 180.0);
    QCOMPARE(pinhole::wrapDeg(-180), 180.0);
    QCOMPARE(pinhole::wrapDeg(190), -170.0);
    QCOMPARE(pinhole::wrapDeg(-370), -10.0);
    QCOMPARE(pinhole::wrapDeg(720 + 45), 45.0);
}

QTEST_APPLESS_MAIN(TestPinhole)
#include "tst_pinhole.moc"
