#include "simrig/sim_rig_process.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

#include <csignal>
#include <sys/prctl.h>
#include <unistd.h>

namespace rudebot {

SimRigProcess::SimRigProcess(QObject *parent) : QObject(parent)
{
    connect(&m_proc, &QProcess::readyReadStandardOutput, this, &SimRigProcess::readOutput);
    connect(&m_proc, &QProcess::readyReadStandardError, this,
        [this] { m_stderr += m_proc.readAllStandardError(); });
    connect(&m_proc, &QProcess::errorOccurred, this, [this](QProcess::ProcessError e) {
        if (e == QProcess::FailedToStart)
            emit failed(tr("Cannot start the virtual rig %1: %2")
                            .arg(m_proc.program(), m_proc.errorString()));
    });
    connect(&m_proc, &QProcess::finished, this, [this] {
        readOutput();
        if (!m_ready)
            emit failed(tr("The virtual rig stopped before it was ready: %1")
                            .arg(QString::fromLocal8Bit(m_stderr.trimmed())));
        m_ready = false;
        emit finished();
    });
}

SimRigProcess::~SimRigProcess()
{
    m_proc.disconnect(this);
    stop();
}

QString SimRigProcess::defaultProgram()
{
    const QString local = QDir(QCoreApplication::applicationDirPath()).filePath("rudebot-sim");
    if (QFileInfo(local).isExecutable())
        return local;
    const QString onPath = QStandardPaths::findExecutable("rudebot-sim");
    return onPath.isEmpty() ? local : onPath;
}

void SimRigProcess::start(const SimRigOptions &options)
{
    stop();
    m_options = options;
    m_ready = false;
    m_stdout.reset();
    m_stderr.clear();
    QStringList args{"--link", options.link, "--speed", QString::number(options.speed)};
    if (!options.elf.isEmpty())
        args << "--elf" << options.elf;
    if (options.resetOnOpen)
        args << "--reset-on-open";
    if (options.hold)
        args << "--hold";
    args << options.extraArgs;
    // The simulator must not outlive us, even when we are SIGKILLed (no destructor runs): the
    // kernel sends it SIGTERM when this thread dies. Runs in the child between fork and exec,
    // so only async-signal-safe calls. If we died before prctl() took effect, the child was
    // already reparented: getppid() no longer names us, and it leaves at once.
    const pid_t parent = getpid();
    m_proc.setChildProcessModifier([parent] {
        prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (getppid() != parent)
            _exit(1);
    });
    m_proc.start(options.program.isEmpty() ? defaultProgram() : options.program, args);
}

void SimRigProcess::kill()
{
    if (m_proc.state() == QProcess::NotRunning)
        return;
    m_proc.kill();
    m_proc.waitForFinished(10000);
}

void SimRigProcess::stop()
{
    if (m_proc.state() == QProcess::NotRunning)
        return;
    m_proc.terminate();
    if (!m_proc.waitForFinished(10000)) {
        m_proc.kill();
        m_proc.waitForFinished(10000);
    }
}

void SimRigProcess::readOutput()
{
    for (const QByteArray &line : m_stdout.feed(m_proc.readAllStandardOutput()))
        parseLine(line.trimmed());
}

void SimRigProcess::parseLine(const QByteArray &line)
{
    const QList<QByteArray> f = line.split(' ');
    const QByteArray kind = f.value(0);
    if (kind == "READY" && f.size() >= 3) {
        m_pty = QString::fromLocal8Bit(f.at(2));
        m_ready = true;
        emit ready(QString::fromLocal8Bit(f.at(1)), m_pty);
    } else if (kind == "RESET" && f.size() >= 2) {
        emit resetSeen(f.at(1).toDouble());
    } else if (kind == "SERVO" && f.size() >= 4) {
        emit servoChanged({f.at(1).toDouble(), f.at(2).toInt(), f.at(3).toDouble()});
    }
}

}  // namespace rudebot
