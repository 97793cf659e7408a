// Files that hold secrets (the pairing secret, the TLS key, the people store): read only from
// regular files this user owns that nobody else can read, never through a symbolic link, and
// written atomically (a temporary file in the same directory, fsync, rename), so a crash or a
// full disk leaves the old file or none, never a half one. Nothing here changes the mode of an
// existing file or directory: a wrong mode is reported with its fix, not silently repaired.
#pragma once
#include <QByteArray>
#include <QString>
#include <QStringList>
#include <optional>

namespace rudebot {

enum class PrivateRead {
    Ok,
    Missing,
    Refused
};

// Reads path into *data. Missing when nothing is there; Refused (with a sentence in *error
// naming the file, what is wrong and how to fix it) for a symbolic link, a non-regular file,
// another user's file, or one that group or others may read or write. `what` names the file
// for people ("the pairing secret").
PrivateRead readPrivateFile(
    const QString &path, const QString &what, QByteArray *data, QString *error);

// Writes data to path atomically, mode 0600. A symbolic link at path is replaced, never
// followed. False with a sentence in *error that says what failed (e.g. "the disk is full").
bool writePrivateFile(
    const QString &path, const QByteArray &data, const QString &what, QString *error);

// The directory the station keeps its files in, for a requested one: the requested directory
// itself when it is this user's and private (0700) or already holds the station's files
// (ownFiles, each checked on its own when read); otherwise a private subdirectory
// "rudebot-station" in it, so a shared folder given as --data-dir is never chmodded. A missing
// directory is created 0700. *note (may be null) says when the subdirectory was chosen.
std::optional<QString> privateStationDirectory(
    const QString &requested, const QStringList &ownFiles, QString *note, QString *error);

// True when anything is at path, a dangling symbolic link included.
bool pathOccupied(const QString &path);

// "the disk is full" for ENOSPC, etc.: what a person reads after "cannot write X: ".
QString fileErrorText(int errnoValue);

}  // namespace rudebot
