// A small but real Uno for unit tests, on the far end of a LoopbackLink: either our firmware
// (ready line after reset, never blocks, "?" answers) or the 2011 seed firmware (no ready line,
// blocking sweeps that stop one degree short, input during a sweep discarded, every extension
// "Error: Bad input"). It also checks the host's manners: lines that arrive while it is still
// busy with the previous one would overflow a real Uno's buffer, and are counted.
#pragma once
#include "comms/loopback_link.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QTimer>

class FakeBoard : public QObject {
    Q_OBJECT
public:
    struct Options {
        bool seed = false;
        bool resetOnOpen = true;  // a Uno resets when the host opens the port (DTR)
        int bootMs = 0;           // bootloader time after a reset; input is lost meanwhile
        int msPerDeg = 1;         // sweep speed (the real boards: 30)
        int answerMs = 1;         // time to process a line (busy meanwhile)
    };

    // device: the board's end (opened here); host: the end the client uses, watched for opens.
    FakeBoard(rudebot::LoopbackLink *device, rudebot::LoopbackLink *host, const Options &options);

    void reset();  // reboot now, as after a power glitch or a DTR pulse
    void setMute(bool mute) { m_mute = mute; }  // a hung board: reads, never answers

    int angle() const { return m_angle; }
    int target() const { return m_target; }
    const QList<QByteArray> &lines() const { return m_lines; }  // every line received
    QList<int> anglesReceived() const;
    int overlaps() const { return m_overlaps; }      // lines that arrived while busy
    int discardedBytes() const { return m_discarded; }  // seed: dropped during sweeps
    int errorsSent() const { return m_errors; }
    int resets() const { return m_resets; }
    int speed() const { return m_speed; }  // ms per degree as set by "Snn"
    static constexpr int kDefaultSpeed = 30;

signals:
    void angleChanged(int angle);

private:
    void onBytes(const QByteArray &bytes);
    void execute(const QByteArray &line);
    void reply(const QByteArray &line);
    void startSweep();
    void step();
    void stepOnce();
    void seedSweepDone();

    rudebot::LoopbackLink *m_device;
    Options m_opt;
    QTimer m_bootTimer, m_answerTimer, m_stepTimer;
    QElapsedTimer m_stepClock;
    qint64 m_stepsDone = 0;
    QByteArray m_partial;
    bool m_tooLong = false;
    QList<QByteArray> m_pendingReplies;
    bool m_booting = false;
    bool m_sweeping = false;
    bool m_mute = false;
    int m_angle = 90;
    int m_target = 90;
    int m_speed = kDefaultSpeed;
    QList<QByteArray> m_lines;
    int m_overlaps = 0, m_discarded = 0, m_errors = 0, m_resets = 0;
};
