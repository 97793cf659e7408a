#include "servo_meter.h"

namespace {
// The Arduino Servo library's defaults: MIN_PULSE_WIDTH and MAX_PULSE_WIDTH.
const int kMinPulseUs = 544;
const int kMaxPulseUs = 2400;
// Anything outside this is not a servo pulse (glitch, or the pin used otherwise).
const int kValidMinUs = 300;
const int kValidMaxUs = 2700;
// A servo frame is ~20 ms. simavr applies OCR1A writes at once (real hardware
// double-buffers them until the next period), which can give an extra short pulse
// within the same frame; any rise this soon after the previous one is such a glitch.
const int kMinRiseGapUs = 3000;
// A pulse only counts if its rise comes one frame period after the previous rise. The
// first rise after a reset or a pause is often not a frame start (e.g. pinMode() turning
// the pin on mid-frame, with simavr applying OCR1A at once where the real chip would
// wait for the next frame), so it only serves as the reference for the next one.
const int kMaxRiseGapUs = 100000;
}  // namespace

ServoMeter::ServoMeter(uint32_t cpuHz)
    : cyclesPerUs_(cpuHz / 1000000 ? cpuHz / 1000000 : 1),
      minRiseGap_(uint64_t(kMinRiseGapUs) * cyclesPerUs_),
      maxRiseGap_(uint64_t(kMaxRiseGapUs) * cyclesPerUs_)
{
}

void ServoMeter::reset()
{
    haveRise_ = false;
    inPulse_ = false;
    lastWidthUs_ = -1;
}

double ServoMeter::angleFor(int widthUs)
{
    return double(widthUs - kMinPulseUs) * 180.0 / double(kMaxPulseUs - kMinPulseUs);
}

bool ServoMeter::onLevel(bool high, uint64_t cycle, Pulse &out)
{
    if (high) {
        if (haveRise_ && cycle - lastRise_ < minRiseGap_)
            return false;
        inPulse_ = haveRise_ && cycle - lastRise_ <= maxRiseGap_;
        haveRise_ = true;
        lastRise_ = cycle;
        return false;
    }
    if (!inPulse_)
        return false;
    inPulse_ = false;
    // Truncate rather than round: with Timer1 at 0.5 us per tick the real pin is high
    // for OCR1A + 1 ticks, i.e. the requested width + 0.5 us. Rounding would sit on the
    // .5 boundary and flip with simavr's +-1 cycle jitter; truncation gives back the
    // width the firmware asked for.
    uint64_t width = (cycle - lastRise_) / cyclesPerUs_;
    if (width < uint64_t(kValidMinUs) || width > uint64_t(kValidMaxUs))
        return false;
    if (int(width) == lastWidthUs_)
        return false;
    lastWidthUs_ = int(width);
    out.endCycle = cycle;
    out.widthUs = int(width);
    out.angleDeg = angleFor(int(width));
    return true;
}
