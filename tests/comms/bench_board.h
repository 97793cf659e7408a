// Boards for the rig conversation's tests, on a test clock (milliseconds, advanced by the test;
// no event loop, no wall time):
//  - FirmwareBoard: our real firmware core (firmware/rudebot/src, rudebot_fw_core), exactly as
//    the Uno runs it, with a bootloader delay during which input is lost;
//  - SeedBoard: a host model of the 2011 seed firmware (tests/firmware/seedlike/seedlike.ino).
//    A model because the seed is an Arduino sketch (delay(), Serial, Servo) with no host core;
//    building it on the PC would need macro stand-ins for Arduino calls. The sketch itself runs
//    in the virtual rig in tst_rig_client_integration; this model keeps its rules line by line.
// Both also watch the host's manners: a line that arrives before the board has answered the
// previous one would overflow a real Uno's buffer (our firmware) or be dropped (the seed).
#pragma once
#include <QByteArray>
#include <QList>
#include <memory>

namespace rudebot {
class Controller;
}

class BenchBoard {
public:
    virtual ~BenchBoard();

    virtual void reset(qint64 nowMs) = 0;  // power glitch or DTR pulse: boots again
    void receive(const QByteArray &bytes, qint64 nowMs);
    virtual void tick(qint64 nowMs) = 0;
    QByteArray takeOutput();

    void setMute(bool mute) { m_mute = mute; }  // a hung board: takes bytes, never answers
    bool isMute() const { return m_mute; }
    virtual int angle() const = 0;  // servo degrees now
    virtual int speed() const { return 0; }  // ms per degree; 0 = no speed command
    const QList<QByteArray> &lines() const { return m_lines; }  // every line received
    QList<int> anglesReceived() const;
    int errorsSent() const { return m_errors; }
    int discardedBytes() const { return m_discarded; }

protected:
    virtual void feed(const QByteArray &bytes, qint64 nowMs) = 0;
    void writeLine(const QByteArray &line);

    int m_discarded = 0;

private:
    QByteArray m_out;
    QByteArray m_partial;  // for lines(): a log, not the board's own reading
    QList<QByteArray> m_lines;
    int m_errors = 0;
    bool m_mute = false;
};

class FirmwareBoard final : public BenchBoard {
public:
    explicit FirmwareBoard(int bootMs = 0);
    ~FirmwareBoard() override;
    void reset(qint64 nowMs) override;
    void tick(qint64 nowMs) override;
    int angle() const override;
    int speed() const override;
    static constexpr int kDefaultSpeed = 30;

private:
    class Wiring;
    void feed(const QByteArray &bytes, qint64 nowMs) override;

    int m_bootMs;
    qint64 m_bootedAt = 0;  // input before this is lost (the bootloader runs)
    std::unique_ptr<Wiring> m_wiring;
    std::unique_ptr<rudebot::Controller> m_fw;
};

class SeedBoard final : public BenchBoard {
public:
    explicit SeedBoard(int bootMs = 0, int msPerDeg = 30);
    void reset(qint64 nowMs) override;
    void tick(qint64 nowMs) override;
    int angle() const override { return m_angle; }

private:
    void feed(const QByteArray &bytes, qint64 nowMs) override;
    void finishLine(qint64 nowMs);
    void endVerdict();

    int m_bootMs, m_msPerDeg;
    qint64 m_bootedAt = 0;
    int m_angle = kStartAngle;
    QByteArray m_buf;
    // A blocking sweep: from m_from, m_steps steps of m_incr, started at m_sweepStart.
    bool m_sweeping = false;
    int m_from = 0, m_incr = 1, m_steps = 0;
    qint64 m_sweepStart = 0;
    static constexpr int kStartAngle = 92;  // Servo.read() after attach(): 1500 us
};
