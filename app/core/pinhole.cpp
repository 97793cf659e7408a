#include "core/pinhole.h"

#include <cmath>
#include <limits>

namespace rudebot::pinhole {

namespace {
constexpr double kPi = 3.14159265358979323846;
}  // namespace

double radians(double deg)
{
    return deg * kPi / 180.0;
}
double degrees(double rad)
{
    return rad * 180.0 / kPi;
}

double halfWidth(double hfovDeg)
{
    return std::tan(radians(hfovDeg) / 2.0);
}

double hfovForHalfWidth(double halfWidth)
{
    return 2.0 * degrees(std::atan(halfWidth));
}

double bearingForOffset(double offset, double hfovDeg)
{
    return degrees(std::atan(offset * halfWidth(hfovDeg)));
}

double offsetForBearing(double bearingDeg, double hfovDeg)
{
    if (std::abs(bearingDeg) >= 90.0)
        return std::copysign(std::numeric_limits<double>::infinity(), bearingDeg);
    return std::tan(radians(bearingDeg)) / halfWidth(hfovDeg);
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

}  // namespace rudebot::pinhole
