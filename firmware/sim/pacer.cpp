#include "pacer.h"

#include <ctime>

namespace {
// How far behind the schedule the simulation may get before the schedule moves.
const int64_t kMaxLagNs = 100 * 1000 * 1000;
}  // namespace

int64_t wallNowNs()
{
    timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return int64_t(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

void Pacer::anchor(uint64_t simNs)
{
    wall0_ = wallNowNs();
    sim0_ = simNs;
}

int64_t Pacer::deadlineFor(uint64_t simNs)
{
    if (!paced())
        return 0;
    int64_t due = wall0_ + int64_t(double(simNs - sim0_) / speed_);
    int64_t now = wallNowNs();
    if (now - due > kMaxLagNs) {
        anchor(simNs);
        return now;
    }
    return due;
}
