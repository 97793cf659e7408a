#include "controller.h"

#include "command.h"
#include "servo_pulse.h"

namespace rudebot {

namespace {

// Small fixed-size line builder: the AVR build has no printf worth its flash.
class LineBuf {
public:
    LineBuf &operator<<(const char *s)
    {
        while (*s && m_len < kCap)
            m_buf[m_len++] = *s++;
        m_buf[m_len] = 0;
        return *this;
    }
    LineBuf &operator<<(unsigned v)
    {
        char digits[6];
        uint8_t n = 0;
        do {
            digits[n++] = static_cast<char>('0' + v % 10);
            v /= 10;
        } while (v && n < sizeof digits);
        while (n && m_len < kCap)
            m_buf[m_len++] = digits[--n];
        m_buf[m_len] = 0;
        return *this;
    }
    const char *str() const { return m_buf; }

private:
    static const uint8_t kCap = 63;
    char m_buf[kCap + 1] = {0};
    uint8_t m_len = 0;
};

const char kGoodToGo[] = "OK: Good to go";

}  // namespace

void Controller::begin(uint32_t nowMs)
{
    m_motion.tick(nowMs);
    m_servo.writeMicroseconds(pulseForAngle(m_motion.angle()));
    m_out.writeLine("Ready: Rudebot firmware " RUDEBOT_FW_VERSION);
    m_out.writeLine(kGoodToGo);
}

void Controller::receive(uint8_t byte, uint32_t nowMs)
{
    switch (m_reader.feed(byte)) {
    case LineReader::Line: execute(m_reader.text(), nowMs); break;
    case LineReader::TooLong: reply("Error: Angle more than 3 bytes"); break;
    case LineReader::None: break;
    }
}

void Controller::tick(uint32_t nowMs)
{
    if (m_motion.tick(nowMs))
        m_servo.writeMicroseconds(pulseForAngle(m_motion.angle()));
}

void Controller::reply(const char *line)
{
    // Exactly one verdict per line, then the seed's ready marker: ours never blocks, so it is
    // ready for the next line as soon as the verdict is out.
    m_out.writeLine(line);
    m_out.writeLine(kGoodToGo);
}

void Controller::execute(const char *line, uint32_t nowMs)
{
    const Command cmd = parseCommand(line);
    LineBuf buf;
    switch (cmd.kind) {
    case Command::Angle:
        buf << "Input angle: " << line;  // echoed as typed, like the seed
        m_motion.setTarget(cmd.value, nowMs);
        tick(nowMs);  // a move from rest starts now, not at the next loop()
        break;
    case Command::BadInput: buf << "Error: Bad input"; break;
    case Command::BadAngle: buf << "Error: Bad angle"; break;
    case Command::Query:
        buf << "Position: angle=" << m_motion.angle() << " target=" << m_motion.target()
            << " moving=" << (m_motion.moving() ? 1u : 0u)
            << " ms_per_deg=" << m_motion.msPerDegree();
        break;
    case Command::Version: buf << "Version: Rudebot firmware " RUDEBOT_FW_VERSION; break;
    case Command::Stop:
        m_motion.stop();
        buf << "Stopped: angle=" << m_motion.angle();
        break;
    case Command::Speed:
        m_motion.setMsPerDegree(cmd.value);
        buf << "Speed: ms_per_deg=" << m_motion.msPerDegree();
        break;
    case Command::BadSpeed: buf << "Error: Bad speed"; break;
    }
    reply(buf.str());
}

}  // namespace rudebot
