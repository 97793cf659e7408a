// Calibration: how the rig's logical angle maps to the servo's angle. Pure functions.
//
// Units:
//   logical degrees: 0 = home (the camera looks straight ahead), positive = turn right as seen
//                    by the camera, limited to [minLogicalDeg, maxLogicalDeg] (soft limits);
//   servo degrees:   what the firmware takes on the wire, 0..180.
// Not inverted, a larger servo angle turns the camera right; inverted, a smaller one does.
#pragma once
#include <QString>
#include <optional>

namespace rudebot {

struct Calibration {
    double homeServoDeg = 90;  // servo degrees at logical 0
    double minLogicalDeg = -90;  // soft limits, logical degrees
    double maxLogicalDeg = 90;
    bool inverted = false;
    double hfovDeg = 60;  // the camera's horizontal field of view, degrees (for click-to-turn)
    // Where "park and lock" turns the camera for privacy, logical degrees within the limits:
    // the calibration's own step ("turn the camera to the wall"). Unset: the station parks at
    // the limit farthest from home.
    std::optional<double> parkLogicalDeg;
};

// Whole servo degrees the client may send: the soft limits mapped to the servo, intersected
// with 0..180 and rounded inwards, so rounding can never step past a limit.
struct ServoRange {
    int min = 0;
    int max = 180;
    bool contains(int servoDeg) const { return servoDeg >= min && servoDeg <= max; }
};

// Empty string if usable; otherwise a sentence saying what is wrong (home outside 0..180,
// min > max, limits that leave no whole servo degree, a field of view outside (0, 180], a
// park position outside the limits or at home).
QString validate(const Calibration &c);

double clampLogical(const Calibration &c, double logicalDeg);  // to the soft limits and 0..180
double servoFromLogical(const Calibration &c, double logicalDeg);  // clamped, not rounded
double logicalFromServo(const Calibration &c, double servoDeg);  // not clamped: shows reality
// Not clamped either: for a map whose limits are still being found (the calibration wizard).
// On the way to the rig only RigClient converts (servoFromLogical, then clampServo).
double servoFromLogicalUnlimited(const Calibration &c, double logicalDeg);
ServoRange servoRange(const Calibration &c);
int clampServo(const Calibration &c, double servoDeg);  // rounded to the nearest allowed degree

}  // namespace rudebot
