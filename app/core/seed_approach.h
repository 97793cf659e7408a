// Driving the original (2011) firmware so that it lands exactly on a target. Pure functions.
//
// The seed firmware never reports its position and its sweep loop stops one degree short:
// sent N from servo angle C it steps C, C±1, ... and stops on N-1 when moving up, N+1 when
// moving down, and stays on C when C == N. So the client tracks the interval where the servo
// can be and sends N = target+1 from below or target-1 from above, which lands exactly.
// When the position is unknown (after connecting, after a timeout) the first command sends
// target+1 and leaves the servo in [target, target+2]; a second, short one (target-1) then
// lands exactly. Servo 0 and 180 can never be reached this way (181 and -1 are bad angles),
// hence seedRange(): targets are kept one degree inside the allowed servo range.
#pragma once
#include "core/calibration.h"

namespace rudebot {

struct SeedPosition {
    int lo = 0;  // servo degrees; the servo is somewhere in [lo, hi]
    int hi = 180;
    bool isKnown() const { return lo == hi; }
    bool operator==(const SeedPosition &o) const { return lo == o.lo && hi == o.hi; }
};

// Targets the seed can land on exactly within the allowed range: one degree inside each end.
ServoRange seedRange(const ServoRange &allowed);

// The angle to send next so that the servo ends on target (which must lie in seedRange);
// -1 when it is already there.
int seedCommandFor(const SeedPosition &pos, int target);

// Where the servo can be after the seed has executed "sent".
SeedPosition seedPositionAfter(const SeedPosition &pos, int sent);

// The most degrees the sweep for "sent" can take from pos: what its blocking time depends on.
int seedSweepDegrees(const SeedPosition &pos, int sent);

}  // namespace rudebot
