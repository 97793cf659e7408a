// Turns pin-level changes on the servo pin into pulse widths, hobby-servo style.
#pragma once

#include <cstdint>

class ServoMeter {
public:
    struct Pulse {
        uint64_t endCycle;  // cycle of the falling edge
        int widthUs;  // whole microseconds, truncated
        double angleDeg;  // Arduino Servo mapping, 544..2400 us -> 0..180 deg
    };

    explicit ServoMeter(uint32_t cpuHz);

    // Feeds one level change of the pin at `cycle` (monotonic across resets).
    // Returns true and fills `out` when a valid pulse of a new width has ended.
    bool onLevel(bool high, uint64_t cycle, Pulse &out);

    // Forgets everything, so the next valid pulse is reported even if unchanged.
    void reset();

    static double angleFor(int widthUs);

private:
    uint64_t cyclesPerUs_;
    uint64_t minRiseGap_;  // rising edges closer than this to the last one are spurious
    uint64_t maxRiseGap_;  // a rise later than this after the last one starts afresh
    bool haveRise_ = false;  // lastRise_ is valid
    bool inPulse_ = false;  // a counted rising edge awaits its falling edge
    uint64_t lastRise_ = 0;
    int lastWidthUs_ = -1;  // last reported width, -1 = none yet
};
