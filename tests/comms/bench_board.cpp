#include "bench_board.h"

#include "controller.h"  // the firmware core (rudebot_fw_core)
#include "core/rig_protocol.h"

#include <cstdlib>

BenchBoard::~BenchBoard() = default;

void BenchBoard::receive(const QByteArray &bytes, qint64 nowMs)
{
    if (m_mute)
        return;
    for (char c : bytes) {
        if (c == '\n' || c == '\r') {
            m_lines << m_partial;
            m_partial.clear();
        } else {
            m_partial += c;
        }
    }
    feed(bytes, nowMs);
}

QByteArray BenchBoard::takeOutput()
{
    QByteArray out;
    out.swap(m_out);
    return out;
}

QList<int> BenchBoard::anglesReceived() const
{
    QList<int> out;
    for (const QByteArray &l : m_lines)
        if (rudebot::angleOfCommand(l) >= 0)
            out << rudebot::angleOfCommand(l);
    return out;
}

void BenchBoard::writeLine(const QByteArray &line)
{
    if (m_mute)
        return;
    if (line.startsWith("Error:"))
        ++m_errors;
    m_out += line + "\r\n";  // Serial.println()
}

// ---- our firmware ---------------------------------------------------------------------------

class FirmwareBoard::Wiring : public rudebot::ServoOutput, public rudebot::LineOutput {
public:
    explicit Wiring(FirmwareBoard *board) : m_board(board) { }
    void writeMicroseconds(uint16_t) override { }  // the angle is read from the core's motion
    void writeLine(const char *line) override { m_board->writeLine(line); }

private:
    FirmwareBoard *m_board;
};

FirmwareBoard::FirmwareBoard(int bootMs)
    : m_bootMs(bootMs), m_wiring(std::make_unique<Wiring>(this))
{
    // Powered up long ago: at its start angle, its boot lines sent to nobody.
    m_fw = std::make_unique<rudebot::Controller>(*m_wiring, *m_wiring);
}

FirmwareBoard::~FirmwareBoard() = default;

void FirmwareBoard::reset(qint64 nowMs)
{
    m_fw.reset();  // everything in RAM is gone: target, speed, a half-read line
    m_bootedAt = nowMs + m_bootMs;
    if (m_bootMs == 0)
        tick(nowMs);
}

void FirmwareBoard::tick(qint64 nowMs)
{
    if (!m_fw && nowMs >= m_bootedAt) {
        m_fw = std::make_unique<rudebot::Controller>(*m_wiring, *m_wiring);
        m_fw->begin(uint32_t(nowMs));
    }
    if (m_fw)
        m_fw->tick(uint32_t(nowMs));
}

void FirmwareBoard::feed(const QByteArray &bytes, qint64 nowMs)
{
    tick(nowMs);
    if (!m_fw) {
        m_discarded += int(bytes.size());  // the bootloader ignores the sketch's protocol
        return;
    }
    for (char c : bytes)
        m_fw->receive(uint8_t(c), uint32_t(nowMs));
}

int FirmwareBoard::angle() const
{
    return m_fw ? m_fw->motion().angle() : rudebot::Motion::kStartAngle;
}

int FirmwareBoard::speed() const
{
    return m_fw ? m_fw->motion().msPerDegree() : rudebot::Motion::kDefaultMsPerDegree;
}

// ---- the seed, after seedlike.ino -----------------------------------------------------------

SeedBoard::SeedBoard(int bootMs, int msPerDeg) : m_bootMs(bootMs), m_msPerDeg(msPerDeg) { }

void SeedBoard::reset(qint64 nowMs)
{
    m_bootedAt = nowMs + m_bootMs;
    m_angle = kStartAngle;
    m_buf.clear();
    m_sweeping = false;  // no boot line: the seed says nothing until asked
}

void SeedBoard::feed(const QByteArray &bytes, qint64 nowMs)
{
    tick(nowMs);
    if (nowMs < m_bootedAt || m_sweeping) {
        m_discarded += int(bytes.size());  // booting, or dropped by the flush after the sweep
        return;
    }
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const char c = bytes.at(i);
        if (c == '\r' || c == '\n') {
            finishLine(nowMs);
        } else if (m_buf.size() == 3) {
            writeLine("Error: Angle more than 3 bytes");
            m_buf.clear();
        } else {
            m_buf += c;
            continue;
        }
        // Serial.flush() then reading until empty: the rest of what has arrived is dropped.
        m_discarded += int(bytes.size() - i - 1);
        if (!m_sweeping)
            endVerdict();
        return;
    }
}

void SeedBoard::finishLine(qint64 nowMs)
{
    const QByteArray angle = m_buf;
    m_buf.clear();
    char *end = nullptr;
    const long newpos = angle.isEmpty() ? 0 : std::strtol(angle.constData(), &end, 10);
    if (angle.isEmpty() || *end != '\0') {
        writeLine("Error: Bad input");
    } else if (newpos >= 0 && newpos <= 180) {
        writeLine("Input angle: " + angle);
        // for (ipos = read(); ipos != newpos; ipos += incr) { write(ipos); delay(30); }
        m_from = m_angle;
        m_steps = qAbs(int(newpos) - m_angle);
        m_incr = newpos > m_angle ? 1 : -1;
        m_sweepStart = nowMs;
        m_sweeping = m_steps > 0;
    } else {
        writeLine("Error: Bad angle");
    }
}

void SeedBoard::endVerdict()
{
    writeLine("OK: Good to go");
}

void SeedBoard::tick(qint64 nowMs)
{
    if (!m_sweeping)
        return;
    const qint64 done = (nowMs - m_sweepStart) / m_msPerDeg;  // delays finished so far
    m_angle = m_from + m_incr * int(qMin<qint64>(done, m_steps - 1));
    if (done >= m_steps) {
        m_sweeping = false;  // stopped on newpos - incr: one degree short
        endVerdict();
    }
}
