#include "ui/click_to_turn.h"

#include <cmath>
#include <limits>

namespace rudebot {

namespace {
constexpr double kPi = 3.14159265358979323846;
double toRad(double deg) { return deg * kPi / 180.0; }
double toDeg(double rad) { return rad * 180.0 / kPi; }
} // namespace

double turnForClick(double normalizedX, double hfovDeg)
{
    const double halfWidth = std::tan(toRad(hfovDeg / 2));  // image half-width at focal length 1
    return toDeg(std::atan((normalizedX - 0.5) * 2 * halfWidth));
}

double normalizedXForBearing(double bearingDeg, double hfovDeg)
{
    if (std::abs(bearingDeg) >= 90)
        return std::copysign(std::numeric_limits<double>::infinity(), bearingDeg);
    const double halfWidth = std::tan(toRad(hfovDeg / 2));
    return 0.5 + std::tan(toRad(bearingDeg)) / (2 * halfWidth);
}

} // namespace rudebot
