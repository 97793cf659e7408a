// The app's settings, typed, over QSettings. Every key is in one table with its type and
// default; a value that is missing falls back to the default silently, one that is corrupt
// (wrong type, out of range, unparsable presets) falls back with a warning, which is also kept
// for the UI (warnings()).
//
// Presets and the video address are kept per rig (RigSession::rigId()). Recent connections hold
// pairing links, which are passwords: the settings file is made readable by its owner only.
#pragma once
#include <QByteArray>
#include <QStringList>
#include <QVariant>

#include "ui/presets_model.h"

class QSettings;

namespace rudebot {

class AppSettings {
public:
    enum class Theme {
        System,
        Light,
        Dark
    };
    static constexpr int kMaxRecent = 8;

    explicit AppSettings(QSettings *settings);  // not owned; must outlive this

    QByteArray remoteGeometry() const;
    void setRemoteGeometry(const QByteArray &geometry);
    QByteArray remoteState() const;  // QMainWindow::saveState()
    void setRemoteState(const QByteArray &state);
    QByteArray officeGeometry() const;
    void setOfficeGeometry(const QByteArray &geometry);

    QStringList recentConnections() const;  // most recent first, at most kMaxRecent
    void addRecentConnection(const QString &connection);
    void removeRecentConnection(const QString &connection);

    QString clientName() const;  // how this user appears to the station
    void setClientName(const QString &name);
    QString officeName() const;  // who the office is, in banners ("Front desk")
    void setOfficeName(const QString &name);
    Theme theme() const;
    void setTheme(Theme theme);
    // This computer's microphone and speaker, for both views, as station/audio_choice.h names
    // them: "auto" (the default: the system's when it has a sound device), "none", a device.
    QString microphone() const;
    void setMicrophone(const QString &choice);
    QString speaker() const;
    void setSpeaker(const QString &choice);
    double hfovDeg() const;  // for direct connections (a station says its own)
    void setHfovDeg(double deg);
    bool fillWindow() const;  // View › Fill the window (false: the whole frame, letterboxed)
    void setFillWindow(bool fill);

    // What could not be read (the whole list, or a damaged thumbnail) is a warning, also added
    // to *problems; a damaged thumbnail costs only that picture.
    PresetList presets(const QString &rigId, QStringList *problems = nullptr) const;
    void setPresets(const QString &rigId, const PresetList &presets);
    // The remote's speed choice per rig, ms per degree; 0 (the default) = as fast as allowed.
    int speedMsPerDeg(const QString &rigId) const;
    void setSpeedMsPerDeg(const QString &rigId, int msPerDeg);
    QString videoAddress(const QString &rigId) const;
    void setVideoAddress(const QString &rigId, const QString &address);

    QStringList warnings() const { return m_warnings; }
    void sync();

    // The table, exposed for tests: key, default, and whether a stored value is acceptable.
    struct Key {
        const char *name;
        QVariant fallback;
        bool (*valid)(const QVariant &value);
    };
    static const Key kRemoteGeometry, kRemoteState, kOfficeGeometry, kRecent, kClientName,
        kOfficeName, kTheme, kHfov, kMicrophone, kSpeaker, kFillWindow;

private:
    QVariant value(const Key &key) const;
    void setValue(const Key &key, const QVariant &value);
    static QString rigKey(const char *group, const QString &rigId);
    void warn(const QString &message) const;

    QSettings *m_settings;
    mutable QStringList m_warnings;
};

}  // namespace rudebot
