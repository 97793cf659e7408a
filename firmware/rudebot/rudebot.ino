// Rudebot servo firmware for an Arduino Uno (ATmega328P, 16 MHz).
// Servo signal on pin 9, serial 115200 8N1. Protocol: docs/protocol.md.
// This sketch only wires the hardware to the board-independent logic in src/, which the host
// build unit-tests. It opens unchanged in the Arduino IDE and arduino-cli (which compile src/).
#include <Arduino.h>

#include "src/controller.h"
#include "timer1_servo.h"

namespace {

class SerialLines : public rudebot::LineOutput {
public:
    void writeLine(const char *line) override { Serial.println(line); }
};

Timer1Servo servo;
SerialLines lines;
rudebot::Controller controller(servo, lines);

} // namespace

void setup()
{
    Serial.begin(115200);
    servo.begin();
    controller.begin(millis());
}

void loop()
{
    while (Serial.available() > 0)
        controller.receive(static_cast<uint8_t>(Serial.read()), millis());
    controller.tick(millis());
}
