// Run-time repair of simavr 1.6's Timer1 waveform table.
#pragma once

struct avr_t;

// simavr 1.6 maps Timer1 WGM mode 14 (fast PWM, TOP = ICR1) to phase-correct PWM
// (fixed upstream only in 1.8). In that mode simavr ignores OCR1A writes, so a servo
// pulse never changes. This rewrites the mode table entry of the live timer to fast
// PWM with TOP = ICR1. Returns true if the entry was wrong and has been patched, false
// if it was already right (a fixed simavr) or no Timer1 exists.
bool patchTimer1Mode14(avr_t *avr);
