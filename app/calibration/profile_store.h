// Calibration profiles on disk: one file per rig (the format of calibration_profile.h) in a
// directory the caller chooses. The app passes e.g.
// QStandardPaths::writableLocation(AppDataLocation) + "/calibration"; tests a QTemporaryDir.
// No singleton and no hidden state: every call reads or writes the directory, so two stores
// on the same directory agree. Writes are atomic (QSaveFile): a failed save leaves the old
// profile byte for byte as it was.
#pragma once
#include <QString>
#include <QStringList>
#include <optional>

#include "calibration/calibration_profile.h"

namespace rudebot {

class ProfileStore {
public:
    explicit ProfileStore(QString directory);

    QString directory() const { return m_dir; }
    // The file holding a rig's profile: its id made safe for file names, plus a short hash of
    // the exact id so that ids differing only in unsafe characters never share a file.
    QString pathFor(const QString &rigId) const;

    bool contains(const QString &rigId) const;
    // nullopt with *error empty: nothing stored for this rig. nullopt with a sentence: the file
    // is there but unusable (the app should say so and offer the wizard).
    std::optional<CalibrationProfile> load(const QString &rigId, QString *error = nullptr) const;
    // Stores under profile.rigId, replacing that rig's profile. False and a sentence if the
    // profile is invalid or cannot be written; the store is then unchanged.
    bool save(const CalibrationProfile &profile, QString *error = nullptr);
    bool remove(const QString &rigId, QString *error = nullptr);
    QStringList rigIds() const;  // rigs with a readable profile, sorted

    // Reads an exported file and stores it as rigId's profile (a profile may move to another
    // rig, or to the same rig reached another way). Nothing changes on failure.
    std::optional<CalibrationProfile> importFile(
        const QString &path, const QString &rigId, QString *error = nullptr);
    bool exportFile(const QString &rigId, const QString &path, QString *error = nullptr) const;

private:
    QString m_dir;
};

}  // namespace rudebot
