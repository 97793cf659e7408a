// Processes as the kernel lists them under /proc, for tests that check what a program leaves
// behind when it ends (its simulator must not outlive it).
#pragma once
#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QList>
#include <optional>

namespace rudebot {

// One /proc/PID/stat (or /proc/PID/task/TID/stat) line: the name between its parentheses (which
// may hold spaces and parentheses itself), and the fields after it, from the state on.
struct ProcStat {
    QByteArray name;
    QList<QByteArray> fields;  // fields[0] = state, [1] = ppid, [11] = utime, [12] = stime
};
inline std::optional<ProcStat> readProcStat(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QByteArray stat = f.readAll();
    const int open = stat.indexOf('('), close = stat.lastIndexOf(')');
    if (open < 0 || close < open)
        return std::nullopt;
    return ProcStat{stat.mid(open + 1, close - open - 1), stat.mid(close + 2).split(' ')};
}

// The live children of `parent` named `name` (from /proc/PID/stat: "pid (comm) state ppid …").
inline QList<qint64> childProcesses(qint64 parent, const QByteArray &name)
{
    QList<qint64> found;
    const QStringList pids =
        QDir(QStringLiteral("/proc")).entryList({QStringLiteral("[0-9]*")}, QDir::Dirs);
    for (const QString &pid : pids) {
        const auto stat = readProcStat(QStringLiteral("/proc/%1/stat").arg(pid));
        if (stat && stat->name == name && stat->fields.size() > 1
            && stat->fields[1].toLongLong() == parent)
            found << pid.toLongLong();
    }
    return found;
}

// Gone, or a zombie nobody reaps (PID 1 in a container may not).
inline bool processExited(qint64 pid)
{
    const auto stat = readProcStat(QStringLiteral("/proc/%1/stat").arg(pid));
    return !stat || stat->fields.value(0) == "Z";
}

}  // namespace rudebot
