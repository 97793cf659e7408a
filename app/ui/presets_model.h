// Named rig directions ("Desk", "Whiteboard"), the park position, and their JSON file format.
// Plain data: the window applies the panel's requests here and saves the result.
//
// Angles are logical degrees (0 = home, positive = right as seen by the camera). Presets are
// not clamped to the calibrated limits here: the rig client clamps every target it sends.
// Keys 1..9 go to presets 0..8, so a list holds at most kMaxPresets.
//
// Every change is validated first; on failure it returns false, says why in *error, and leaves
// the list exactly as it was. load() replaces the whole list only if the whole file is valid.
//
// File format, version 1:
//   {"format": "rudebot-presets", "version": 1, "parkLogicalDeg": -75,
//    "presets": [{"name": "Desk", "logicalDeg": 20, "thumbnail": "<base64 JPEG>"},
//                {"name": "Whiteboard", "logicalDeg": -35}]}
// "thumbnail" is optional (preset_thumbnail.h) and ignored by readers that predate it, so the
// version stays 1. A damaged thumbnail never costs the presets: that preset loads without its
// picture and a warning says so (the next use takes a new one).
#pragma once
#include <QByteArray>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

namespace rudebot {

struct Preset {
    Preset() = default;
    Preset(QString presetName, double deg, QByteArray jpeg = {})
        : name(std::move(presetName)), logicalDeg(deg), thumbnail(std::move(jpeg))
    {
    }
    QString name;
    double logicalDeg = 0;
    QByteArray thumbnail;  // JPEG of the view there (PresetThumbnail); empty = none yet
    bool operator==(const Preset &o) const
    {
        return name == o.name && logicalDeg == o.logicalDeg && thumbnail == o.thumbnail;
    }
};

class PresetList {
public:
    static constexpr int kMaxPresets = 9;
    static constexpr int kMaxNameLength = 40;
    static constexpr double kMaxAbsDeg = 180;
    static constexpr double kHomeDeg = 0;

    const QList<Preset> &presets() const { return m_presets; }
    int count() const { return int(m_presets.size()); }
    Preset at(int index) const { return m_presets.at(index); }
    double parkDeg() const { return m_parkDeg; }  // where the rig rests when nobody uses it

    bool add(const Preset &preset, QString *error = nullptr);
    bool rename(int index, const QString &name, QString *error = nullptr);
    bool setAngle(int index, double logicalDeg, QString *error = nullptr);
    bool remove(int index, QString *error = nullptr);
    bool move(int from, int to, QString *error = nullptr);
    bool setParkDeg(double logicalDeg, QString *error = nullptr);
    // jpeg: from PresetThumbnail::fromFrame(); refused (list unchanged) if unusable.
    bool setThumbnail(int index, const QByteArray &jpeg, QString *error = nullptr);
    int indexOf(const QString &name) const;  // -1 if none has that name (any case)

    // Qt::Key_1..Qt::Key_9 -> index 0..8, or -1 if the key has no preset.
    int indexForKey(int qtKey) const;
    static QString keyLabel(int index);  // "1".."9", empty past the ninth

    QByteArray toJson() const;
    // *warnings (optional) gets a sentence per thumbnail dropped because it was damaged.
    bool loadJson(
        const QByteArray &json, QString *error = nullptr, QStringList *warnings = nullptr);

    // Empty if usable; otherwise a sentence saying what is wrong.
    static QString validateName(const QString &name);
    static QString validateAngle(double logicalDeg);

private:
    QString nameProblem(const QString &name, int ignoreIndex) const;  // also checks duplicates
    static QString thumbnailProblem(const QJsonValue &value, PresetList *list, int index);

    QList<Preset> m_presets;
    double m_parkDeg = kHomeDeg;
};

}  // namespace rudebot
