#include "virtual_rig.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QTimer>

namespace {

// Runs the event loop until pred() holds or the deadline passes; waits on events, not sleeps.
template <typename Pred>
bool spinUntil(Pred pred, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!pred()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    }
    return true;
}

} // namespace

VirtualRig::VirtualRig(QObject *parent) : QObject(parent)
{
    connect(&m_proc, &QProcess::readyReadStandardOutput, this, &VirtualRig::readOutput);
    connect(&m_proc, &QProcess::readyReadStandardError, this,
        [this] { m_stderr += m_proc.readAllStandardError(); });
    connect(&m_proc, &QProcess::finished, this, &VirtualRig::finished);
}

VirtualRig::~VirtualRig()
{
    stop();
}

QString VirtualRig::simulatorPath()
{
    return QStringLiteral(RUDEBOT_SIM_PATH);
}

QString VirtualRig::firmwarePath(const QString &name)
{
    return QStringLiteral(RUDEBOT_FIRMWARE_DIR "/%1.elf").arg(name);
}

bool VirtualRig::start(const Options &options, int timeoutMs)
{
    m_options = options;
    m_link = options.link.isEmpty() ? m_dir.filePath(QStringLiteral("rig")) : options.link;
    return restart(timeoutMs);
}

bool VirtualRig::restart(int timeoutMs)
{
    stop();
    m_ready = false;
    m_stdoutBuf.clear();
    m_error.clear();
    QStringList args{QStringLiteral("--link"), m_link, QStringLiteral("--speed"),
        QString::number(m_options.speed)};
    if (!m_options.elf.isEmpty())
        args << QStringLiteral("--elf") << m_options.elf;
    if (m_options.resetOnOpen)
        args << QStringLiteral("--reset-on-open");
    args << m_options.extraArgs;
    m_proc.start(simulatorPath(), args);
    if (!m_proc.waitForStarted(timeoutMs)) {
        m_error = QStringLiteral("cannot start %1: %2").arg(simulatorPath(), m_proc.errorString());
        return false;
    }
    const bool ok = spinUntil([this] { return m_ready || m_proc.state() != QProcess::Running; },
        timeoutMs);
    if (!ok || !m_ready) {
        m_error = QStringLiteral("rudebot-sim did not become ready: %1")
                      .arg(QString::fromLocal8Bit(m_stderr.trimmed()));
        return false;
    }
    return true;
}

void VirtualRig::kill()
{
    if (m_proc.state() == QProcess::NotRunning)
        return;
    m_proc.kill();
    m_proc.waitForFinished(10000);
}

void VirtualRig::stop()
{
    if (m_proc.state() == QProcess::NotRunning)
        return;
    m_proc.terminate();
    if (!m_proc.waitForFinished(10000)) {
        m_proc.kill();
        m_proc.waitForFinished(10000);
    }
    readOutput();
}

bool VirtualRig::waitForAngle(double degrees, double toleranceDeg, int timeoutMs)
{
    return spinUntil([&] { return hasServo() && qAbs(servo().angleDeg - degrees) <= toleranceDeg; },
        timeoutMs);
}

bool VirtualRig::waitForResets(int count, int timeoutMs)
{
    return spinUntil([&] { return m_resets >= count; }, timeoutMs);
}

void VirtualRig::readOutput()
{
    m_stdoutBuf += m_proc.readAllStandardOutput();
    int nl;
    while ((nl = m_stdoutBuf.indexOf('\n')) >= 0) {
        const QByteArray line = m_stdoutBuf.left(nl).trimmed();
        m_stdoutBuf.remove(0, nl + 1);
        parseLine(line);
    }
}

void VirtualRig::parseLine(const QByteArray &line)
{
    const QList<QByteArray> f = line.split(' ');
    if (f.value(0) == "READY" && f.size() >= 3) {
        m_pty = QString::fromLocal8Bit(f.at(2));
        m_ready = true;
    } else if (f.value(0) == "RESET" && f.size() >= 2) {
        ++m_resets;
        emit resetSeen(f.at(1).toDouble());
    } else if (f.value(0) == "SERVO" && f.size() >= 4) {
        const ServoSample s{f.at(1).toDouble(), f.at(2).toInt(), f.at(3).toDouble()};
        m_samples.append(s);
        emit servoChanged(s);
    }
}
