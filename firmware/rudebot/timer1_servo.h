// Servo pulses on pin 9 (OC1A) made by Timer1 in hardware. Debian ships no Servo library, so
// this replaces it: fast PWM mode 14, TOP = ICR1 = 39999, prescaler 8 -> 50 Hz, 0.5 us ticks.
#pragma once
#include <Arduino.h>

#include "src/controller.h"

class Timer1Servo : public rudebot::ServoOutput {
public:
    void begin()
    {
        TCCR1A = 0;  // the core's init() left Timer1 in 8-bit PWM; start from a clean state
        TCCR1B = 0;
        TCNT1 = 0;
        ICR1 = 39999;
        OCR1A = 0;  // no pulse until the first writeMicroseconds()
        TCCR1A = _BV(COM1A1) | _BV(WGM11);
        TCCR1B = _BV(WGM13) | _BV(WGM12) | _BV(CS11);
        pinMode(9, OUTPUT);
    }
    void writeMicroseconds(uint16_t pulseUs) override
    {
        const uint8_t sreg = SREG;
        cli();  // OCR1A is 16 bits: the two byte writes must not be split by an interrupt
        OCR1A = pulseUs * 2;
        SREG = sreg;
    }
};
