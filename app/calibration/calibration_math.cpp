#include "calibration/calibration_math.h"

#include <QtGlobal>
#include <cmath>

#include "core/pinhole.h"

namespace rudebot {

namespace {

// How far (degrees) a feature at pinhole offsets a1, a2 (a = 2x - 1) turned for this lens.
double shiftDeg(double a1, double a2, double hfovDeg)
{
    return pinhole::bearingForOffset(a1, hfovDeg) - pinhole::bearingForOffset(a2, hfovDeg);
}

}  // namespace

FovEstimate fovFromClicks(double x1, double x2, double turnDeg)
{
    FovEstimate r;
    if (!std::isfinite(x1) || !std::isfinite(x2) || !std::isfinite(turnDeg)) {
        r.error = QStringLiteral("The clicks or the turn are not numbers: measure again.");
        return r;
    }
    if (std::abs(turnDeg) < 1) {
        r.error = QStringLiteral("The camera turned less than one degree: measure again with a "
                                 "larger turn.");
        return r;
    }
    if (std::abs(x1 - x2) < kMinClickSeparation) {
        r.error = QStringLiteral("The two clicks are almost in the same place: after the turn, "
                                 "click the feature where it appears now.");
        return r;
    }
    // Mirror a left turn into a right one: then the feature must have moved left (a1 > a2).
    const double sign = turnDeg > 0 ? 1.0 : -1.0;
    const double a1 = sign * (2 * x1 - 1);
    const double a2 = sign * (2 * x2 - 1);
    const double turn = std::abs(turnDeg);
    if (a1 < a2) {
        r.error = QStringLiteral("The feature moved the wrong way for this turn: click the same "
                                 "feature both times, or repeat the direction step.");
        return r;
    }
    double lo = kMinFovDeg;
    double hi = kMaxFovDeg;
    if (a1 * a2 > 0)  // same side of the centre: the shift peaks at tan(hfov/2) = 1/sqrt(a1 a2)
        hi = qMin(hi, pinhole::hfovForHalfWidth(1 / std::sqrt(a1 * a2)));
    const QString noLens = QStringLiteral(
        "No lens from %1\u00b0 to %2\u00b0 explains these clicks: click the same feature both "
        "times, then measure again.")
                               .arg(kMinFovDeg)
                               .arg(kMaxFovDeg);
    if (shiftDeg(a1, a2, lo) > turn || shiftDeg(a1, a2, hi) < turn) {
        r.error = noLens;
        return r;
    }
    // Bisection: the shift grows with the field of view on [lo, hi]; 200 halvings are far past
    // double precision.
    for (int i = 0; i < 200 && hi - lo > 1e-13; ++i) {
        const double mid = (lo + hi) / 2;
        (shiftDeg(a1, a2, mid) < turn ? lo : hi) = mid;
    }
    r.hfovDeg = (lo + hi) / 2;
    return r;
}

bool invertedFromAnswer(double servoTurnDeg, PictureMoved moved)
{
    const bool cameraTurnedRight = moved == PictureMoved::Left;
    const bool servoGrew = servoTurnDeg > 0;
    // Not inverted: a larger servo angle turns the camera right.
    return servoGrew != cameraTurnedRight;
}

LogicalLimits limitsFromMarks(
    double endAServoDeg, double endBServoDeg, double homeServoDeg, bool inverted)
{
    LogicalLimits r;
    const double lowServo = qMin(endAServoDeg, endBServoDeg);
    const double highServo = qMax(endAServoDeg, endBServoDeg);
    if (!std::isfinite(lowServo) || !std::isfinite(highServo) || !std::isfinite(homeServoDeg)) {
        r.error = QStringLiteral("Mark both ends and home first.");
        return r;
    }
    if (highServo - lowServo < 2) {
        r.error = QStringLiteral("The two ends are less than 2 degrees apart: turn further "
                                 "before marking the second end.");
        return r;
    }
    if (homeServoDeg < lowServo || homeServoDeg > highServo) {
        r.error = QStringLiteral("Home must lie between the two ends: turn back inside them and "
                                 "mark home again.");
        return r;
    }
    const double toLow = lowServo - homeServoDeg;  // <= 0
    const double toHigh = highServo - homeServoDeg;  // >= 0
    // Not inverted, logical = servo - home; inverted, logical = home - servo.
    r.minLogicalDeg = (inverted ? -toHigh : toLow) + 0.0;  // + 0.0: never -0 in files
    r.maxLogicalDeg = (inverted ? -toLow : toHigh) + 0.0;
    return r;
}

int msPerDegreeForSpeed(double degreesPerSecond)
{
    if (!(degreesPerSecond > 0) || !std::isfinite(degreesPerSecond))
        return kMaxMsPerDegree;
    const double ms = std::round(1000.0 / degreesPerSecond);
    return int(qBound(double(kMinMsPerDegree), ms, double(kMaxMsPerDegree)));
}

double speedForMsPerDegree(int msPerDegree)
{
    return 1000.0 / qBound(kMinMsPerDegree, msPerDegree, kMaxMsPerDegree);
}

double measuredSpeed(double degrees, double elapsedMs)
{
    return elapsedMs > 0 ? std::abs(degrees) * 1000.0 / elapsedMs : 0;
}

double expectedMoveMs(double degrees, int msPerDegree)
{
    return std::abs(degrees) * msPerDegree;
}

}  // namespace rudebot
