#include "ui/presets_model.h"

#include "ui/preset_thumbnail.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cmath>

namespace rudebot {

namespace {
const QString kFormat = QStringLiteral("rudebot-presets");
constexpr int kVersion = 1;

bool fail(QString *error, const QString &why)
{
    if (error)
        *error = why;
    return false;
}

bool validIndex(int index, int count)
{
    return index >= 0 && index < count;
}
}  // namespace

// Sets preset index's thumbnail from its JSON value; what is wrong with it if it is unusable.
QString PresetList::thumbnailProblem(const QJsonValue &value, PresetList *list, int index)
{
    if (!value.isString())
        return QStringLiteral("\"thumbnail\" is not text");
    const auto decoded = QByteArray::fromBase64Encoding(
        value.toString().toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return QStringLiteral("\"thumbnail\" is not base64");
    QString why;
    if (!list->setThumbnail(index, *decoded, &why))
        return PresetThumbnail::problem(*decoded);
    return {};
}

QString PresetList::validateName(const QString &name)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty())
        return QStringLiteral("A preset needs a name.");
    if (trimmed.size() > kMaxNameLength)
        return QStringLiteral("A preset name can have at most %1 characters.").arg(kMaxNameLength);
    for (QChar c : trimmed)
        if (c.category() == QChar::Other_Control)
            return QStringLiteral(
                "A preset name cannot contain line breaks or control characters.");
    return {};
}

QString PresetList::validateAngle(double logicalDeg)
{
    if (!std::isfinite(logicalDeg) || std::abs(logicalDeg) > kMaxAbsDeg)
        return QStringLiteral("A preset angle must be a number from -%1 to %1 degrees.")
            .arg(kMaxAbsDeg);
    return {};
}

QString PresetList::nameProblem(const QString &name, int ignoreIndex) const
{
    if (QString why = validateName(name); !why.isEmpty())
        return why;
    for (int i = 0; i < count(); ++i)
        if (i != ignoreIndex && m_presets[i].name.compare(name.trimmed(), Qt::CaseInsensitive) == 0)
            return QStringLiteral("There is already a preset called \"%1\".")
                .arg(m_presets[i].name);
    return {};
}

bool PresetList::add(const Preset &preset, QString *error)
{
    if (count() >= kMaxPresets)
        return fail(error,
            QStringLiteral("There can be at most %1 presets (keys 1 to 9); remove "
                           "one first.")
                .arg(kMaxPresets));
    if (QString why = nameProblem(preset.name, -1); !why.isEmpty())
        return fail(error, why);
    if (QString why = validateAngle(preset.logicalDeg); !why.isEmpty())
        return fail(error, why);
    if (!preset.thumbnail.isEmpty())
        if (QString why = PresetThumbnail::problem(preset.thumbnail); !why.isEmpty())
            return fail(error, QStringLiteral("The preset's picture is unusable: %1.").arg(why));
    m_presets.append({preset.name.trimmed(), preset.logicalDeg, preset.thumbnail});
    return true;
}

bool PresetList::setThumbnail(int index, const QByteArray &jpeg, QString *error)
{
    if (!validIndex(index, count()))
        return fail(error, QStringLiteral("There is no preset %1.").arg(index + 1));
    if (QString why = PresetThumbnail::problem(jpeg); !why.isEmpty())
        return fail(error, QStringLiteral("The preset's picture is unusable: %1.").arg(why));
    m_presets[index].thumbnail = jpeg;
    return true;
}

int PresetList::indexOf(const QString &name) const
{
    for (int i = 0; i < count(); ++i)
        if (m_presets[i].name.compare(name, Qt::CaseInsensitive) == 0)
            return i;
    return -1;
}

bool PresetList::rename(int index, const QString &name, QString *error)
{
    if (!validIndex(index, count()))
        return fail(error, QStringLiteral("There is no preset %1.").arg(index + 1));
    if (QString why = nameProblem(name, index); !why.isEmpty())
        return fail(error, why);
    m_presets[index].name = name.trimmed();
    return true;
}

bool PresetList::setAngle(int index, double logicalDeg, QString *error)
{
    if (!validIndex(index, count()))
        return fail(error, QStringLiteral("There is no preset %1.").arg(index + 1));
    if (QString why = validateAngle(logicalDeg); !why.isEmpty())
        return fail(error, why);
    m_presets[index].logicalDeg = logicalDeg;
    return true;
}

bool PresetList::remove(int index, QString *error)
{
    if (!validIndex(index, count()))
        return fail(error, QStringLiteral("There is no preset %1.").arg(index + 1));
    m_presets.removeAt(index);
    return true;
}

bool PresetList::move(int from, int to, QString *error)
{
    if (!validIndex(from, count()) || !validIndex(to, count()))
        return fail(
            error, QStringLiteral("Cannot move preset %1 to place %2.").arg(from + 1).arg(to + 1));
    m_presets.move(from, to);
    return true;
}

bool PresetList::setParkDeg(double logicalDeg, QString *error)
{
    if (QString why = validateAngle(logicalDeg); !why.isEmpty())
        return fail(error, why);
    m_parkDeg = logicalDeg;
    return true;
}

int PresetList::indexForKey(int qtKey) const
{
    const int index = qtKey - Qt::Key_1;
    return index >= 0 && index < std::min(count(), kMaxPresets) ? index : -1;
}

QString PresetList::keyLabel(int index)
{
    return index >= 0 && index < kMaxPresets ? QString::number(index + 1) : QString();
}

QByteArray PresetList::toJson() const
{
    QJsonArray list;
    for (const Preset &p : m_presets) {
        QJsonObject item{{"name", p.name}, {"logicalDeg", p.logicalDeg}};
        if (!p.thumbnail.isEmpty())
            item.insert("thumbnail", QString::fromLatin1(p.thumbnail.toBase64()));
        list.append(item);
    }
    const QJsonObject root{{"format", kFormat}, {"version", kVersion},
        {"parkLogicalDeg", m_parkDeg}, {"presets", list}};
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

bool PresetList::loadJson(const QByteArray &json, QString *error, QStringList *warnings)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail(error,
            QStringLiteral("The presets file is not valid JSON (%1 at offset %2).")
                .arg(parseError.errorString())
                .arg(parseError.offset));
    if (!doc.isObject())
        return fail(error, QStringLiteral("The presets file must hold a JSON object."));
    const QJsonObject root = doc.object();
    if (root.value("format").toString() != kFormat)
        return fail(error,
            QStringLiteral("This is not a Rudebot presets file (\"format\" is not "
                           "\"%1\").")
                .arg(kFormat));
    if (root.value("version").toInt(-1) != kVersion)
        return fail(error,
            QStringLiteral("Unsupported presets file version; this version of "
                           "Rudebot reads version %1.")
                .arg(kVersion));
    if (!root.value("parkLogicalDeg").isDouble())
        return fail(
            error, QStringLiteral("The park position (\"parkLogicalDeg\") must be a number."));
    if (!root.value("presets").isArray())
        return fail(error, QStringLiteral("\"presets\" must be a list."));

    // Build the new list apart and swap it in only when all of it is good.
    PresetList loaded;
    QStringList dropped;  // damaged thumbnails: warnings once the whole file is known good
    if (QString why; !loaded.setParkDeg(root.value("parkLogicalDeg").toDouble(), &why))
        return fail(error, QStringLiteral("Park position: %1").arg(why));
    const QJsonArray list = root.value("presets").toArray();
    for (int i = 0; i < list.size(); ++i) {
        const QJsonObject item = list.at(i).toObject();
        if (!item.value("name").isString() || !item.value("logicalDeg").isDouble())
            return fail(error,
                QStringLiteral("Preset %1 needs a \"name\" (text) and a "
                               "\"logicalDeg\" (number).")
                    .arg(i + 1));
        QString why;
        if (!loaded.add({item.value("name").toString(), item.value("logicalDeg").toDouble()}, &why))
            return fail(error, QStringLiteral("Preset %1: %2").arg(i + 1).arg(why));
        if (item.contains("thumbnail")) {
            const QString damage = thumbnailProblem(item.value("thumbnail"), &loaded, i);
            if (!damage.isEmpty())
                dropped.append(QStringLiteral("The picture of preset %1 (“%2”) is damaged (%3); "
                                              "the preset is kept, and its next use takes a new "
                                              "picture.")
                                   .arg(i + 1)
                                   .arg(loaded.at(i).name, damage));
        }
    }
    *this = loaded;
    if (warnings)
        *warnings += dropped;
    return true;
}

}  // namespace rudebot
