// Click-to-turn geometry: the pinhole model, its inverse, and why a linear scale is wrong.
#include <QtTest>

#include "ui/click_to_turn.h"

#include <cmath>

using namespace rudebot;

class TestClickToTurn : public QObject {
    Q_OBJECT

private slots:
    void turnForClick_matchesPinholeModel_data();
    void turnForClick_matchesPinholeModel();
    void inverse_roundTripsEveryClick_data();
    void inverse_roundTripsEveryClick();
    void inverse_bearingsBehindTheCameraAreInfinite();
    void linearPixelScale_wouldBeWrongNearTheEdge();
};

void TestClickToTurn::turnForClick_matchesPinholeModel_data()
{
    QTest::addColumn<double>("hfov");
    QTest::addColumn<double>("x");
    QTest::addColumn<double>("expectedDeg");
    QTest::newRow("centre: no turn") << 60.0 << 0.5 << 0.0;
    QTest::newRow("right edge: half the fov, to the right") << 60.0 << 1.0 << 30.0;
    QTest::newRow("left edge: half the fov, to the left") << 60.0 << 0.0 << -30.0;
    QTest::newRow("quarter right, 60: atan(0.5 tan 30)") << 60.0 << 0.75 << 16.1021;
    QTest::newRow("quarter left, 60") << 60.0 << 0.25 << -16.1021;
    QTest::newRow("quarter right, 90: atan(0.5)") << 90.0 << 0.75 << 26.5651;
}

void TestClickToTurn::turnForClick_matchesPinholeModel()
{
    QFETCH(double, hfov);
    QFETCH(double, x);
    QFETCH(double, expectedDeg);
    QVERIFY2(std::abs(turnForClick(x, hfov) - expectedDeg) < 1e-3,
        qPrintable(QString::number(turnForClick(x, hfov), 'f', 5)));
}

void TestClickToTurn::inverse_roundTripsEveryClick_data()
{
    QTest::addColumn<double>("hfov");
    for (double hfov : {30.0, 60.0, 78.0, 90.0, 120.0})
        QTest::newRow(qPrintable(QStringLiteral("hfov %1").arg(hfov))) << hfov;
}

void TestClickToTurn::inverse_roundTripsEveryClick()
{
    QFETCH(double, hfov);
    for (double x = 0; x <= 1.0001; x += 0.05)
        QVERIFY(std::abs(normalizedXForBearing(turnForClick(x, hfov), hfov) - x) < 1e-9);
}

void TestClickToTurn::inverse_bearingsBehindTheCameraAreInfinite()
{
    QVERIFY(std::isinf(normalizedXForBearing(90, 60)) && normalizedXForBearing(90, 60) > 0);
    QVERIFY(std::isinf(normalizedXForBearing(-120, 60)) && normalizedXForBearing(-120, 60) < 0);
    QVERIFY(normalizedXForBearing(45, 60) > 1);  // outside the picture, but finite
}

void TestClickToTurn::linearPixelScale_wouldBeWrongNearTheEdge()
{
    const double linear = (0.9 - 0.5) * 90;  // 36 degrees
    const double pinhole = turnForClick(0.9, 90);  // atan(0.8) = 38.66 degrees
    QVERIFY2(std::abs(pinhole - linear) > 1, qPrintable(QString::number(pinhole - linear)));
}

QTEST_APPLESS_MAIN(TestClickToTurn)
#include "tst_click_to_turn.moc"
