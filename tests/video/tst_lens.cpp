#include <QTest>
#include <cmath>

#include "video/lens.h"

using namespace rudebot;

class tst_Lens : public QObject {
    Q_OBJECT
private slots:
    void focalLength_isHalfWidthOverTanHalfFov_data();
    void focalLength_isHalfWidthOverTanHalfFov();
    void bearingForPixel_knownValues_data();
    void bearingForPixel_knownValues();
    void pixelForBearing_invertsBearingForPixel_data();
    void pixelForBearing_invertsBearingForPixel();
    void pixelForBearing_behindTheLens_isNullopt_data();
    void pixelForBearing_behindTheLens_isNullopt();
    void wrapDeg_landsInMinus180To180();
};

void tst_Lens::focalLength_isHalfWidthOverTanHalfFov_data()
{
    QTest::addColumn<double>("width");
    QTest::addColumn<double>("hfov");
    QTest::addColumn<double>("focal");
    QTest::newRow("90deg: f = w/2") << 1280.0 << 90.0 << 640.0;
    QTest::newRow("60deg 1280") << 1280.0 << 60.0 << 640.0 * std::sqrt(3.0);  // 1108.51
    QTest::newRow("60deg 640") << 640.0 << 60.0 << 320.0 * std::sqrt(3.0);
    QTest::newRow("120deg") << 1000.0 << 120.0 << 500.0 / std::sqrt(3.0);
}

void tst_Lens::focalLength_isHalfWidthOverTanHalfFov()
{
    QFETCH(double, width);
    QFETCH(double, hfov);
    QFETCH(double, focal);
    QVERIFY(std::abs(lens::focalPx(width, hfov) - focal) < 1e-9);
}

void tst_Lens::bearingForPixel_knownValues_data()
{
    QTest::addColumn<double>("x");
    QTest::addColumn<double>("width");
    QTest::addColumn<double>("hfov");
    QTest::addColumn<double>("bearing");
    QTest::newRow("centre is the optical axis") << 640.0 << 1280.0 << 60.0 << 0.0;
    QTest::newRow("left edge is -hfov/2 (60)") << 0.0 << 1280.0 << 60.0 << -30.0;
    QTest::newRow("right edge is +hfov/2 (60)") << 1280.0 << 1280.0 << 60.0 << 30.0;
    QTest::newRow("left edge is -hfov/2 (90)") << 0.0 << 1280.0 << 90.0 << -45.0;
    QTest::newRow("right edge is +hfov/2 (90)") << 1280.0 << 1280.0 << 90.0 << 45.0;
    // 90 deg, f = 640: x = 640 + 640 tan(b); tan(b) = 0.5 at x = 960.
    QTest::newRow("90: three quarters -> atan(1/2)")
        << 960.0 << 1280.0 << 90.0 << 26.565051177077990;
    // 60 deg, f = 640 sqrt(3): x - 640 = f tan(b); for b = 15: 640 sqrt(3) (2 - sqrt(3)).
    QTest::newRow("60: 15 deg right")
        << 640.0 + 640.0 * std::sqrt(3.0) * (2.0 - std::sqrt(3.0)) << 1280.0 << 60.0 << 15.0;
    QTest::newRow("outside the picture: still a bearing")
        << 2560.0 << 1280.0 << 90.0 << 71.565051177077990;
}

void tst_Lens::bearingForPixel_knownValues()
{
    QFETCH(double, x);
    QFETCH(double, width);
    QFETCH(double, hfov);
    QFETCH(double, bearing);
    QVERIFY2(std::abs(lens::bearingForPixel(x, width, hfov) - bearing) < 1e-9,
        qPrintable(QString::number(lens::bearingForPixel(x, width, hfov), 'g', 15)));
}

void tst_Lens::pixelForBearing_invertsBearingForPixel_data()
{
    QTest::addColumn<double>("x");
    QTest::addColumn<double>("width");
    QTest::addColumn<double>("hfov");
    for (double hfov : {30.0, 60.0, 90.0, 120.0}) {
        for (double x : {0.0, 0.5, 100.25, 640.0, 1000.0, 1279.5, 1280.0})
            QTest::addRow("hfov %g x %g", hfov, x) << x << 1280.0 << hfov;
    }
}

void tst_Lens::pixelForBearing_invertsBearingForPixel()
{
    QFETCH(double, x);
    QFETCH(double, width);
    QFETCH(double, hfov);
    const auto back = lens::pixelForBearing(lens::bearingForPixel(x, width, hfov), width, hfov);
    QVERIFY(back.has_value());
    QVERIFY2(std::abs(*back - x) < 1e-6, qPrintable(QString::number(*back, 'g', 15)));
}

void tst_Lens::pixelForBearing_behindTheLens_isNullopt_data()
{
    QTest::addColumn<double>("bearing");
    QTest::newRow("90 right") << 90.0;
    QTest::newRow("90 left") << -90.0;
    QTest::newRow("straight behind") << 180.0;
    QTest::newRow("behind left") << -135.0;
    QTest::newRow("wraps: 270 is -90") << 270.0;
}

void tst_Lens::pixelForBearing_behindTheLens_isNullopt()
{
    QFETCH(double, bearing);
    QVERIFY(!lens::pixelForBearing(bearing, 1280, 60).has_value());
}

void tst_Lens::wrapDeg_landsInMinus180To180()
{
    QCOMPARE(lens::wrapDeg(0), 0.0);
    QCOMPARE(lens::wrapDeg(180), 180.0);
    QCOMPARE(lens::wrapDeg(-180), 180.0);
    QCOMPARE(lens::wrapDeg(190), -170.0);
    QCOMPARE(lens::wrapDeg(-370), -10.0);
    QCOMPARE(lens::wrapDeg(720 + 45), 45.0);
    // A bearing just beyond the view wraps and still projects: 360 + 10 is 10.
    QVERIFY(std::abs(*lens::pixelForBearing(370, 1280, 90) - *lens::pixelForBearing(10, 1280, 90))
        < 1e-9);
}

QTEST_APPLESS_MAIN(tst_Lens)
#include "tst_lens.moc"
