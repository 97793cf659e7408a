// Maps simulated time onto wall-clock time for --speed.
#pragma once

#include <cstdint>

// Monotonic wall clock in nanoseconds.
int64_t wallNowNs();

class Pacer {
public:
    explicit Pacer(double speed) : speed_(speed) { }

    bool paced() const { return speed_ > 0; }

    // (Re)starts pacing: simulated time `simNs` corresponds to "now".
    void anchor(uint64_t simNs);

    // Wall-clock time (wallNowNs() scale) at which simulated time `simNs` is due; the
    // caller waits until then. Returns 0 when unpaced. If the simulation has fallen far
    // behind (a loaded machine, a stopped process), the anchor moves instead of letting
    // the simulation sprint to catch up.
    int64_t deadlineFor(uint64_t simNs);

private:
    double speed_;
    int64_t wall0_ = 0;
    uint64_t sim0_ = 0;
};
