#include "ui/click_to_turn.h"

#include "core/pinhole.h"

namespace rudebot {

// A picture fraction x is the pinhole offset 2x - 1 (core/pinhole.h).
double turnForClick(double normalizedX, double hfovDeg)
{
    return pinhole::bearingForOffset(2 * normalizedX - 1, hfovDeg);
}

double normalizedXForBearing(double bearingDeg, double hfovDeg)
{
    return 0.5 + pinhole::offsetForBearing(bearingDeg, hfovDeg) / 2;
}

}  // namespace rudebot
