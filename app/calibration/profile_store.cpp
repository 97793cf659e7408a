#include "calibration/profile_store.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>

namespace rudebot {

namespace {
const QString kSuffix = QStringLiteral(".rudebot-calibration.json");
}  // namespace

ProfileStore::ProfileStore(QString directory) : m_dir(std::move(directory)) { }

QString ProfileStore::pathFor(const QString &rigId) const
{
    QString safe;
    for (const QChar ch : rigId.left(60)) {
        const bool keep = (ch >= QLatin1Char('a') && ch <= QLatin1Char('z'))
            || (ch >= QLatin1Char('A') && ch <= QLatin1Char('Z'))
            || (ch >= QLatin1Char('0') && ch <= QLatin1Char('9')) || ch == QLatin1Char('-')
            || ch == QLatin1Char('.');
        safe += keep ? ch : QLatin1Char('_');
    }
    const QByteArray hash =
        QCryptographicHash::hash(rigId.toUtf8(), QCryptographicHash::Sha256).toHex().left(10);
    return QDir(m_dir).filePath(safe + QLatin1Char('-') + QString::fromLatin1(hash) + kSuffix);
}

bool ProfileStore::contains(const QString &rigId) const
{
    return QFile::exists(pathFor(rigId));
}

std::optional<CalibrationProfile> ProfileStore::load(const QString &rigId, QString *error) const
{
    if (error)
        error->clear();
    if (!contains(rigId))
        return std::nullopt;
    QString why;
    auto profile = readProfileFile(pathFor(rigId), &why);
    if (profile && profile->rigId != rigId) {
        why = QStringLiteral("The stored calibration belongs to another rig (%1).")
                  .arg(profile->rigId);
        profile.reset();
    }
    if (!profile && error)
        *error = QStringLiteral("The saved calibration for this rig cannot be used. %1 Run the "
                                "calibration wizard again.")
                     .arg(why);
    return profile;
}

bool ProfileStore::save(const CalibrationProfile &profile, QString *error)
{
    if (!QDir().mkpath(m_dir)) {
        if (error)
            *error = QStringLiteral("Cannot create the folder %1 for calibrations.").arg(m_dir);
        return false;
    }
    return writeProfileFile(profile, pathFor(profile.rigId), error);
}

bool ProfileStore::remove(const QString &rigId, QString *error)
{
    QFile file(pathFor(rigId));
    if (!file.exists() || file.remove())
        return true;
    if (error)
        *error = QStringLiteral("Cannot delete %1: %2.").arg(file.fileName(), file.errorString());
    return false;
}

QStringList ProfileStore::rigIds() const
{
    QStringList ids;
    const QStringList files = QDir(m_dir).entryList({QLatin1Char('*') + kSuffix}, QDir::Files);
    for (const QString &name : files) {
        const auto p = readProfileFile(QDir(m_dir).filePath(name), nullptr);
        if (p && pathFor(p->rigId) == QDir(m_dir).filePath(name))
            ids.append(p->rigId);
    }
    ids.sort();
    return ids;
}

std::optional<CalibrationProfile> ProfileStore::importFile(
    const QString &path, const QString &rigId, QString *error)
{
    auto profile = readProfileFile(path, error);
    if (!profile)
        return std::nullopt;
    profile->rigId = rigId;
    if (!save(*profile, error))
        return std::nullopt;
    return profile;
}

bool ProfileStore::exportFile(const QString &rigId, const QString &path, QString *error) const
{
    QString why;
    const auto profile = load(rigId, &why);
    if (!profile) {
        if (error)
            *error = why.isEmpty() ? QStringLiteral("This rig has no saved calibration to export.")
                                   : why;
        return false;
    }
    return writeProfileFile(*profile, path, error);
}

}  // namespace rudebot
