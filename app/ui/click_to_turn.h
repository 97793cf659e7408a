// Click-to-turn geometry: how far to turn so that a point clicked on the picture comes to the
// centre. Pure functions, no Qt widgets.
//
// Units and signs: logical degrees, positive = turn right as seen by the camera (calibration.h).
// normalizedX is the clicked point's x in image coordinates, 0 = left edge, 1 = right edge of the
// picture as shown (not mirrored), so a click right of centre (x > 0.5) gives a positive turn.
// hfovDeg is the camera's horizontal field of view, (0, 180).
//
// The camera is modelled as a pinhole (core/pinhole.h): image x is proportional to
// tan(bearing), not to the bearing itself. Scaling pixels linearly to degrees is wrong by
// several degrees near the edges of a wide lens (2.7 degrees at x = 0.9 for a 90 degree lens).
#pragma once

namespace rudebot {

// Degrees to add to the current logical angle: atan((x - 0.5) * 2 * tan(hfov / 2)).
double turnForClick(double normalizedX, double hfovDeg);

// The inverse: where a bearing (degrees off the optical axis, positive = right) appears in the
// picture. Outside [0, 1] when the bearing is outside the field of view; bearings at or beyond
// +/-90 degrees never appear and return +/-infinity.
double normalizedXForBearing(double bearingDeg, double hfovDeg);

}  // namespace rudebot
