// Processes as the kernel lists them under /proc, for tests that check what a program leaves
// behind when it ends (its simulator must not outlive it).
#pragma once
#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QList>

namespace rudebot {

// The live children of `parent` named `name` (from /proc/PID/stat: "pid (comm) state ppid …").
inline QList<qint64> childProcesses(qint64 parent, const QByteArray &name)
{
    QList<qint64> found;
    const QStringList pids =
        QDir(QStringLiteral("/proc")).entryList({QStringLiteral("[0-9]*")}, QDir::Dirs);
    for (const QString &pid : pids) {
        QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
        if (!f.open(QIODevice::ReadOnly))
            continue;
        const QByteArray stat = f.readAll();
        const int open = stat.indexOf('('), close = stat.lastIndexOf(')');
        if (open < 0 || close < open)
            continue;
        const QList<QByteArray> rest = stat.mid(close + 2).split(' ');
        if (stat.mid(open + 1, close - open - 1) == name && rest.size() > 1
            && rest[1].toLongLong() == parent)
            found << pid.toLongLong();
    }
    return found;
}

// Gone, or a zombie nobody reaps (PID 1 in a container may not).
inline bool processExited(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return true;
    const QByteArray stat = f.readAll();
    return stat.mid(stat.lastIndexOf(')') + 2, 1) == "Z";
}

}  // namespace rudebot
