// Reads avrdude 7.1's standard error while it flashes an Uno through its bootloader
// (`-c arduino`, STK500v1 to Optiboot) and turns it into a phase, an overall percentage and,
// when it fails, a reason with a sentence for the user. Pure: bytes in, state out; no
// process, no clock.
//
// What avrdude writes to a pipe (captured from real runs, see tests/flash/data/):
//   avrdude: device signature = 0x1e950f (probably m328p)
//   avrdude: writing 3660 bytes flash ...
//   Writing | ################################################## | 100% 0.44s
//   avrdude: verifying flash memory against rudebot.hex
//   Reading | ################################################## | 100% 0.43s
// Each bar is 50 '#' (2 % each) that arrive a few at a time, so output can stop mid-line.
#pragma once
#include <QByteArray>
#include <QString>

namespace rudebot {

enum class FlashPhase {
    Connecting,  // opening the port, synchronising with the bootloader
    Erasing,  // only without -D (Optiboot erases page by page while writing)
    Writing,  // overall 0..50 %
    Verifying,  // reading back, overall 50..100 %
    Done,
};

// What the phase means to the user, as a sentence ("Writing the firmware…").
QString flashPhaseText(FlashPhase phase);

enum class FlashError {
    None,
    NoAnswer,  // the port opened but no bootloader answered (avrdude's sync attempts ran out)
    ConnectionLost,  // the bootloader stopped answering after it had answered
    PortMissing,  // the port does not exist (unplugged, wrong name)
    PortBusy,  // another program holds the port
    PortDenied,  // no permission (not in the dialout group)
    PortFailed,  // any other reason the port cannot be opened
    WrongChip,  // the board answers but is not an ATmega328P
    VerifyFailed,  // the flash read back differs from the file
    FileUnreadable,  // the .hex cannot be read
    AvrdudeMissing,  // set by the flasher: the program cannot be started
    Cancelled,  // set by the flasher
    Other,  // avrdude failed for a reason not recognised above
};

class AvrdudeProgress {
public:
    // `port` and `hexFile` only go into the messages.
    explicit AvrdudeProgress(const QString &port = {}, const QString &hexFile = {});

    // Feeds the next bytes of avrdude's stderr, in any chunks.
    void feed(const QByteArray &bytes);
    // The process ended: a clean exit 0 completes the run; anything else is a failure
    // (an unrecognised one becomes FlashError::Other).
    void finish(int exitCode);

    FlashPhase phase() const { return m_phase; }
    int percent() const { return m_percent; }  // 0..100 overall, never decreasing
    FlashError error() const { return m_error; }  // the first failure recognised
    bool succeeded() const { return m_finished && m_error == FlashError::None; }

    QString signature() const { return m_signature; }  // "0x1e950f" once read
    int syncAttempt() const { return m_attempt; }  // last failed sync attempt, 0 = none
    int syncAttempts() const { return m_attempts; }

    // What happened and what to do, one or two sentences; empty while all is well.
    QString message() const;
    // The last line avrdude marked as an error (for a log or a "details" box).
    QString lastErrorLine() const { return m_lastErrorLine; }

    static QString describe(
        FlashError error, const QString &port, const QString &hexFile, const QString &detail = {});

private:
    void onLine(const QByteArray &line);
    void trackBar();
    void onBarText(const QByteArray &text);
    void setPhase(FlashPhase phase);
    void setError(FlashError error, const QString &detail = {});
    void raiseTo(int percent);

    QString m_port;
    QString m_hexFile;
    QByteArray m_line;  // the unfinished current line
    bool m_inBar = false;  // the current line is a progress bar: count its '#'
    bool m_verifyNext = false;  // "verifying ..." seen: the next Reading bar is the verify
    FlashPhase m_phase = FlashPhase::Connecting;
    int m_percent = 0;
    FlashError m_error = FlashError::None;
    QString m_detail;
    QString m_signature;
    QString m_lastErrorLine;
    int m_attempt = 0;
    int m_attempts = 0;
    bool m_otherAnswer = false;  // something other than the bootloader replied to a sync
    bool m_finished = false;
};

}  // namespace rudebot
