// A rig's calibration as a named profile, and its file format. Pure: no widgets, no settings.
//
// File format (UTF-8 JSON, one profile per file; also what ProfileStore keeps on disk):
//   {
//     "format": "rudebot-calibration",   fixed
//     "version": 1,                      fixed for this layout
//     "name": "Team table",              1..100 characters, not blank
//     "rig_id": "serial:/dev/ttyACM0",   the rig it was measured on, 1..200 characters
//     "saved": "2024-05-01T09:30:00Z",   ISO 8601, UTC
//     "ms_per_degree": 17,               whole number 1..99 (our firmware's Snn)
//     "calibration": {
//       "home_servo": 95,                servo degrees 0..180 at logical 0
//       "min_logical": -55,              soft limits, logical degrees (0 = home, + = right)
//       "max_logical": 55,
//       "inverted": true,                true: a larger servo angle turns the camera left
//       "hfov": 60,                      horizontal field of view, degrees, (0, 180]
//       "park_logical": -55              optional: the privacy park position, logical degrees
//     }                                  within the limits, not home (the wizard's park step)
//   }
// Reading is strict: every key present with the right type, no unknown keys, values in range
// and validate(calibration) passing. A bad file gives a sentence saying what is wrong.
#pragma once
#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <optional>

#include "core/calibration.h"

namespace rudebot {

struct CalibrationProfile {
    QString name;
    QString rigId;
    Calibration calibration;
    int msPerDegree = 30;  // 1..99; the firmwares' default is 30
    QDateTime saved;  // UTC; set when the profile is stored

    bool operator==(const CalibrationProfile &o) const;
    bool operator!=(const CalibrationProfile &o) const { return !(*this == o); }
};

inline constexpr qint64 kMaxProfileFileBytes = 64 * 1024;

// Empty if the profile can be written and read back; otherwise what is wrong.
QString validateProfile(const CalibrationProfile &profile);

QByteArray profileToJson(const CalibrationProfile &profile);  // indented, ends with a newline
// nullopt and a sentence in *error for anything but a valid profile.
std::optional<CalibrationProfile> profileFromJson(const QByteArray &json, QString *error);

// Export and import. Writing is atomic (QSaveFile): a failed export leaves any old file as it
// was. Both return false / nullopt with a sentence in *error.
bool writeProfileFile(const CalibrationProfile &profile, const QString &path, QString *error);
std::optional<CalibrationProfile> readProfileFile(const QString &path, QString *error);

}  // namespace rudebot
