#include "proc_stats.h"

#include <QDir>
#include <QFile>
#include <unistd.h>

namespace bench {

ProcSample sampleProcess(qint64 pid)
{
    ProcSample s;
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return s;
    const QByteArray line = stat.readAll();
    // The command name is in parentheses and may hold spaces: count fields after the last ')'.
    const QList<QByteArray> f = line.mid(line.lastIndexOf(')') + 2).split(' ');
    if (f.size() < 13)
        return s;
    const double tick = double(sysconf(_SC_CLK_TCK));
    s.cpuSeconds = (f[11].toDouble() + f[12].toDouble()) / tick;  // fields 14 and 15 of stat
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (status.open(QIODevice::ReadOnly)) {
        for (const QByteArray &l : status.readAll().split('\n')) {
            const QList<QByteArray> parts = l.simplified().split(' ');
            if (parts.size() >= 2 && parts[0] == "VmRSS:")
                s.rssMiB = parts[1].toDouble() / 1024;
            if (parts.size() >= 2 && parts[0] == "VmHWM:")
                s.peakRssMiB = parts[1].toDouble() / 1024;
        }
    }
    s.ok = true;
    return s;
}

QList<qint64> childProcesses(qint64 pid)
{
    QList<qint64> out;
    const QDir tasks(QStringLiteral("/proc/%1/task").arg(pid));
    for (const QString &t : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile f(tasks.filePath(t + QStringLiteral("/children")));
        if (!f.open(QIODevice::ReadOnly))
            continue;
        for (const QByteArray &c : f.readAll().simplified().split(' '))
            if (!c.isEmpty() && !out.contains(c.toLongLong()))
                out << c.toLongLong();
    }
    return out;
}

}  // namespace bench
