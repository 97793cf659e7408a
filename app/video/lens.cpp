#include "video/lens.h"

#include <cmath>

namespace rudebot::lens {

namespace {
constexpr double kPi = 3.14159265358979323846;
double toRad(double deg) { return deg * kPi / 180.0; }
double toDeg(double rad) { return rad * 180.0 / kPi; }
} // namespace

double focalPx(double widthPx, double hfovDeg)
{
    return (widthPx / 2.0) / std::tan(toRad(hfovDeg) / 2.0);
}

double bearingForPixel(double xPx, double widthPx, double hfovDeg)
{
    return toDeg(std::atan((xPx - widthPx / 2.0) / focalPx(widthPx, hfovDeg)));
}

std::optional<double> pixelForBearing(double bearingDeg, double widthPx, double hfovDeg)
{
    const double b = wrapDeg(bearingDeg);
    if (std::abs(b) >= 90.0)
        return std::nullopt;
    return widthPx / 2.0 + focalPx(widthPx, hfovDeg) * std::tan(toRad(b));
}

bool isInImage(double xPx, double widthPx)
{
    return xPx >= 0.0 && xPx < widthPx;
}

double wrapDeg(double deg)
{
    double d = std::fmod(deg, 360.0);
    if (d <= -180.0)
        d += 360.0;
    else if (d > 180.0)
        d -= 360.0;
    return d;
}

} // namespace rudebot::lens
