#include "core/calibration.h"

#include <QtGlobal>
#include <cmath>

namespace rudebot {

namespace {

// Rounding with a small tolerance, so that 90.0000000001 still counts as 90.
constexpr double kEpsilon = 1e-9;

}  // namespace

QString validate(const Calibration &c)
{
    if (!std::isfinite(c.homeServoDeg) || c.homeServoDeg < 0 || c.homeServoDeg > 180)
        return QStringLiteral("Home must be a servo angle from 0 to 180 degrees.");
    if (!std::isfinite(c.minLogicalDeg) || !std::isfinite(c.maxLogicalDeg)
        || c.minLogicalDeg > c.maxLogicalDeg)
        return QStringLiteral("The left limit must not be right of the right limit.");
    if (c.minLogicalDeg > 0 || c.maxLogicalDeg < 0)
        return QStringLiteral("Home must lie between the two limits.");
    if (!(c.hfovDeg > 0 && c.hfovDeg <= 180))
        return QStringLiteral("The field of view must be between 0 and 180 degrees.");
    const ServoRange r = servoRange(c);
    if (r.min > r.max)
        return QStringLiteral("The limits leave no whole servo degree to turn to.");
    if (c.parkLogicalDeg) {
        const double park = *c.parkLogicalDeg;
        if (!std::isfinite(park) || park < c.minLogicalDeg || park > c.maxLogicalDeg)
            return QStringLiteral("The park position must lie between the two limits.");
        if (std::abs(park) < 1)
            return QStringLiteral(
                "The park position must not be home: turn the camera away from the people.");
    }
    return {};
}

double clampLogical(const Calibration &c, double logicalDeg)
{
    // The servo's own 0..180 in logical terms, then the soft limits.
    double lo = logicalFromServo(c, 0);
    double hi = logicalFromServo(c, 180);
    if (lo > hi)
        std::swap(lo, hi);
    lo = qMax(lo, c.minLogicalDeg);
    hi = qMin(hi, c.maxLogicalDeg);
    if (std::isnan(logicalDeg))
        return qBound(lo, 0.0, hi);
    return qBound(lo, logicalDeg, qMax(lo, hi));
}

double servoFromLogical(const Calibration &c, double logicalDeg)
{
    return servoFromLogicalUnlimited(c, clampLogical(c, logicalDeg));
}

double servoFromLogicalUnlimited(const Calibration &c, double logicalDeg)
{
    return c.homeServoDeg + (c.inverted ? -logicalDeg : logicalDeg);
}

double logicalFromServo(const Calibration &c, double servoDeg)
{
    const double d = servoDeg - c.homeServoDeg;
    return c.inverted ? -d : d;
}

ServoRange servoRange(const Calibration &c)
{
    double a = servoFromLogicalUnlimited(c, c.minLogicalDeg);
    double b = servoFromLogicalUnlimited(c, c.maxLogicalDeg);
    if (a > b)
        std::swap(a, b);
    ServoRange r;
    r.min = qMax(0, int(std::ceil(a - kEpsilon)));
    r.max = qMin(180, int(std::floor(b + kEpsilon)));
    return r;
}

int clampServo(const Calibration &c, double servoDeg)
{
    const ServoRange r = servoRange(c);
    if (std::isnan(servoDeg))
        servoDeg = c.homeServoDeg;
    const int rounded = int(std::lround(qBound(-1.0, servoDeg, 181.0)));
    return qBound(r.min, rounded, qMax(r.min, r.max));
}

}  // namespace rudebot
