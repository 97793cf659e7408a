#include "station/private_files.h"

#include <QDir>
#include <QFileInfo>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace rudebot {

namespace {

const qint64 kMaxPrivateFile = 1024 * 1024;  // secrets and stores are a few KB at most

QString modeText(mode_t mode)
{
    return QStringLiteral("0%1").arg(mode & 0777, 3, 8, QLatin1Char('0'));
}

bool syncDirectory(const QString &dir)
{
    const int fd = ::open(QFile::encodeName(dir).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool ok = ::fsync(fd) == 0;
    ::close(fd);
    return ok;
}

bool writeAll(int fd, const QByteArray &data)
{
    qsizetype done = 0;
    while (done < data.size()) {
        const ssize_t n = ::write(fd, data.constData() + done, size_t(data.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        done += n;
    }
    return true;
}

// Root acts for the owner of the directory (sudo rudebot-bridge pair for a service whose
// systemd DynamicUser owns /var/lib/rudebot): files it finds or makes there are that owner's.
uid_t directoryOwner(const QString &path)
{
    struct stat st { };
    return ::stat(QFile::encodeName(QFileInfo(path).absolutePath()).constData(), &st) == 0
        ? st.st_uid
        : uid_t(-1);
}

}  // namespace

QString fileErrorText(int errnoValue)
{
    switch (errnoValue) {
    case ENOSPC: return QStringLiteral("the disk is full");
    case EDQUOT: return QStringLiteral("the user's disk quota is used up");
    case EROFS: return QStringLiteral("the file system is read-only");
    case EACCES:
    case EPERM: return QStringLiteral("permission denied");
    default: return QString::fromLocal8Bit(std::strerror(errnoValue));
    }
}

bool pathOccupied(const QString &path)
{
    struct stat st { };
    return ::lstat(QFile::encodeName(path).constData(), &st) == 0;
}

PrivateRead readPrivateFile(
    const QString &path, const QString &what, QByteArray *data, QString *error)
{
    // O_NOFOLLOW: a link planted in the station's directory is refused, not read through.
    // O_NONBLOCK: a FIFO put there cannot hang the start.
    const int fd =
        ::open(QFile::encodeName(path).constData(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        const int e = errno;
        if (e == ENOENT)
            return PrivateRead::Missing;
        if (e == ELOOP)
            *error =
                QStringLiteral("%1 (%2) is a symbolic link; the station only uses its own files "
                               "and never follows a link there. Delete the link; the station "
                               "then makes a new %2 (remotes pair again).")
                    .arg(path, what);
        else
            *error = QStringLiteral("cannot read %1 (%2): %3").arg(path, what, fileErrorText(e));
        return PrivateRead::Refused;
    }
    struct stat st { };
    QString problem;
    if (::fstat(fd, &st) != 0)
        problem = QStringLiteral("cannot read %1 (%2): %3").arg(path, what, fileErrorText(errno));
    else if (!S_ISREG(st.st_mode))
        problem = QStringLiteral("%1 (%2) is not a regular file; delete it so the station can "
                                 "make a new one")
                      .arg(path, what);
    else if (st.st_uid != ::geteuid() && !(::geteuid() == 0 && st.st_uid == directoryOwner(path)))
        problem = QStringLiteral("%1 (%2) belongs to another user (uid %3), not to the user the "
                                 "station runs as (uid %4); run the station as its owner, or "
                                 "delete the file and pair every remote again")
                      .arg(path, what)
                      .arg(st.st_uid)
                      .arg(::geteuid());
    else if (st.st_mode & (S_IRWXG | S_IRWXO))
        problem = QStringLiteral("%1 (%2) is readable by other users (mode %3); run 'chmod 600 %1' "
                                 "if nobody else could have read it, otherwise delete it and pair "
                                 "every remote again")
                      .arg(path, what, modeText(st.st_mode));
    else if (st.st_size > kMaxPrivateFile)
        problem =
            QStringLiteral("%1 (%2) is too large to be the station's; delete it").arg(path, what);
    if (!problem.isEmpty()) {
        ::close(fd);
        *error = problem;
        return PrivateRead::Refused;
    }
    QByteArray bytes;
    char buf[4096];
    for (;;) {
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            *error =
                QStringLiteral("cannot read %1 (%2): %3").arg(path, what, fileErrorText(errno));
            ::close(fd);
            return PrivateRead::Refused;
        }
        if (n == 0)
            break;
        bytes.append(buf, n);
    }
    ::close(fd);
    *data = bytes;
    return PrivateRead::Ok;
}

bool writePrivateFile(
    const QString &path, const QByteArray &data, const QString &what, QString *error)
{
    const QFileInfo info(path);
    const QString dir = info.absolutePath();
    QByteArray temp = QFile::encodeName(
        QDir(dir).filePath(QLatin1Char('.') + info.fileName() + QStringLiteral(".tmp-XXXXXX")));
    // mkostemp makes the file 0600 before a byte is in it.
    const int fd = ::mkostemp(temp.data(), O_CLOEXEC);
    if (fd < 0) {
        *error = QStringLiteral("cannot write %1 (%2): %3").arg(path, what, fileErrorText(errno));
        return false;
    }
    int e = 0;
    struct stat dirSt { };
    if (::geteuid() == 0 && ::stat(QFile::encodeName(dir).constData(), &dirSt) == 0
        && dirSt.st_uid != 0 && ::fchown(fd, dirSt.st_uid, dirSt.st_gid) != 0)
        e = errno;
    if (e == 0 && (!writeAll(fd, data) || ::fsync(fd) != 0))
        e = errno;
    if (::close(fd) != 0 && e == 0)
        e = errno;
    // rename() replaces a symbolic link at path with the file; it never writes through it.
    if (e == 0 && ::rename(temp.constData(), QFile::encodeName(path).constData()) != 0)
        e = errno;
    if (e != 0) {
        ::unlink(temp.constData());
        *error = QStringLiteral("cannot write %1 (%2): %3").arg(path, what, fileErrorText(e));
        return false;
    }
    syncDirectory(dir);  // the rename itself survives a power cut
    return true;
}

std::optional<QString> privateStationDirectory(
    const QString &requested, const QStringList &ownFiles, QString *note, QString *error)
{
    const QString dir = QDir::cleanPath(QDir(requested).absolutePath());
    const QByteArray native = QFile::encodeName(dir);
    struct stat st { };
    if (::stat(native.constData(), &st) != 0) {
        if (errno != ENOENT) {
            *error = QStringLiteral("cannot use the data directory %1: %2")
                         .arg(dir, fileErrorText(errno));
            return std::nullopt;
        }
        // Parents as the user's umask makes them; the station's own directory private.
        if (!QDir().mkpath(QFileInfo(dir).absolutePath())
            || ::mkdir(native.constData(), 0700) != 0) {
            *error = QStringLiteral("cannot create the data directory %1: %2")
                         .arg(dir, fileErrorText(errno));
            return std::nullopt;
        }
        return dir;
    }
    if (!S_ISDIR(st.st_mode)) {
        *error = QStringLiteral("the data directory %1 is not a directory").arg(dir);
        return std::nullopt;
    }
    // Root may act for a service's user in that user's private directory.
    const bool mine =
        (st.st_uid == ::geteuid() || ::geteuid() == 0) && !(st.st_mode & (S_IRWXG | S_IRWXO));
    bool holdsStation = false;
    for (const QString &f : ownFiles)
        holdsStation = holdsStation || QFileInfo(QDir(dir).filePath(f)).exists();
    if (mine || holdsStation)
        return dir;
    // A shared folder (or another user's): keep out of its mode, use a private room inside it.
    const QString sub = QDir(dir).filePath(QStringLiteral("rudebot-station"));
    const QByteArray subNative = QFile::encodeName(sub);
    if (::lstat(subNative.constData(), &st) != 0) {
        if (::mkdir(subNative.constData(), 0700) != 0) {
            *error =
                QStringLiteral("the data directory %1 is shared with other users and a private "
                               "directory cannot be made in it (%2); give --data-dir a "
                               "directory of your own")
                    .arg(dir, fileErrorText(errno));
            return std::nullopt;
        }
    } else if (!S_ISDIR(st.st_mode) || st.st_uid != ::geteuid()
        || (st.st_mode & (S_IRWXG | S_IRWXO))) {
        *error =
            QStringLiteral("%1 is not a private directory of this user (mode %2); the station "
                           "keeps its secrets only in one. Give --data-dir a directory of your own")
                .arg(sub, modeText(st.st_mode));
        return std::nullopt;
    }
    if (note)
        *note = QStringLiteral("%1 is shared with other users; the station keeps its files in the "
                               "private directory %2")
                    .arg(dir, sub);
    return sub;
}

}  // namespace rudebot
