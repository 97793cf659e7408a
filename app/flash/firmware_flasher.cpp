#include "flash/firmware_flasher.h"
#include "flash/bundled_firmware.h"

#include <QFileInfo>
#include <QProcessEnvironment>
#include <QStandardPaths>

namespace rudebot {

namespace {
const int kTerminateGraceMs = 2000;  // after SIGTERM, before SIGKILL
}

FirmwareFlasher::FirmwareFlasher(QObject *parent) : QObject(parent)
{
    // One stream: avrdude writes its messages and bars to stderr, and the order matters.
    m_proc.setProcessChannelMode(QProcess::MergedChannels);
    // avrdude and strerror() in English, whatever the desktop's language: we read the text.
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C"));
    m_proc.setProcessEnvironment(env);
    connect(&m_proc, &QProcess::readyReadStandardOutput, this, &FirmwareFlasher::onOutput);
    connect(&m_proc, &QProcess::finished, this, &FirmwareFlasher::onProcessFinished);
    connect(&m_proc, &QProcess::errorOccurred, this, &FirmwareFlasher::onProcessError);
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        m_timedOut = true;
        m_proc.kill();
    });
    m_stall.setSingleShot(true);
    connect(&m_stall, &QTimer::timeout, this, [this] {
        m_stalled = true;
        m_proc.kill();
    });
}

FirmwareFlasher::~FirmwareFlasher()
{
    if (m_proc.state() != QProcess::NotRunning) {
        m_proc.disconnect(this);
        m_proc.kill();
        m_proc.waitForFinished(kTerminateGraceMs);
    }
}

QStringList FirmwareFlasher::arguments(const FlashSettings &s)
{
    // As the Arduino IDE uploads to an Uno; -D because Optiboot erases each page itself
    // and ignores a chip erase.
    QStringList args{QStringLiteral("-p"), s.partNo, QStringLiteral("-c"),
        QStringLiteral("arduino"), QStringLiteral("-P"), s.port, QStringLiteral("-b"),
        QString::number(s.baudRate), QStringLiteral("-D")};
    if (s.syncAttempts > 0)
        args << QStringLiteral("-x") << QStringLiteral("attempts=%1").arg(s.syncAttempts);
    if (!s.verify)
        args << QStringLiteral("-V");
    args << QStringLiteral("-U") << QStringLiteral("flash:w:%1:i").arg(s.hexFile);
    return args;
}

QString FirmwareFlasher::findAvrdude(const QString &program)
{
    if (program.contains(QLatin1Char('/'))) {
        QFileInfo info(program);
        return info.isFile() && info.isExecutable() ? info.absoluteFilePath() : QString();
    }
    return QStandardPaths::findExecutable(program);
}

void FirmwareFlasher::start(const FlashSettings &settings)
{
    if (m_running)
        return;
    m_settings = settings;
    if (m_settings.hexFile.isEmpty())
        m_settings.hexFile = bundledFirmwarePath();
    m_parser = AvrdudeProgress(m_settings.port, m_settings.hexFile);
    m_output.clear();
    m_lastPhase = FlashPhase::Connecting;
    m_lastPercent = -1;
    m_cancelled = m_timedOut = m_stalled = false;
    m_error = FlashError::None;
    m_message.clear();
    m_running = true;

    const QString program = findAvrdude(m_settings.avrdude);
    if (program.isEmpty()) {
        fail(FlashError::AvrdudeMissing,
            AvrdudeProgress::describe(FlashError::AvrdudeMissing, m_settings.port,
                m_settings.hexFile,
                m_settings.avrdude == QLatin1String("avrdude")
                    ? QString()
                    : QStringLiteral("%1 was not found").arg(m_settings.avrdude)));
        return;
    }
    // Checked here as well as by avrdude: avrdude only reads the file after the board has
    // answered, so a missing file would otherwise cost a board reset first.
    if (!QFileInfo(m_settings.hexFile).isReadable()) {
        fail(FlashError::FileUnreadable,
            AvrdudeProgress::describe(FlashError::FileUnreadable, m_settings.port,
                m_settings.hexFile, QStringLiteral("it does not exist or is not readable")));
        return;
    }
    emit progress(FlashPhase::Connecting, 0);
    m_lastPercent = 0;
    m_timeout.start(m_settings.timeoutMs);
    m_stall.start(m_settings.stallTimeoutMs);
    m_proc.start(program, arguments(m_settings));
}

void FirmwareFlasher::cancel()
{
    if (!m_running || m_proc.state() == QProcess::NotRunning)
        return;
    m_cancelled = true;
    m_proc.terminate();
    QTimer::singleShot(kTerminateGraceMs, &m_proc, [this] {
        if (m_proc.state() != QProcess::NotRunning)
            m_proc.kill();
    });
}

void FirmwareFlasher::onOutput()
{
    const QByteArray bytes = m_proc.readAllStandardOutput();
    if (bytes.isEmpty())
        return;
    m_stall.start(m_settings.stallTimeoutMs);
    m_output += bytes;
    emit outputReceived(bytes);
    m_parser.feed(bytes);
    if (m_parser.phase() != m_lastPhase || m_parser.percent() != m_lastPercent) {
        m_lastPhase = m_parser.phase();
        m_lastPercent = m_parser.percent();
        emit progress(m_lastPhase, m_lastPercent);
    }
}

void FirmwareFlasher::onProcessFinished(int exitCode, QProcess::ExitStatus status)
{
    m_timeout.stop();
    m_stall.stop();
    onOutput();
    if (m_cancelled) {
        conclude(false, FlashError::Cancelled,
            AvrdudeProgress::describe(FlashError::Cancelled, m_settings.port, m_settings.hexFile));
        return;
    }
    if (m_timedOut) {
        conclude(false, FlashError::Other,
            AvrdudeProgress::describe(FlashError::Other, m_settings.port, m_settings.hexFile,
                QStringLiteral("it did not finish within %1 s").arg(m_settings.timeoutMs / 1000)));
        return;
    }
    if (m_stalled) {
        // Silence after the board had answered means it went away mid-flash.
        bool started = m_parser.phase() != FlashPhase::Connecting;
        FlashError e = started ? FlashError::ConnectionLost : FlashError::NoAnswer;
        conclude(false, e,
            AvrdudeProgress::describe(e, m_settings.port, m_settings.hexFile,
                started ? QString()
                        : QStringLiteral("avrdude got no reply for %1 s")
                              .arg(m_settings.stallTimeoutMs / 1000)));
        return;
    }
    m_parser.finish(status == QProcess::NormalExit ? exitCode : -1);
    if (m_parser.succeeded()) {
        if (m_lastPercent != 100)
            emit progress(FlashPhase::Done, 100);
        conclude(true, FlashError::None,
            m_settings.verify
                ? QStringLiteral("The firmware was written to the board on %1 and verified.")
                      .arg(m_settings.port)
                : QStringLiteral("The firmware was written to the board on %1 (not verified).")
                      .arg(m_settings.port));
        return;
    }
    conclude(false, m_parser.error(), m_parser.message());
}

void FirmwareFlasher::onProcessError(QProcess::ProcessError error)
{
    // Crashes and kills also end in finished(); only a failed start does not.
    if (error != QProcess::FailedToStart)
        return;
    m_timeout.stop();
    m_stall.stop();
    conclude(false, FlashError::AvrdudeMissing,
        AvrdudeProgress::describe(
            FlashError::AvrdudeMissing, m_settings.port, m_settings.hexFile, m_proc.errorString()));
}

void FirmwareFlasher::fail(FlashError error, const QString &message)
{
    // From the event loop, so that a caller connecting after start() still hears about it.
    QMetaObject::invokeMethod(
        this, [this, error, message] { conclude(false, error, message); }, Qt::QueuedConnection);
}

void FirmwareFlasher::conclude(bool ok, FlashError error, const QString &message)
{
    if (!m_running)
        return;
    m_running = false;
    m_error = error;
    m_message = message;
    emit finished(ok, message);
}

}  // namespace rudebot
