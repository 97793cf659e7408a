#include "desktop/app_settings.h"

#include "desktop/connection_target.h"

#include <QFile>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QSettings>

Q_LOGGING_CATEGORY(lcSettings, "rudebot.settings")

namespace rudebot {

namespace {

bool isBytes(const QVariant &v)
{
    return v.typeId() == QMetaType::QByteArray;
}
bool isText(const QVariant &v)
{
    return v.typeId() == QMetaType::QString && !v.toString().trimmed().isEmpty()
        && v.toString().size() <= 64;
}
bool isStringList(const QVariant &v)
{
    // INI files read a one-element list back as a plain string.
    return v.typeId() == QMetaType::QStringList || v.typeId() == QMetaType::QString;
}
bool isTheme(const QVariant &v)
{
    const QString s = v.toString();
    return s == QLatin1String("system") || s == QLatin1String("light")
        || s == QLatin1String("dark");
}
bool isAudioChoice(const QVariant &v)
{
    return v.typeId() == QMetaType::QString && !v.toString().trimmed().isEmpty()
        && v.toString().size() <= 1000;
}
bool isBool(const QVariant &v)
{
    // INI files read a bool back as the text "true" or "false".
    const QString s = v.toString();
    return v.typeId() == QMetaType::Bool || s == QLatin1String("true")
        || s == QLatin1String("false");
}
bool isHfov(const QVariant &v)
{
    bool ok = false;
    const double d = v.toString().toDouble(&ok);
    return ok && d > 0 && d < 180;
}

QString defaultClientName()
{
    QString user = qEnvironmentVariable("USER");
    if (user.isEmpty())
        return QStringLiteral("Remote");
    user[0] = user[0].toUpper();
    return user;
}

}  // namespace

const AppSettings::Key AppSettings::kRemoteGeometry{"window/remoteGeometry", QByteArray(), isBytes};
const AppSettings::Key AppSettings::kRemoteState{"window/remoteState", QByteArray(), isBytes};
const AppSettings::Key AppSettings::kOfficeGeometry{"window/officeGeometry", QByteArray(), isBytes};
const AppSettings::Key AppSettings::kRecent{"connection/recent", QStringList(), isStringList};
const AppSettings::Key AppSettings::kClientName{"user/name", QString(), isText};
const AppSettings::Key AppSettings::kOfficeName{
    "office/name", QStringLiteral("Front desk"), isText};
const AppSettings::Key AppSettings::kTheme{"ui/theme", QStringLiteral("system"), isTheme};
const AppSettings::Key AppSettings::kHfov{"camera/hfovDeg", 60.0, isHfov};
const AppSettings::Key AppSettings::kMicrophone{"audio/microphone", QStringLiteral("auto"), isAudioChoice};
const AppSettings::Key AppSettings::kSpeaker{"audio/speaker", QStringLiteral("auto"), isAudioChoice};
const AppSettings::Key AppSettings::kFillWindow{"view/fillWindow", false, isBool};

AppSettings::AppSettings(QSettings *settings) : m_settings(settings) { }

void AppSettings::warn(const QString &message) const
{
    qCWarning(lcSettings).noquote() << message;
    m_warnings << message;
}

QVariant AppSettings::value(const Key &key) const
{
    if (!m_settings->contains(QLatin1String(key.name)))
        return key.fallback;
    const QVariant v = m_settings->value(QLatin1String(key.name));
    if (!key.valid(v)) {
        warn(QStringLiteral("Setting %1 in %2 is not usable (%3); using the default.")
                 .arg(QLatin1String(key.name), m_settings->fileName(),
                     redactSecrets(v.toString()).left(40)));
        return key.fallback;
    }
    return v;
}

void AppSettings::setValue(const Key &key, const QVariant &value)
{
    m_settings->setValue(QLatin1String(key.name), value);
}

QByteArray AppSettings::remoteGeometry() const
{
    return value(kRemoteGeometry).toByteArray();
}
void AppSettings::setRemoteGeometry(const QByteArray &g)
{
    setValue(kRemoteGeometry, g);
}
QByteArray AppSettings::remoteState() const
{
    return value(kRemoteState).toByteArray();
}
void AppSettings::setRemoteState(const QByteArray &s)
{
    setValue(kRemoteState, s);
}
QByteArray AppSettings::officeGeometry() const
{
    return value(kOfficeGeometry).toByteArray();
}
void AppSettings::setOfficeGeometry(const QByteArray &g)
{
    setValue(kOfficeGeometry, g);
}

QStringList AppSettings::recentConnections() const
{
    QStringList list = value(kRecent).toStringList();
    list.removeAll(QString());
    list.removeDuplicates();
    return list.mid(0, kMaxRecent);
}

void AppSettings::addRecentConnection(const QString &connection)
{
    QStringList list = recentConnections();
    list.removeAll(connection);
    list.prepend(connection);
    setValue(kRecent, list.mid(0, kMaxRecent));
    sync();
}

void AppSettings::removeRecentConnection(const QString &connection)
{
    QStringList list = recentConnections();
    list.removeAll(connection);
    setValue(kRecent, list);
}

QString AppSettings::clientName() const
{
    const QString name = value(kClientName).toString();
    return name.isEmpty() ? defaultClientName() : name;
}
void AppSettings::setClientName(const QString &name)
{
    setValue(kClientName, name);
}
QString AppSettings::officeName() const
{
    return value(kOfficeName).toString();
}
void AppSettings::setOfficeName(const QString &name)
{
    setValue(kOfficeName, name);
}

QString AppSettings::microphone() const
{
    return value(kMicrophone).toString();
}
void AppSettings::setMicrophone(const QString &choice)
{
    setValue(kMicrophone, choice);
}
QString AppSettings::speaker() const
{
    return value(kSpeaker).toString();
}
void AppSettings::setSpeaker(const QString &choice)
{
    setValue(kSpeaker, choice);
}

bool AppSettings::fillWindow() const
{
    return value(kFillWindow).toBool();
}
void AppSettings::setFillWindow(bool fill)
{
    setValue(kFillWindow, fill);
}

AppSettings::Theme AppSettings::theme() const
{
    const QString s = value(kTheme).toString();
    return s == QLatin1String("dark") ? Theme::Dark
        : s == QLatin1String("light") ? Theme::Light
                                      : Theme::System;
}

void AppSettings::setTheme(Theme theme)
{
    setValue(kTheme,
        theme == Theme::Dark        ? QStringLiteral("dark")
            : theme == Theme::Light ? QStringLiteral("light")
                                    : QStringLiteral("system"));
}

double AppSettings::hfovDeg() const
{
    return value(kHfov).toDouble();
}
void AppSettings::setHfovDeg(double deg)
{
    setValue(kHfov, deg);
}

QString AppSettings::rigKey(const char *group, const QString &rigId)
{
    // QSettings reads '/' as a group separator and INI files mangle other punctuation.
    QString id = rigId;
    id.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9_.-]")), QStringLiteral("_"));
    return QLatin1String(group) + QLatin1Char('/') + id;
}

PresetList AppSettings::presets(const QString &rigId, QStringList *problems) const
{
    PresetList list;
    const QString key = rigKey("presets", rigId);
    if (!m_settings->contains(key))
        return list;
    QString error;
    QStringList damaged;
    QStringList found;
    if (!list.loadJson(m_settings->value(key).toByteArray(), &error, &damaged))
        found << QStringLiteral("The presets saved for %1 cannot be read (%2); starting with none. "
                                "The old text is kept under %3 in the settings file.")
                     .arg(rigId, error, rigKey("presets-unreadable", rigId));
    found += damaged;
    for (const QString &f : std::as_const(found))
        warn(f);
    if (problems)
        *problems += found;
    return list;
}

void AppSettings::setPresets(const QString &rigId, const PresetList &presets)
{
    // Saving over presets that could not be read keeps them aside first: nothing is lost.
    const QString key = rigKey("presets", rigId);
    const QString aside = rigKey("presets-unreadable", rigId);
    if (m_settings->contains(key) && !m_settings->contains(aside)
        && !PresetList().loadJson(m_settings->value(key).toByteArray()))
        m_settings->setValue(aside, m_settings->value(key));
    m_settings->setValue(key, presets.toJson());
    sync();
}

int AppSettings::speedMsPerDeg(const QString &rigId) const
{
    bool ok = false;
    const int v = m_settings->value(rigKey("speed", rigId)).toInt(&ok);
    return ok && v >= 0 && v <= 99 ? v : 0;  // missing or corrupt: as fast as allowed
}

void AppSettings::setSpeedMsPerDeg(const QString &rigId, int msPerDeg)
{
    m_settings->setValue(rigKey("speed", rigId), msPerDeg);
}

QString AppSettings::videoAddress(const QString &rigId) const
{
    return m_settings->value(rigKey("video", rigId)).toString();
}

void AppSettings::setVideoAddress(const QString &rigId, const QString &address)
{
    m_settings->setValue(rigKey("video", rigId), address);
}

void AppSettings::sync()
{
    m_settings->sync();
    if (m_settings->format() == QSettings::IniFormat
        || m_settings->format() == QSettings::NativeFormat)
        if (QFile::exists(m_settings->fileName()))
            QFile::setPermissions(m_settings->fileName(), QFile::ReadOwner | QFile::WriteOwner);
}

}  // namespace rudebot
