#include "fake_board.h"

#include "core/rig_protocol.h"

using rudebot::Link;
using rudebot::LoopbackLink;

FakeBoard::FakeBoard(LoopbackLink *device, LoopbackLink *host, const Options &options)
    : m_device(device), m_opt(options)
{
    for (QTimer *t : {&m_bootTimer, &m_answerTimer})
        t->setSingleShot(true);
    connect(&m_bootTimer, &QTimer::timeout, this, [this] {
        m_booting = false;
        if (!m_opt.seed) {
            m_pendingReplies = {"Ready: Rudebot firmware 1.0.0", "OK: Good to go"};
            m_answerTimer.start(0);
        }
    });
    connect(&m_answerTimer, &QTimer::timeout, this, [this] {
        if (!m_mute)
            for (const QByteArray &l : std::as_const(m_pendingReplies))
                m_device->write(l + "\r\n");
        m_pendingReplies.clear();
    });
    m_stepTimer.setTimerType(Qt::PreciseTimer);  // 1 ms steps; coarse timers round them up
    connect(&m_stepTimer, &QTimer::timeout, this, &FakeBoard::step);
    connect(device, &Link::bytesReceived, this, &FakeBoard::onBytes);
    connect(host, &Link::stateChanged, this, [this](Link::State s) {
        if (s == Link::State::Open && m_opt.resetOnOpen)
            reset();
    });
    device->open();
    // Powered up long ago: at its start angle, its boot lines sent to nobody.
    m_angle = m_target = m_opt.seed ? 92 : 90;
}

void FakeBoard::reset()
{
    ++m_resets;
    m_answerTimer.stop();
    m_stepTimer.stop();
    m_pendingReplies.clear();
    m_partial.clear();
    m_sweeping = false;
    m_speed = kDefaultSpeed;  // the firmware keeps its speed in RAM only
    m_angle = m_target = m_opt.seed ? 92 : 90;  // the seed's Servo.read() after attach()
    emit angleChanged(m_angle);
    m_booting = true;
    m_bootTimer.start(m_opt.bootMs);
}

QList<int> FakeBoard::anglesReceived() const
{
    QList<int> out;
    for (const QByteArray &l : m_lines)
        if (rudebot::angleOfCommand(l) >= 0)
            out << rudebot::angleOfCommand(l);
    return out;
}

void FakeBoard::onBytes(const QByteArray &bytes)
{
    if (m_booting)
        return;  // the bootloader does not pass anything on
    if (m_sweeping) {
        m_discarded += bytes.size();  // the seed is stuck in delay() and flushes this later
        return;
    }
    for (const char c : bytes) {
        if (c != '\r' && c != '\n') {
            if (m_partial.size() == 3 && !m_tooLong) {
                m_tooLong = true;
                m_lines << m_partial + c;
                reply("Error: Angle more than 3 bytes");
            } else if (!m_tooLong) {
                m_partial += c;
            }
            continue;
        }
        const QByteArray line = m_partial;
        const bool wasTooLong = m_tooLong;
        m_partial.clear();
        m_tooLong = false;
        if (!wasTooLong && (!line.isEmpty() || m_opt.seed)) {
            m_lines << line;
            execute(line);
        }
    }
}

void FakeBoard::execute(const QByteArray &line)
{
    const int angle = rudebot::angleOfCommand(line);
    if (angle >= 0) {
        reply("Input angle: " + line);
        m_target = angle;
        if (m_opt.seed) {
            // for (ipos = read(); ipos != newpos; ipos += incr) write(ipos), delay(30)
            m_answerTimer.stop();
            if (!m_mute)
                m_device->write(m_pendingReplies.takeFirst() + "\r\n");
            m_sweeping = true;
            startSweep();
            return;
        }
        if (!m_stepTimer.isActive())
            startSweep();
    } else if (line == "?" && !m_opt.seed) {
        reply(QStringLiteral("Position: angle=%1 target=%2 moving=%3 ms_per_deg=%4")
                  .arg(m_angle).arg(m_target).arg(m_stepTimer.isActive() ? 1 : 0)
                  .arg(m_opt.msPerDeg).toLatin1());
    } else if (line.startsWith('S') && !m_opt.seed) {
        bool ok = false;
        const int ms = line.mid(1).toInt(&ok);
        if (!ok || ms < 1 || ms > 99) {
            reply("Error: Bad speed");
        } else {
            m_speed = ms;  // reported only: the fake keeps sweeping at its test speed
            reply("Speed: ms_per_deg=" + QByteArray::number(ms));
        }
    } else if (line.size() > 0 && line.at(0) >= '0' && line.at(0) <= '9') {
        reply("Error: Bad angle");
    } else {
        reply("Error: Bad input");
    }
}

void FakeBoard::reply(const QByteArray &verdict)
{
    if (m_answerTimer.isActive())
        ++m_overlaps;  // still busy with the previous line: a real Uno's buffer fills up
    if (verdict.startsWith("Error"))
        ++m_errors;
    m_pendingReplies << verdict << "OK: Good to go";
    m_answerTimer.start(m_opt.answerMs);
}

// Steps are due by the clock, like millis() in the firmware: the test's event loop may turn
// only every 10 ms (QTest::qWait), and the board must not slow down with it.
void FakeBoard::step()
{
    const qint64 due = m_stepClock.elapsed() / qMax(1, m_opt.msPerDeg) + 1;
    while (m_stepTimer.isActive() && m_stepsDone < due) {
        ++m_stepsDone;
        stepOnce();
    }
}

void FakeBoard::startSweep()
{
    m_stepClock.start();
    m_stepsDone = 0;
    m_stepTimer.start(m_opt.msPerDeg);
    step();  // the first step at once
}

void FakeBoard::stepOnce()
{
    if (m_opt.seed) {
        const int incr = m_target > m_angle ? 1 : -1;
        if (m_angle == m_target || m_angle + incr == m_target) {
            seedSweepDone();  // the loop ends before writing the target itself
            return;
        }
        m_angle += incr;
        emit angleChanged(m_angle);
        return;
    }
    if (m_angle == m_target) {
        m_stepTimer.stop();
        return;
    }
    m_angle += m_target > m_angle ? 1 : -1;
    emit angleChanged(m_angle);
    if (m_angle == m_target)
        m_stepTimer.stop();
}

void FakeBoard::seedSweepDone()
{
    m_stepTimer.stop();
    m_sweeping = false;
    m_pendingReplies.clear();
    if (!m_mute)
        m_device->write("OK: Good to go\r\n");
}
