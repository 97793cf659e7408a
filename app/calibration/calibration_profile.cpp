#include "calibration/calibration_profile.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QSaveFile>
#include <cmath>

namespace rudebot {

namespace {

const QString kFormat = QStringLiteral("rudebot-calibration");
constexpr int kVersion = 1;
constexpr int kMaxNameChars = 100;
constexpr int kMaxRigIdChars = 200;

const QStringList kTopKeys = {QStringLiteral("format"), QStringLiteral("version"),
    QStringLiteral("name"), QStringLiteral("rig_id"), QStringLiteral("saved"),
    QStringLiteral("ms_per_degree"), QStringLiteral("calibration")};
const QStringList kCalibrationKeys = {QStringLiteral("home_servo"), QStringLiteral("min_logical"),
    QStringLiteral("max_logical"), QStringLiteral("inverted"), QStringLiteral("hfov")};

// Every key of `keys` present, nothing else; otherwise a sentence naming the first offender.
QString checkKeys(const QJsonObject &o, const QStringList &keys, const QString &where)
{
    for (const QString &k : keys) {
        if (!o.contains(k))
            return QStringLiteral("The %1 has no \u201c%2\u201d.").arg(where, k);
    }
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (!keys.contains(it.key()))
            return QStringLiteral("The %1 has an unknown key \u201c%2\u201d.").arg(where, it.key());
    }
    return {};
}

bool readNumber(const QJsonObject &o, const QString &key, double *out, QString *error)
{
    const QJsonValue v = o.value(key);
    if (!v.isDouble() || !std::isfinite(v.toDouble())) {
        *error = QStringLiteral("\u201c%1\u201d must be a number.").arg(key);
        return false;
    }
    *out = v.toDouble();
    return true;
}

bool readText(const QJsonObject &o, const QString &key, QString *out, QString *error)
{
    const QJsonValue v = o.value(key);
    if (!v.isString()) {
        *error = QStringLiteral("\u201c%1\u201d must be text.").arg(key);
        return false;
    }
    *out = v.toString();
    return true;
}

std::optional<CalibrationProfile> fail(QString *error, const QString &why)
{
    if (error)
        *error = QStringLiteral("This is not a usable calibration file: %1").arg(why);
    return std::nullopt;
}

}  // namespace

bool CalibrationProfile::operator==(const CalibrationProfile &o) const
{
    const Calibration &a = calibration;
    const Calibration &b = o.calibration;
    return name == o.name && rigId == o.rigId && msPerDegree == o.msPerDegree && saved == o.saved
        && a.homeServoDeg == b.homeServoDeg && a.minLogicalDeg == b.minLogicalDeg
        && a.maxLogicalDeg == b.maxLogicalDeg && a.inverted == b.inverted && a.hfovDeg == b.hfovDeg
        && a.parkLogicalDeg == b.parkLogicalDeg;
}

QString validateProfile(const CalibrationProfile &p)
{
    if (p.name.trimmed().isEmpty())
        return QStringLiteral("The profile needs a name.");
    if (p.name.size() > kMaxNameChars)
        return QStringLiteral("The name is longer than %1 characters.").arg(kMaxNameChars);
    if (p.rigId.isEmpty() || p.rigId.size() > kMaxRigIdChars)
        return QStringLiteral("The rig's id must be 1 to %1 characters.").arg(kMaxRigIdChars);
    if (p.msPerDegree < 1 || p.msPerDegree > 99)
        return QStringLiteral("The speed must be 1 to 99 milliseconds per degree.");
    if (!p.saved.isValid())
        return QStringLiteral("The profile has no valid date.");
    return validate(p.calibration);
}

QByteArray profileToJson(const CalibrationProfile &p)
{
    const Calibration &c = p.calibration;
    QJsonObject cal{{QStringLiteral("home_servo"), c.homeServoDeg},
        {QStringLiteral("min_logical"), c.minLogicalDeg},
        {QStringLiteral("max_logical"), c.maxLogicalDeg}, {QStringLiteral("inverted"), c.inverted},
        {QStringLiteral("hfov"), c.hfovDeg}};
    if (c.parkLogicalDeg)
        cal.insert(QStringLiteral("park_logical"), *c.parkLogicalDeg);
    QJsonObject o{{QStringLiteral("format"), kFormat}, {QStringLiteral("version"), kVersion},
        {QStringLiteral("name"), p.name}, {QStringLiteral("rig_id"), p.rigId},
        {QStringLiteral("saved"), p.saved.toUTC().toString(Qt::ISODate)},
        {QStringLiteral("ms_per_degree"), p.msPerDegree}, {QStringLiteral("calibration"), cal}};
    return QJsonDocument(o).toJson(QJsonDocument::Indented);
}

std::optional<CalibrationProfile> profileFromJson(const QByteArray &json, QString *error)
{
    if (json.size() > kMaxProfileFileBytes)
        return fail(
            error, QStringLiteral("it is larger than %1 KB.").arg(kMaxProfileFileBytes / 1024));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail(error,
            QStringLiteral("it is not JSON (%1 at byte %2).")
                .arg(parseError.errorString())
                .arg(parseError.offset));
    if (!doc.isObject())
        return fail(error, QStringLiteral("it holds no JSON object."));
    const QJsonObject o = doc.object();
    if (o.value(QStringLiteral("format")) != QJsonValue(kFormat))
        return fail(error, QStringLiteral("it is not marked as a Rudebot calibration."));
    if (o.value(QStringLiteral("version")) != QJsonValue(kVersion))
        return fail(error,
            QStringLiteral("its version is not %1; a newer Rudebot may read it.").arg(kVersion));
    QString why = checkKeys(o, kTopKeys, QStringLiteral("profile"));
    if (!why.isEmpty())
        return fail(error, why);
    if (!o.value(QStringLiteral("calibration")).isObject())
        return fail(error, QStringLiteral("\u201ccalibration\u201d must be an object."));
    const QJsonObject cal = o.value(QStringLiteral("calibration")).toObject();
    // "park_logical" (the park step) is optional: profiles saved before it existed still load.
    QJsonObject required = cal;
    required.remove(QStringLiteral("park_logical"));
    why = checkKeys(required, kCalibrationKeys, QStringLiteral("calibration"));
    if (!why.isEmpty())
        return fail(error, why);

    CalibrationProfile p;
    Calibration &c = p.calibration;
    QString savedText;
    double ms = 0;
    if (!readText(o, QStringLiteral("name"), &p.name, &why)
        || !readText(o, QStringLiteral("rig_id"), &p.rigId, &why)
        || !readText(o, QStringLiteral("saved"), &savedText, &why)
        || !readNumber(o, QStringLiteral("ms_per_degree"), &ms, &why)
        || !readNumber(cal, QStringLiteral("home_servo"), &c.homeServoDeg, &why)
        || !readNumber(cal, QStringLiteral("min_logical"), &c.minLogicalDeg, &why)
        || !readNumber(cal, QStringLiteral("max_logical"), &c.maxLogicalDeg, &why)
        || !readNumber(cal, QStringLiteral("hfov"), &c.hfovDeg, &why))
        return fail(error, why);
    if (!cal.value(QStringLiteral("inverted")).isBool())
        return fail(error, QStringLiteral("\u201cinverted\u201d must be true or false."));
    c.inverted = cal.value(QStringLiteral("inverted")).toBool();
    if (cal.contains(QStringLiteral("park_logical"))) {
        double park = 0;
        if (!readNumber(cal, QStringLiteral("park_logical"), &park, &why))
            return fail(error, why);
        c.parkLogicalDeg = park;
    }
    if (ms != std::floor(ms) || ms < 1 || ms > 99)
        return fail(error,
            QStringLiteral("\u201cms_per_degree\u201d must be a whole number from 1 to 99."));
    p.msPerDegree = int(ms);
    p.saved = QDateTime::fromString(savedText, Qt::ISODate);
    if (!p.saved.isValid())
        return fail(error, QStringLiteral("\u201csaved\u201d is not an ISO 8601 date and time."));
    p.saved = p.saved.toUTC();
    why = validateProfile(p);
    if (!why.isEmpty())
        return fail(error, why);
    return p;
}

bool writeProfileFile(const CalibrationProfile &profile, const QString &path, QString *error)
{
    const QString why = validateProfile(profile);
    if (!why.isEmpty()) {
        if (error)
            *error = QStringLiteral("Cannot export this calibration: %1").arg(why);
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(profileToJson(profile)) < 0
        || !file.commit()) {
        if (error)
            *error = QStringLiteral("Cannot write %1: %2. Choose another folder.")
                         .arg(path, file.errorString());
        return false;
    }
    return true;
}

std::optional<CalibrationProfile> readProfileFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("Cannot open %1: %2.").arg(path, file.errorString());
        return std::nullopt;
    }
    // One byte more than allowed, so that an oversized file is recognised without reading it all.
    return profileFromJson(file.read(kMaxProfileFileBytes + 1), error);
}

}  // namespace rudebot
