#include "video/lens.h"

#include <cmath>

#include "core/pinhole.h"

namespace rudebot::lens {

// Pixels from the left edge are the pinhole offset (x - w/2) / (w/2) (core/pinhole.h).
double focalPx(double widthPx, double hfovDeg)
{
    return (widthPx / 2.0) / pinhole::halfWidth(hfovDeg);
}

double bearingForPixel(double xPx, double widthPx, double hfovDeg)
{
    return pinhole::bearingForOffset((xPx - widthPx / 2.0) / (widthPx / 2.0), hfovDeg);
}

std::optional<double> pixelForBearing(double bearingDeg, double widthPx, double hfovDeg)
{
    const double offset = pinhole::offsetForBearing(pinhole::wrapDeg(bearingDeg), hfovDeg);
    if (std::isinf(offset))
        return std::nullopt;
    return widthPx / 2.0 + offset * widthPx / 2.0;
}

bool isInImage(double xPx, double widthPx)
{
    return xPx >= 0.0 && xPx < widthPx;
}

double wrapDeg(double deg)
{
    return pinhole::wrapDeg(deg);
}

}  // namespace rudebot::lens
