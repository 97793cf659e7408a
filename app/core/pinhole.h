// The pinhole camera model, once for the whole app: the virtual camera drawing the office
// (video/lens.h, in pixels), click-to-turn (ui/click_to_turn.h, in picture fractions) and the
// calibration wizard's field-of-view estimate (calibration/calibration_math.h) all use it.
//
// Units and signs: a bearing is in degrees off the optical axis, positive = right as seen by
// the camera. A point's offset is its horizontal distance from the picture's centre in
// half-widths: -1 = left edge, 0 = centre, +1 = right edge. hfovDeg is the full horizontal
// field of view, in (0, 180). The image lies on the plane at focal length 1, where the half-width
// is tan(hfov / 2); so the picture's x is proportional to tan(bearing), not to the bearing
// (scaling linearly is wrong by several degrees near the edges of a wide lens).
#pragma once

namespace rudebot::pinhole {

double radians(double deg);
double degrees(double rad);

// The picture's half-width at focal length 1: tan(hfovDeg / 2).
double halfWidth(double hfovDeg);
// The inverse: the field of view, degrees, whose half-width is halfWidth (> 0).
double hfovForHalfWidth(double halfWidth);

// The bearing of the ray through a point at offset: atan(offset * halfWidth(hfov)), degrees,
// always in (-90, 90). Offsets beyond +/-1 are outside the picture.
double bearingForOffset(double offset, double hfovDeg);
// Where a bearing appears: tan(bearing) / halfWidth(hfov). Outside [-1, 1] when the bearing is
// outside the field of view; bearings at or beyond +/-90 degrees are never imaged and give
// +/-infinity.
double offsetForBearing(double bearingDeg, double hfovDeg);

// An angle in degrees wrapped into (-180, 180].
double wrapDeg(double deg);

}  // namespace rudebot::pinhole
