// Servo angle <-> pulse width, exactly as the Arduino Servo library maps them (544-2400 us for
// 0-180 degrees), so a rig set up with the original firmware points the same way with ours.
#pragma once
#include <stdint.h>

namespace rudebot {

const uint16_t kPulseMinUs = 544;  // servo angle 0 degrees
const uint16_t kPulseMaxUs = 2400;  // servo angle 180 degrees
const uint8_t kAngleMax = 180;  // servo degrees; 0 is the servo's own end stop

// Servo degrees (0..180, clamped) -> pulse in microseconds; integer maths like Servo::write().
inline uint16_t pulseForAngle(uint8_t degrees)
{
    if (degrees > kAngleMax)
        degrees = kAngleMax;
    return static_cast<uint16_t>(
        kPulseMinUs + (static_cast<uint32_t>(degrees) * (kPulseMaxUs - kPulseMinUs)) / kAngleMax);
}

}  // namespace rudebot
