// The wizard's arithmetic: field of view from two clicks, direction from an answer, soft limits
// from marks, speed settings. Clicks are synthesised with the pinhole model of click_to_turn.h.
#include <QtTest>

#include <cmath>
#include <limits>

#include "calibration/calibration_draft.h"
#include "calibration/calibration_math.h"
#include "ui/click_to_turn.h"

using namespace rudebot;

Q_DECLARE_METATYPE(rudebot::PictureMoved)

class TestCalibrationMath : public QObject {
    Q_OBJECT
private slots:
    void fovFromClicks_recoversTheLens_data();
    void fovFromClicks_recoversTheLens();
    void fovFromClicks_rejectsInconsistentClicks_data();
    void fovFromClicks_rejectsInconsistentClicks();
    void fovFromClicks_recoveredLensCentresTheFeatureAgain();
    void invertedFromAnswer_followsWhatThePictureDid_data();
    void invertedFromAnswer_followsWhatThePictureDid();
    void limitsFromMarks_giveLogicalLimitsAroundHome_data();
    void limitsFromMarks_giveLogicalLimitsAroundHome();
    void limitsFromMarks_refuseBadMarks_data();
    void limitsFromMarks_refuseBadMarks();
    void msPerDegreeForSpeed_roundsAndClampsToTheFirmwareRange_data();
    void msPerDegreeForSpeed_roundsAndClampsToTheFirmwareRange();
    void measuredSpeed_isDegreesPerSecond();
    void draftPark_isTheMarkOrTheFarthestEnd_neverHome_data();
    void draftPark_isTheMarkOrTheFarthestEnd_neverHome();
};

void TestCalibrationMath::draftPark_isTheMarkOrTheFarthestEnd_neverHome_data()
{
    QTest::addColumn<double>("left");
    QTest::addColumn<double>("right");
    QTest::addColumn<double>("home");
    QTest::addColumn<bool>("inverted");
    QTest::addColumn<double>("park");  // servo; -1: not marked
    QTest::addColumn<double>("parkLogical");
    QTest::newRow("unmarked, right end farther") << 60.0 << 170.0 << 90.0 << false << -1.0 << 80.0;
    QTest::newRow("unmarked, left end farther") << 10.0 << 120.0 << 90.0 << false << -1.0 << -80.0;
    QTest::newRow("unmarked, inverted") << 10.0 << 120.0 << 90.0 << true << -1.0 << 80.0;
    QTest::newRow("marked") << 10.0 << 170.0 << 90.0 << false << 140.0 << 50.0;
    QTest::newRow("marked, inverted") << 10.0 << 170.0 << 90.0 << true << 140.0 << -50.0;
}

// A calibration the wizard makes always has a park position, and it is not home.
void TestCalibrationMath::draftPark_isTheMarkOrTheFarthestEnd_neverHome()
{
    QFETCH(double, left);
    QFETCH(double, right);
    QFETCH(double, home);
    QFETCH(bool, inverted);
    QFETCH(double, park);
    QFETCH(double, parkLogical);
    CalibrationDraft d;
    d.leftEndServo = inverted ? right : left;  // "left" as the user saw it
    d.rightEndServo = inverted ? left : right;
    d.homeServo = home;
    d.inverted = inverted;
    if (park >= 0)
        d.parkServo = park;
    QString error;
    const auto c = d.result(&error);
    QVERIFY2(c, qPrintable(error));
    QVERIFY(c->parkLogicalDeg);
    QCOMPARE(*c->parkLogicalDeg, parkLogical);
    QVERIFY(std::abs(servoFromLogical(*c, *c->parkLogicalDeg) - home) > 1);
}

void TestCalibrationMath::fovFromClicks_recoversTheLens_data()
{
    QTest::addColumn<double>("hfov");
    QTest::addColumn<double>("bearing");  // of the feature before the turn, degrees
    QTest::addColumn<double>("turn");  // logical degrees, + = right
    QTest::newRow("60, crosses the centre") << 60.0 << 17.0 << 20.0;
    QTest::newRow("60, left turn") << 60.0 << -25.0 << -20.0;
    QTest::newRow("60, same side") << 60.0 << 25.0 << 10.0;
    QTest::newRow("60, near the edge") << 60.0 << 29.0 << 5.0;
    QTest::newRow("40, crosses") << 40.0 << 15.0 << 20.0;
    QTest::newRow("40, same side, left") << 40.0 << -18.0 << -10.0;
    QTest::newRow("90, same side") << 90.0 << 40.0 << 20.0;
    QTest::newRow("90, big left turn") << 90.0 << -30.0 << -45.0;
    QTest::newRow("90, small turn") << 90.0 << 10.0 << 5.0;
    QTest::newRow("120, crosses") << 120.0 << 40.0 << 50.0;
}

void TestCalibrationMath::fovFromClicks_recoversTheLens()
{
    QFETCH(double, hfov);
    QFETCH(double, bearing);
    QFETCH(double, turn);
    // Turning right by `turn` moves a still feature's bearing left by the same amount.
    const double x1 = normalizedXForBearing(bearing, hfov);
    const double x2 = normalizedXForBearing(bearing - turn, hfov);
    QVERIFY(x1 >= 0 && x1 <= 1 && x2 >= 0 && x2 <= 1);
    const FovEstimate e = fovFromClicks(x1, x2, turn);
    QVERIFY2(e.ok(), qPrintable(e.error));
    QVERIFY2(std::abs(e.hfovDeg - hfov) < 0.1, qPrintable(QString::number(e.hfovDeg)));
}

void TestCalibrationMath::fovFromClicks_rejectsInconsistentClicks_data()
{
    QTest::addColumn<double>("x1");
    QTest::addColumn<double>("x2");
    QTest::addColumn<double>("turn");
    QTest::addColumn<QString>("says");
    QTest::newRow("moved right on a right turn") << 0.7 << 0.8 << 20.0 << "wrong way";
    QTest::newRow("moved left on a left turn") << 0.3 << 0.2 << -20.0 << "wrong way";
    QTest::newRow("clicks on the same spot") << 0.6 << 0.61 << 20.0 << "same place";
    QTest::newRow("no turn") << 0.7 << 0.3 << 0.5 << "less than one degree";
    QTest::newRow("too far for the widest lens") << 0.55 << 0.45 << 120.0 << "No lens";
    QTest::newRow("too far for the narrowest lens") << 0.9 << 0.1 << 2.0 << "No lens";
    QTest::newRow("same side, beyond the peak") << 0.9 << 0.8 << 60.0 << "No lens";
    QTest::newRow("not a number") << std::numeric_limits<double>::quiet_NaN() << 0.5 << 20.0
                                  << "not numbers";
}

void TestCalibrationMath::fovFromClicks_rejectsInconsistentClicks()
{
    QFETCH(double, x1);
    QFETCH(double, x2);
    QFETCH(double, turn);
    QFETCH(QString, says);
    const FovEstimate e = fovFromClicks(x1, x2, turn);
    QVERIFY(!e.ok());
    QVERIFY2(e.error.contains(says), qPrintable(e.error));
    QVERIFY(e.error.endsWith(QLatin1Char('.')));
}

void TestCalibrationMath::fovFromClicks_recoveredLensCentresTheFeatureAgain()
{
    // What the field of view is for: a click on the feature turns the camera onto it.
    const double x1 = normalizedXForBearing(22, 70);
    const double x2 = normalizedXForBearing(2, 70);
    const FovEstimate e = fovFromClicks(x1, x2, 20);
    QVERIFY(e.ok());
    QVERIFY(std::abs(turnForClick(x2, e.hfovDeg) - 2) < 0.01);
}

void TestCalibrationMath::invertedFromAnswer_followsWhatThePictureDid_data()
{
    QTest::addColumn<double>("servoTurn");
    QTest::addColumn<PictureMoved>("moved");
    QTest::addColumn<bool>("inverted");
    // Content moving left = the camera turned right.
    QTest::newRow("larger angle, moved left: right is larger")
        << 10.0 << PictureMoved::Left << false;
    QTest::newRow("larger angle, moved right: inverted") << 10.0 << PictureMoved::Right << true;
    QTest::newRow("smaller angle, moved left: inverted") << -10.0 << PictureMoved::Left << true;
    QTest::newRow("smaller angle, moved right: right is larger")
        << -10.0 << PictureMoved::Right << false;
}

void TestCalibrationMath::invertedFromAnswer_followsWhatThePictureDid()
{
    QFETCH(double, servoTurn);
    QFETCH(PictureMoved, moved);
    QFETCH(bool, inverted);
    QCOMPARE(invertedFromAnswer(servoTurn, moved), inverted);
}

void TestCalibrationMath::limitsFromMarks_giveLogicalLimitsAroundHome_data()
{
    QTest::addColumn<double>("endA");
    QTest::addColumn<double>("endB");
    QTest::addColumn<double>("home");
    QTest::addColumn<bool>("inverted");
    QTest::addColumn<double>("min");
    QTest::addColumn<double>("max");
    QTest::newRow("symmetric") << 40.0 << 150.0 << 95.0 << false << -55.0 << 55.0;
    QTest::newRow("symmetric, inverted") << 40.0 << 150.0 << 95.0 << true << -55.0 << 55.0;
    QTest::newRow("ends in either order") << 150.0 << 40.0 << 95.0 << true << -55.0 << 55.0;
    QTest::newRow("lopsided") << 30.0 << 120.0 << 100.0 << false << -70.0 << 20.0;
    QTest::newRow("lopsided, inverted") << 30.0 << 120.0 << 100.0 << true << -20.0 << 70.0;
    QTest::newRow("home on an end") << 10.0 << 90.0 << 90.0 << false << -80.0 << 0.0;
    QTest::newRow("home on an end, inverted") << 10.0 << 90.0 << 90.0 << true << 0.0 << 80.0;
    QTest::newRow("the whole servo") << 0.0 << 180.0 << 90.0 << false << -90.0 << 90.0;
}

void TestCalibrationMath::limitsFromMarks_giveLogicalLimitsAroundHome()
{
    QFETCH(double, endA);
    QFETCH(double, endB);
    QFETCH(double, home);
    QFETCH(bool, inverted);
    QFETCH(double, min);
    QFETCH(double, max);
    const LogicalLimits l = limitsFromMarks(endA, endB, home, inverted);
    QVERIFY2(l.ok(), qPrintable(l.error));
    QCOMPARE(l.minLogicalDeg, min);
    QCOMPARE(l.maxLogicalDeg, max);
    QVERIFY(!std::signbit(l.minLogicalDeg) || l.minLogicalDeg != 0);  // never -0 in a file
}

void TestCalibrationMath::limitsFromMarks_refuseBadMarks_data()
{
    QTest::addColumn<double>("endA");
    QTest::addColumn<double>("endB");
    QTest::addColumn<double>("home");
    QTest::addColumn<QString>("says");
    QTest::newRow("home outside") << 40.0 << 150.0 << 160.0 << "between the two ends";
    QTest::newRow("home below") << 40.0 << 150.0 << 39.0 << "between the two ends";
    QTest::newRow("ends together") << 90.0 << 91.0 << 90.0 << "less than 2 degrees";
    QTest::newRow("not marked") << std::numeric_limits<double>::quiet_NaN() << 150.0 << 95.0
                                << "Mark both ends";
}

void TestCalibrationMath::limitsFromMarks_refuseBadMarks()
{
    QFETCH(double, endA);
    QFETCH(double, endB);
    QFETCH(double, home);
    QFETCH(QString, says);
    const LogicalLimits l = limitsFromMarks(endA, endB, home, false);
    QVERIFY(!l.ok());
    QVERIFY2(l.error.contains(says), qPrintable(l.error));
}

void TestCalibrationMath::msPerDegreeForSpeed_roundsAndClampsToTheFirmwareRange_data()
{
    QTest::addColumn<double>("degPerSec");
    QTest::addColumn<int>("ms");
    QTest::newRow("60 deg/s") << 60.0 << 17;
    QTest::newRow("the original's 33 deg/s") << 33.0 << 30;
    QTest::newRow("fastest") << 1000.0 << 1;
    QTest::newRow("faster than the firmware") << 5000.0 << 1;
    QTest::newRow("slowest") << 10.1 << 99;
    QTest::newRow("slower than the firmware") << 5.0 << 99;
    QTest::newRow("zero") << 0.0 << 99;
    QTest::newRow("negative") << -20.0 << 99;
    QTest::newRow("nan") << std::numeric_limits<double>::quiet_NaN() << 99;
}

void TestCalibrationMath::msPerDegreeForSpeed_roundsAndClampsToTheFirmwareRange()
{
    QFETCH(double, degPerSec);
    QFETCH(int, ms);
    QCOMPARE(msPerDegreeForSpeed(degPerSec), ms);
}

void TestCalibrationMath::measuredSpeed_isDegreesPerSecond()
{
    QCOMPARE(measuredSpeed(30, 500), 60.0);
    QCOMPARE(measuredSpeed(-30, 500), 60.0);
    QCOMPARE(measuredSpeed(30, 0), 0.0);
    QCOMPARE(expectedMoveMs(30, 17), 510.0);
    QVERIFY(std::abs(speedForMsPerDegree(17) - 58.82) < 0.01);
}

QTEST_APPLESS_MAIN(TestCalibrationMath)
#include "tst_calibration_math.moc"
