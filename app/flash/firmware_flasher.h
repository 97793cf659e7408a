// Installs a firmware .hex on an Arduino Uno the way the Arduino IDE does: avrdude, STK500v1
// to the Optiboot bootloader (`-c arduino -b 115200 -D`), verifying what it wrote. Reports
// progress from avrdude's output and ends with one finished() carrying a sentence for the
// user. Runs avrdude as a child process; never blocks.
#pragma once
#include "flash/avrdude_progress.h"

#include <QByteArray>
#include <QObject>
#include <QProcess>
#include <QStringList>
#include <QTimer>

namespace rudebot {

struct FlashSettings {
    QString port;  // the Uno's serial device (/dev/ttyACM0, a by-id link, a pty)
    QString hexFile;  // Intel hex; empty = bundledFirmwarePath()
    QString avrdude = QStringLiteral("avrdude");  // a name looked up on PATH, or a path
    QString partNo = QStringLiteral("atmega328p");
    qint32 baudRate = 115200;  // Optiboot on the Uno
    // Sync attempts before "does not answer"; 0 = avrdude's own default (10). Each attempt
    // on a silent board costs about 5.6 s.
    int syncAttempts = 0;
    bool verify = true;
    int timeoutMs = 180000;  // avrdude is killed if it runs longer
    // avrdude is killed if it prints nothing for this long. avrdude 7.1 never gives up on a
    // port that vanishes under it (measured: a pty whose other end closed makes it spin at
    // full CPU forever); while working it prints at least every sync attempt (~5.6 s) or 2 %.
    int stallTimeoutMs = 20000;
};

class FirmwareFlasher : public QObject {
    Q_OBJECT
public:
    explicit FirmwareFlasher(QObject *parent = nullptr);
    ~FirmwareFlasher() override;  // kills a running avrdude

    // The avrdude command line for these settings (without the program).
    static QStringList arguments(const FlashSettings &settings);
    // The program that would run, or empty if it is not installed / not executable.
    static QString findAvrdude(const QString &program);

    // Starts flashing; progress() follows, then exactly one finished(), also for errors found
    // before avrdude runs (missing avrdude or file), which arrive from the event loop, never
    // from inside start(). Ignored while running.
    void start(const FlashSettings &settings);
    // Stops avrdude; finished(false, ...) with FlashError::Cancelled follows.
    void cancel();

    bool isRunning() const { return m_running; }
    FlashError error() const { return m_error; }
    QString message() const { return m_message; }
    QByteArray output() const { return m_output; }  // everything avrdude printed
    FlashSettings settings() const { return m_settings; }

signals:
    void progress(rudebot::FlashPhase phase, int percent);  // percent: 0..100 overall
    void outputReceived(const QByteArray &bytes);  // avrdude's output, for a log
    void finished(bool ok, const QString &message);

private:
    void onOutput();
    void onProcessFinished(int exitCode, QProcess::ExitStatus status);
    void onProcessError(QProcess::ProcessError error);
    void fail(FlashError error, const QString &message);  // before or instead of avrdude
    void conclude(bool ok, FlashError error, const QString &message);

    QProcess m_proc;
    QTimer m_timeout;
    QTimer m_stall;
    FlashSettings m_settings;
    AvrdudeProgress m_parser;
    QByteArray m_output;
    FlashPhase m_lastPhase = FlashPhase::Connecting;
    int m_lastPercent = -1;
    bool m_running = false;
    bool m_cancelled = false;
    bool m_timedOut = false;
    bool m_stalled = false;
    FlashError m_error = FlashError::None;
    QString m_message;
};

}  // namespace rudebot
