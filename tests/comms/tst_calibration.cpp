// Logical <-> servo angles, soft limits, inversion.
#include "core/calibration.h"

#include <QTest>

using namespace rudebot;
Q_DECLARE_METATYPE(rudebot::Calibration)

namespace {
Calibration cal(double home, double min, double max, bool inverted)
{
    Calibration c;
    c.homeServoDeg = home;
    c.minLogicalDeg = min;
    c.maxLogicalDeg = max;
    c.inverted = inverted;
    return c;
}
}  // namespace

class TestCalibration : public QObject {
    Q_OBJECT
private slots:
    void logicalAngle_mapsToServoWithinLimits_data();
    void logicalAngle_mapsToServoWithinLimits();
    void servoAngle_mapsBackToLogical_data();
    void servoAngle_mapsBackToLogical();
    void servoRange_roundsInwards_data();
    void servoRange_roundsInwards();
    void clampServo_neverLeavesTheRange_data();
    void clampServo_neverLeavesTheRange();
    void validate_explainsBadCalibrations_data();
    void validate_explainsBadCalibrations();
};

void TestCalibration::logicalAngle_mapsToServoWithinLimits_data()
{
    QTest::addColumn<Calibration>("c");
    QTest::addColumn<double>("logical");
    QTest::addColumn<double>("servo");
    QTest::newRow("default_home") << Calibration() << 0.0 << 90.0;
    QTest::newRow("default_right") << Calibration() << 30.0 << 120.0;
    QTest::newRow("default_left") << Calibration() << -45.5 << 44.5;
    QTest::newRow("default_clamped_right") << Calibration() << 400.0 << 180.0;
    QTest::newRow("default_nan_is_home") << Calibration() << qQNaN() << 90.0;
    QTest::newRow("inverted_right_is_smaller_servo") << cal(90, -90, 90, true) << 30.0 << 60.0;
    QTest::newRow("inverted_clamped") << cal(90, -90, 90, true) << 100.0 << 0.0;
    QTest::newRow("soft_limit_right") << cal(100, -40, 20, false) << 50.0 << 120.0;
    QTest::newRow("soft_limit_left") << cal(100, -40, 20, false) << -50.0 << 60.0;
    QTest::newRow("inverted_soft_limit") << cal(100, -40, 20, true) << 50.0 << 80.0;
    QTest::newRow("servo_end_before_soft_limit") << cal(150, -90, 90, false) << 60.0 << 180.0;
}

void TestCalibration::logicalAngle_mapsToServoWithinLimits()
{
    QFETCH(Calibration, c);
    QFETCH(double, logical);
    QTEST(servoFromLogical(c, logical), "servo");
}

void TestCalibration::servoAngle_mapsBackToLogical_data()
{
    QTest::addColumn<Calibration>("c");
    QTest::addColumn<double>("servo");
    QTest::addColumn<double>("logical");
    QTest::newRow("default") << Calibration() << 120.0 << 30.0;
    QTest::newRow("inverted") << cal(90, -90, 90, true) << 120.0 << -30.0;
    QTest::newRow("outside_limits_not_clamped") << cal(100, -10, 10, false) << 180.0 << 80.0;
}

void TestCalibration::servoAngle_mapsBackToLogical()
{
    QFETCH(Calibration, c);
    QFETCH(double, servo);
    QTEST(logicalFromServo(c, servo), "logical");
}

void TestCalibration::servoRange_roundsInwards_data()
{
    QTest::addColumn<Calibration>("c");
    QTest::addColumn<int>("min");
    QTest::addColumn<int>("max");
    QTest::newRow("default") << Calibration() << 0 << 180;
    QTest::newRow("fractional_limits") << cal(90.5, -30.2, 30.2, false) << 61 << 120;
    QTest::newRow("inverted") << cal(100, -40, 20, true) << 80 << 140;
    QTest::newRow("cut_by_servo_end") << cal(170, -20, 20, false) << 150 << 180;
}

void TestCalibration::servoRange_roundsInwards()
{
    QFETCH(Calibration, c);
    const ServoRange r = servoRange(c);
    QTEST(r.min, "min");
    QTEST(r.max, "max");
}

void TestCalibration::clampServo_neverLeavesTheRange_data()
{
    QTest::addColumn<Calibration>("c");
    QTest::addColumn<double>("servo");
    QTest::addColumn<int>("sent");
    QTest::newRow("in_range") << Calibration() << 45.4 << 45;
    QTest::newRow("rounds_half_up") << Calibration() << 45.5 << 46;
    QTest::newRow("below_zero") << Calibration() << -3.0 << 0;
    QTest::newRow("above_180") << Calibration() << 1e9 << 180;
    QTest::newRow("soft_limit") << cal(90.5, -30.2, 30.2, false) << 120.7 << 120;
    QTest::newRow("soft_limit_low") << cal(90.5, -30.2, 30.2, false) << 60.0 << 61;
    QTest::newRow("nan_is_home") << cal(100, -40, 20, false) << qQNaN() << 100;
}

void TestCalibration::clampServo_neverLeavesTheRange()
{
    QFETCH(Calibration, c);
    QFETCH(double, servo);
    QTEST(clampServo(c, servo), "sent");
}

void TestCalibration::validate_explainsBadCalibrations_data()
{
    QTest::addColumn<Calibration>("c");
    QTest::addColumn<bool>("valid");
    QTest::newRow("default") << Calibration() << true;
    QTest::newRow("home_off_servo") << cal(200, -10, 10, false) << false;
    QTest::newRow("limits_swapped") << cal(90, 10, -10, false) << false;
    QTest::newRow("home_outside_limits") << cal(90, 5, 10, false) << false;
    QTest::newRow("no_whole_degree") << cal(90.5, -0.2, 0.2, false) << false;
    Calibration fov;
    fov.hfovDeg = 0;
    QTest::newRow("no_field_of_view") << fov << false;
}

void TestCalibration::validate_explainsBadCalibrations()
{
    QFETCH(Calibration, c);
    QFETCH(bool, valid);
    const QString why = validate(c);
    QCOMPARE(why.isEmpty(), valid);
    if (!valid)
        QVERIFY(why.endsWith(QLatin1Char('.')));
}

QTEST_APPLESS_MAIN(TestCalibration)
#include "tst_calibration.moc"
