// The arithmetic of the calibration wizard, as pure functions: no widgets, no I/O, no clock.
//
// Units and signs (as in calibration.h):
//   servo degrees   the firmware's own angle, 0..180;
//   logical degrees 0 = home, positive = turned right as seen by the camera;
//   normalized x    a point's x in the picture as shown, 0 = left edge, 1 = right edge.
// A turn is in logical degrees: +20 means the camera turned 20 degrees to the right, so
// everything standing still in the room moves 20 degrees to the LEFT in the picture.
#pragma once
#include <QString>

namespace rudebot {

// ---- field of view ----------------------------------------------------------------------

inline constexpr double kMinFovDeg = 5;
inline constexpr double kMaxFovDeg = 170;
// Two clicks closer than this (a fraction of the picture's width) cannot be told apart from
// an unsteady hand.
inline constexpr double kMinClickSeparation = 0.02;

struct FovEstimate {
    double hfovDeg = 0;  // valid when error is empty
    QString error;  // a sentence for the user: what went wrong and what to do
    bool ok() const { return error.isEmpty(); }
};

// The horizontal field of view from the same feature clicked at x1, then at x2 after the camera
// turned by turnDeg (logical degrees, positive = right). With the pinhole model of
// core/pinhole.h and t = tan(hfov / 2) this solves
//     atan((x1 - 0.5) * 2t) - atan((x2 - 0.5) * 2t) = turnDeg
// for hfov in (kMinFovDeg, kMaxFovDeg). When both clicks lie on the same side of the centre the
// left side has a maximum at t = 1 / sqrt(a1 * a2) (a = 2x - 1) and falls again beyond it: the
// narrower of the two answers is taken, which is the right one for every lens up to 90 degrees
// (and for wider ones when the feature crosses the centre, which the wizard arranges by turning
// towards it). Errors: a feature that moved the wrong way, clicks too close together, a turn
// too small, or clicks no lens in range can explain.
FovEstimate fovFromClicks(double x1, double x2, double turnDeg);

// ---- direction ----------------------------------------------------------------------------

enum class PictureMoved {
    Left,
    Right
};

// The wizard turned the servo by servoTurnDeg (servo degrees, non-zero) and the user saw the
// picture's content move left or right. Content moving left means the camera turned right.
// Returns Calibration::inverted: true when a larger servo angle turns the camera left.
bool invertedFromAnswer(double servoTurnDeg, PictureMoved moved);

// ---- soft limits --------------------------------------------------------------------------

struct LogicalLimits {
    double minLogicalDeg = 0;
    double maxLogicalDeg = 0;
    QString error;  // empty if usable
    bool ok() const { return error.isEmpty(); }
};

// The soft limits in logical degrees from the two marked ends (servo degrees, in either order:
// before the direction step nobody knows which end is really left) and home (servo degrees).
// Errors: ends closer than 2 degrees, or home outside them.
LogicalLimits limitsFromMarks(
    double endAServoDeg, double endBServoDeg, double homeServoDeg, bool inverted);

// ---- speed --------------------------------------------------------------------------------

inline constexpr int kMinMsPerDegree = 1;  // our firmware's Snn takes 1..99
inline constexpr int kMaxMsPerDegree = 99;
inline constexpr int kSeedMsPerDegree = 30;  // the 2011 firmware's fixed sweep speed

// Milliseconds per degree for a wanted speed in degrees per second, rounded and clamped to
// 1..99 (60 deg/s -> 17 ms/deg). A speed that is not a positive number gives 99 (the slowest).
int msPerDegreeForSpeed(double degreesPerSecond);
// The speed a ms-per-degree setting really gives: 1000 / ms (17 ms/deg -> 58.8 deg/s).
double speedForMsPerDegree(int msPerDegree);
// Degrees per second from a measured move; 0 when elapsedMs <= 0.
double measuredSpeed(double degrees, double elapsedMs);
// What a move of the given size should take at msPerDegree, milliseconds.
double expectedMoveMs(double degrees, int msPerDegree);

}  // namespace rudebot
