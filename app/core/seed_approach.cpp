#include "core/seed_approach.h"

#include <QtGlobal>

namespace rudebot {

ServoRange seedRange(const ServoRange &allowed)
{
    ServoRange r{qMax(allowed.min, 0) + 1, qMin(allowed.max, 180) - 1};
    if (r.min > r.max)  // a range of one or two degrees: the best the seed can do is its middle
        r.min = r.max = (allowed.min + allowed.max) / 2;
    return r;
}

int seedCommandFor(const SeedPosition &pos, int target)
{
    if (pos.isKnown() && pos.lo == target)
        return -1;
    if (pos.hi <= target)
        return target + 1;  // every possible start is at or below: stops on target
    if (pos.lo >= target)
        return target - 1;  // every possible start is at or above
    // Straddling: land in [target, target+2] first; the next command comes from above.
    return target + 1;
}

SeedPosition seedPositionAfter(const SeedPosition &pos, int sent)
{
    // From below sent: ends on sent-1; from sent itself: stays; from above: ends on sent+1.
    SeedPosition after{181, -1};
    auto include = [&after](int a) {
        after.lo = qMin(after.lo, a);
        after.hi = qMax(after.hi, a);
    };
    if (pos.lo < sent)
        include(sent - 1);
    if (pos.lo <= sent && sent <= pos.hi)
        include(sent);
    if (pos.hi > sent)
        include(sent + 1);
    return after;
}

int seedSweepDegrees(const SeedPosition &pos, int sent)
{
    return qMax(qAbs(sent - pos.lo), qAbs(sent - pos.hi));
}

}  // namespace rudebot
