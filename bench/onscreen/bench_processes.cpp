#include "bench_processes.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QFile>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QUrlQuery>
#include <algorithm>
#include <cmath>
#include <csignal>
#include <ctime>

#include "proc_stats.h"

namespace bench {

qint64 nowNs()
{
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

double nowMs()
{
    return nowNs() / 1e6;
}

void waitMs(int ms)
{
    QDeadlineTimer deadline(ms);
    while (!deadline.hasExpired())
        QCoreApplication::processEvents(
            QEventLoop::WaitForMoreEvents, int(std::max<qint64>(1, deadline.remainingTime())));
}

double percentile(QList<double> v, double p)
{
    if (v.isEmpty())
        return std::nan("");
    std::sort(v.begin(), v.end());
    const qsizetype rank = qsizetype(std::ceil(p / 100.0 * double(v.size())));
    return v.at(std::clamp<qsizetype>(rank - 1, 0, v.size() - 1));
}

QString loadAverage()
{
    QFile f(QStringLiteral("/proc/loadavg"));
    if (!f.open(QIODevice::ReadOnly))
        return QStringLiteral("?");
    return QString::fromLatin1(f.readAll()).section(QLatin1Char(' '), 0, 2);
}

Station::~Station()
{
    stop();
}

bool Station::start(const QString &camera, double fps, QString *error)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), m_dir.path());
    m_process.setProcessEnvironment(env);
    m_process.setProcessChannelMode(QProcess::SeparateChannels);
    m_process.start(QStringLiteral(RUDEBOT_BRIDGE_PATH),
        {QStringLiteral("--virtual-rig"), QStringLiteral("--camera"), camera,
            QStringLiteral("--video-size"), QStringLiteral("1280x720"), QStringLiteral("--fps"),
            QString::number(fps), QStringLiteral("--quality"), QStringLiteral("80"),
            QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
            QStringLiteral("--video-listen"), QStringLiteral("127.0.0.1:0"),
            QStringLiteral("--advertise"), QStringLiteral("127.0.0.1"),
            QStringLiteral("--data-dir"), m_dir.filePath(QStringLiteral("station"))});
    QByteArray out;
    QDeadlineTimer deadline(30000);
    while (m_url.isEmpty() && !deadline.hasExpired() && m_process.state() != QProcess::NotRunning) {
        m_process.waitForReadyRead(200);
        out += m_process.readAllStandardOutput();
        const QString text = QString::fromLocal8Bit(out);
        const auto link = QRegularExpression(QStringLiteral("(rudebot://\\S+)")).match(text);
        const auto url = QRegularExpression(QStringLiteral("(https://\\S+/stream)")).match(text);
        if (link.hasMatch() && url.hasMatch()) {
            m_link = link.captured(1);
            m_url = url.captured(1);
            m_key = QUrlQuery(QUrl(m_link)).queryItemValue(QStringLiteral("key"));
        }
    }
    if (m_url.isEmpty()) {
        *error = QStringLiteral("rudebot-bridge did not start: %1 %2")
                     .arg(QString::fromLocal8Bit(out),
                         QString::fromLocal8Bit(m_process.readAllStandardError()));
        return false;
    }
    // Its messages are not needed; discard them so its pipe never fills.
    QObject::connect(&m_process, &QProcess::readyReadStandardOutput, &m_process,
        [this] { m_process.readAllStandardOutput(); });
    QObject::connect(&m_process, &QProcess::readyReadStandardError, &m_process,
        [this] { m_process.readAllStandardError(); });
    return true;
}

QList<qint64> Station::children() const
{
    return childProcesses(m_process.processId());
}

void Station::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();  // the bridge stops its virtual rig on SIGTERM
    if (!m_process.waitForFinished(10000))
        m_process.kill();
    m_process.waitForFinished(3000);
}

Viewer::Viewer(QString name, QString program, QStringList args, QString stationLink)
    : m_name(std::move(name)), m_program(std::move(program)), m_args(std::move(args)),
      m_stationLink(std::move(stationLink))
{
}

Viewer::~Viewer()
{
    stop();
}

QString Viewer::commandLine() const
{
    QStringList shown = m_args;
    for (QString &a : shown)  // the pairing secret is a password: keep it out of the printout
        a.replace(QRegularExpression(QStringLiteral("(key=|token=)[A-Za-z0-9_-]+")),
            QStringLiteral("\\1…"));
    return QFileInfo(m_program).fileName() + QLatin1Char(' ') + shown.join(QLatin1Char(' '));
}

bool Viewer::start(QString *error)
{
    stop();
    m_process = std::make_unique<QProcess>();
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("xcb"));
    for (const char *var : {"HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"})
        env.insert(QLatin1String(var), m_home.filePath(QLatin1String(var)));
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), m_home.path());
    if (!m_stationLink.isEmpty())
        env.insert(QStringLiteral("RUDEBOT_STATION_LINK"), m_stationLink);
    m_process->setProcessEnvironment(env);
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    m_process->setStandardOutputFile(m_home.filePath(QStringLiteral("log")));
    m_process->start(m_program, m_args);
    if (!m_process->waitForStarted(10000)) {
        *error = QStringLiteral("%1 did not start: %2").arg(m_program, m_process->errorString());
        return false;
    }
    return true;
}

void Viewer::stop()
{
    if (!m_process)
        return;
    const QList<qint64> children = childProcesses(m_process->processId());
    if (m_process->state() != QProcess::NotRunning) {
        m_process->terminate();
        if (!m_process->waitForFinished(5000))
            m_process->kill();
        m_process->waitForFinished(3000);
    }
    for (qint64 child : children)  // the demo's rudebot-sim outlives a SIGTERMed app
        ::kill(pid_t(child), SIGTERM);
    m_process.reset();
}

QString Viewer::logTail() const
{
    QFile f(m_home.filePath(QStringLiteral("log")));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromLocal8Bit(f.readAll().right(2000));
}

QStringList ffplayArgs(bool tuned, const QRect &picture, const QString &url)
{
    QStringList args = tuned
        ? QStringLiteral("-fflags nobuffer -flags low_delay -framedrop -probesize 32 "
                         "-analyzeduration 0 -vf setpts=N/(1000/33)/TB")
              .split(QLatin1Char(' '))
        : QStringList{QStringLiteral("-fflags"), QStringLiteral("nobuffer")};
    args << QStringLiteral("-an") << QStringLiteral("-tls_verify") << QStringLiteral("0")
         << QStringLiteral("-noborder") << QStringLiteral("-left")
         << QString::number(picture.left()) << QStringLiteral("-top")
         << QString::number(picture.top()) << QStringLiteral("-x")
         << QString::number(picture.width()) << QStringLiteral("-y")
         << QString::number(picture.height()) << QStringLiteral("-loglevel")
         << QStringLiteral("error") << url;
    return args;
}

QString ffplayName(bool tuned)
{
    return tuned ? QStringLiteral("ffplay, tuned") : QStringLiteral("ffplay -fflags nobuffer");
}

QString Viewer::appPath()
{
    return QStringLiteral(RUDEBOT_APP_PATH);
}

QString Viewer::ffplayPath()
{
    return QStandardPaths::findExecutable(QStringLiteral("ffplay"));
}

}  // namespace bench
