// The firmware's whole behaviour, independent of the board: bytes and time in, servo pulses
// and reply lines out. The sketch (rudebot.ino) only wires these interfaces to the hardware;
// the host build runs the same code under the unit tests.
#pragma once
#include <stdint.h>

#include "line_reader.h"
#include "motion.h"

namespace rudebot {

#define RUDEBOT_FW_VERSION "1.0.0"

class ServoOutput {
public:
    virtual void writeMicroseconds(uint16_t pulseUs) = 0;

protected:
    ~ServoOutput() = default;
};

class LineOutput {
public:
    // One reply line without its terminator; the board adds CRLF like Serial.println().
    virtual void writeLine(const char *line) = 0;

protected:
    ~LineOutput() = default;
};

class Controller {
public:
    Controller(ServoOutput &servo, LineOutput &out) : m_servo(servo), m_out(out) { }

    void begin(uint32_t nowMs);  // after reset: drive the servo, say we are ready
    void receive(uint8_t byte, uint32_t nowMs);  // one byte from the host
    void tick(uint32_t nowMs);  // call often; steps the servo

    const Motion &motion() const { return m_motion; }

private:
    void execute(const char *line, uint32_t nowMs);
    void reply(const char *line);

    ServoOutput &m_servo;
    LineOutput &m_out;
    LineReader m_reader;
    Motion m_motion;
};

}  // namespace rudebot
