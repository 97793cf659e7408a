// The pinhole camera model shared by the virtual camera and by click-to-centre.
//
// Conventions (every function here uses them):
//  - x is a horizontal position in pixels measured from the left edge of the image, as a real
//    number: pixel column i covers [i, i+1) and its centre is x = i + 0.5.
//  - The optical axis passes through x = widthPx / 2 (the principal point is the image centre).
//  - A bearing is an angle in degrees measured from the optical axis, positive to the right as
//    seen from the camera, so x = 0 is at -hfov/2 and x = widthPx at +hfov/2.
//  - hfovDeg is the full horizontal field of view in degrees, in (0, 180).
//  - Pixels are square: the vertical focal length equals focalPx().
#pragma once
#include <optional>

namespace rudebot::lens {

// Focal length in pixels: (widthPx / 2) / tan(hfovDeg / 2).
double focalPx(double widthPx, double hfovDeg);

// Bearing in degrees of the ray through horizontal position x: atan((x - widthPx/2) / focalPx).
// Always in (-90, 90); positions outside [0, widthPx] give bearings outside the field of view.
double bearingForPixel(double xPx, double widthPx, double hfovDeg);

// Horizontal position in pixels where a ray at bearingDeg lands: widthPx/2 + focalPx*tan(bearing).
// nullopt when |bearing| >= 90 (at or behind the lens plane: never imaged). The result may lie
// outside [0, widthPx] when the bearing is outside the field of view; see isInImage().
std::optional<double> pixelForBearing(double bearingDeg, double widthPx, double hfovDeg);

// True when x lies inside the image: 0 <= x < widthPx.
bool isInImage(double xPx, double widthPx);

// An angle in degrees wrapped into (-180, 180].
double wrapDeg(double deg);

}  // namespace rudebot::lens
