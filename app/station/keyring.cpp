#include "station/keyring.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>

#include "station/pairing.h"
#include "station/private_files.h"

#include <sys/stat.h>

namespace rudebot {

namespace {

const int kMaxName = 40;
const auto kB64 = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

QString iso(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODate) : QString();
}

QDateTime fromIso(const QJsonValue &v)
{
    return v.isString() ? QDateTime::fromString(v.toString(), Qt::ISODate) : QDateTime();
}

bool sameName(const QString &a, const QString &b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

}  // namespace

PairingInfo personalLink(const PairingInfo &station, const PairedPerson &person)
{
    PairingInfo p = station;
    p.secret = person.secret;
    return p;
}

Keyring::Keyring(const QString &path, const QByteArray &sharedSecret, QObject *parent)
    : QObject(parent), m_path(path), m_sharedSecret(sharedSecret)
{
    m_expiry.setSingleShot(true);
    connect(&m_expiry, &QTimer::timeout, this, [this] {
        armExpiry();
        emit changed();  // sessions of the guest whose time is up are closed
    });
}

QByteArray Keyring::storeStamp() const
{
    struct stat st { };
    if (::lstat(QFile::encodeName(m_path).constData(), &st) != 0)
        return {};
    return QByteArray::number(qulonglong(st.st_ino)) + ':'
        + QByteArray::number(qlonglong(st.st_size)) + ':'
        + QByteArray::number(qlonglong(st.st_mtim.tv_sec)) + '.'
        + QByteArray::number(qlonglong(st.st_mtim.tv_nsec));
}

bool Keyring::load(QString *error)
{
    if (m_path.isEmpty())
        return true;
    const bool ok = readStore(error);
    armExpiry();
    // A station (it has an event loop) follows changes made by rudebot-bridge pair/revoke;
    // those one-shot commands have none and need not. The directory is watched, not the
    // file: an atomic rename replaces the file a watch would be on.
    if (ok && QCoreApplication::instance() && m_watcher.directories().isEmpty()) {
        m_watcher.addPath(QFileInfo(m_path).absolutePath());
        connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this, &Keyring::refresh);
    }
    return ok;
}

void Keyring::refresh()
{
    if (m_path.isEmpty() || storeStamp() == m_stamp)
        return;
    QString error;
    const QList<PairedPerson> before = m_people;
    const bool sharedBefore = m_sharedActive;
    if (!readStore(&error)) {
        // A damaged store from outside: trust nobody it named rather than an old copy.
        m_people.clear();
        qWarning("rudebot: %s", qPrintable(error));
    }
    armExpiry();
    bool same = sharedBefore == m_sharedActive && before.size() == m_people.size();
    for (int i = 0; same && i < before.size(); ++i)
        same = before[i].name == m_people[i].name && before[i].secret == m_people[i].secret
            && before[i].expires == m_people[i].expires && before[i].used == m_people[i].used;
    if (!same)
        emit changed();
}

bool Keyring::readStore(QString *error)
{
    QByteArray text;
    const QByteArray stamp = storeStamp();
    switch (readPrivateFile(m_path, QStringLiteral("the paired people"), &text, error)) {
    case PrivateRead::Refused: return false;
    case PrivateRead::Missing:
        m_people.clear();
        m_sharedActive = true;
        m_stamp = stamp;
        return true;
    case PrivateRead::Ok: break;
    }
    QJsonParseError pe;
    const QJsonObject root = QJsonDocument::fromJson(text, &pe).object();
    if (pe.error != QJsonParseError::NoError || root.value(QLatin1String("format")).toInt() != 1) {
        *error = QStringLiteral("%1 is damaged (%2); restore it from a backup, or delete it and "
                                "pair every person again")
                     .arg(m_path,
                         pe.error != QJsonParseError::NoError ? pe.errorString()
                                                              : QStringLiteral("unknown format"));
        return false;
    }
    QList<PairedPerson> people;
    for (const QJsonValue &v : root.value(QLatin1String("people")).toArray()) {
        const QJsonObject o = v.toObject();
        PairedPerson p;
        p.name = o.value(QLatin1String("name")).toString();
        p.secret =
            QByteArray::fromBase64(o.value(QLatin1String("key")).toString().toLatin1(), kB64);
        p.created = fromIso(o.value(QLatin1String("created")));
        p.lastSeen = fromIso(o.value(QLatin1String("last_seen")));
        p.expires = fromIso(o.value(QLatin1String("expires")));
        p.once = o.value(QLatin1String("once")).toBool();
        p.used = fromIso(o.value(QLatin1String("used")));
        if (p.name.isEmpty() || p.secret.size() != 32) {
            *error =
                QStringLiteral("%1 is damaged (an entry without a name or key); restore it, or "
                               "delete it and pair every person again")
                    .arg(m_path);
            return false;
        }
        people << p;
    }
    m_people = people;
    m_sharedActive =
        root.value(QLatin1String("shared_link")).toString() != QLatin1String("retired");
    m_stamp = stamp;
    return true;
}

bool Keyring::writeStore(QString *error)
{
    if (m_path.isEmpty())
        return true;
    QJsonArray people;
    for (const PairedPerson &p : std::as_const(m_people)) {
        QJsonObject o{{"name", p.name}, {"key", QString::fromLatin1(p.secret.toBase64(kB64))},
            {"created", iso(p.created)}, {"once", p.once}};
        if (p.lastSeen.isValid())
            o.insert(QLatin1String("last_seen"), iso(p.lastSeen));
        if (p.expires.isValid())
            o.insert(QLatin1String("expires"), iso(p.expires));
        if (p.used.isValid())
            o.insert(QLatin1String("used"), iso(p.used));
        people.append(o);
    }
    const QJsonObject root{{"format", 1},
        {"shared_link", m_sharedActive ? QStringLiteral("active") : QStringLiteral("retired")},
        {"people", people}};
    if (!writePrivateFile(
            m_path, QJsonDocument(root).toJson(), QStringLiteral("the paired people"), error))
        return false;
    m_stamp = storeStamp();
    return true;
}

bool Keyring::mutate(const std::function<bool(QString *)> &change, QString *error)
{
    if (m_path.isEmpty())
        return change(error);
    // Read-modify-write under a lock: a revoke from the command line and a station noting
    // someone's last visit must not undo each other.
    QLockFile lock(m_path + QStringLiteral(".lock"));
    if (!lock.tryLock(10000)) {
        *error = QStringLiteral("%1 is locked by another program; try again").arg(m_path);
        return false;
    }
    if (!readStore(error) || !change(error) || !writeStore(error)) {
        readStore(error);
        return false;
    }
    armExpiry();
    return true;
}

QList<PairedPerson> Keyring::people() const
{
    return m_people;
}

std::optional<PairedPerson> Keyring::add(
    const QString &rawName, qint64 validForSecs, bool once, QString *error)
{
    const QString name = rawName.simplified();
    if (name.isEmpty() || name.size() > kMaxName
        || std::any_of(name.begin(), name.end(),
            [](QChar c) { return c.category() == QChar::Other_Control; })) {
        *error =
            QStringLiteral("a name is 1 to %1 printable characters, like the person's first name")
                .arg(kMaxName);
        return std::nullopt;
    }
    PairedPerson p;
    p.name = name;
    p.secret = newPairingSecret();
    p.created = QDateTime::currentDateTimeUtc();
    if (validForSecs > 0)
        p.expires = p.created.addSecs(validForSecs);
    p.once = once;
    const bool ok = mutate(
        [&](QString *e) {
            for (const PairedPerson &q : std::as_const(m_people))
                if (sameName(q.name, name)) {
                    *e = QStringLiteral(
                        "%1 is already paired; revoke that link first or choose another name")
                             .arg(q.name);
                    return false;
                }
            m_people.append(p);
            return true;
        },
        error);
    if (!ok)
        return std::nullopt;
    emit changed();
    return p;
}

bool Keyring::revoke(const QString &name, QString *error)
{
    const bool ok = mutate(
        [&](QString *e) {
            const auto n = m_people.removeIf(
                [&](const PairedPerson &p) { return sameName(p.name, name.simplified()); });
            if (n == 0)
                *e = QStringLiteral(
                    "nobody called '%1' is paired; 'rudebot-bridge paired' lists who is")
                         .arg(name);
            return n > 0;
        },
        error);
    if (ok)
        emit changed();
    return ok;
}

bool Keyring::retireSharedLink(QString *error)
{
    const bool ok = mutate(
        [&](QString *) {
            m_sharedActive = false;
            return true;
        },
        error);
    if (ok)
        emit changed();
    return ok;
}

KeyMatch Keyring::classify(const PairedPerson &p, const QDateTime &now) const
{
    if (p.expires.isValid() && now >= p.expires)
        return {KeyMatch::Result::Expired, p.name};
    if (p.once && p.used.isValid())
        return {KeyMatch::Result::Used, p.name};
    return {KeyMatch::Result::Person, p.name};
}

KeyMatch Keyring::matchAuth(const QByteArray &nonce, const QByteArray &fingerprint,
    const QByteArray &response, const QDateTime &now) const
{
    // Every credential is tried, each in constant time: which one matched must not show in
    // how long the answer took, and the client never says who it claims to be.
    std::optional<KeyMatch> found;
    for (const PairedPerson &p : m_people)
        if (constantTimeEquals(response, authResponse(p.secret, nonce, fingerprint)) && !found)
            found = classify(p, now);
    if (!found && sharedLinkActive()
        && constantTimeEquals(response, authResponse(m_sharedSecret, nonce, fingerprint)))
        found = KeyMatch{KeyMatch::Result::Shared, {}};
    return found.value_or(KeyMatch{});
}

KeyMatch Keyring::matchKey(const QByteArray &key, const QDateTime &now) const
{
    if (key.isEmpty())
        return {};
    std::optional<KeyMatch> found;
    for (const PairedPerson &p : m_people)
        if (constantTimeEquals(key, encodeSecret(p.secret)) && !found)
            found = classify(p, now);
    if (!found && sharedLinkActive() && constantTimeEquals(key, encodeSecret(m_sharedSecret)))
        found = KeyMatch{KeyMatch::Result::Shared, {}};
    return found.value_or(KeyMatch{});
}

bool Keyring::viewerAllowed(const QByteArray &key, const QDateTime &now) const
{
    const KeyMatch m = matchKey(key, now);
    switch (m.result) {
    case KeyMatch::Result::Person:
    case KeyMatch::Result::Shared: return true;
    case KeyMatch::Result::Used:
        return m_live.value(m.name.toLower()) > 0;  // the guest's own session
    case KeyMatch::Result::Expired:
    case KeyMatch::Result::Unknown: return false;
    }
    return false;
}

void Keyring::sessionStarted(const QString &name, const QDateTime &now)
{
    ++m_live[name.toLower()];
    QString error;
    if (!mutate(
            [&](QString *) {
                for (PairedPerson &p : m_people)
                    if (sameName(p.name, name)) {
                        p.lastSeen = now;
                        if (p.once && !p.used.isValid())
                            p.used = now;
                    }
                return true;
            },
            &error))
        qWarning("rudebot: %s", qPrintable(error));
}

void Keyring::sessionEnded(const QString &name, const QDateTime &now)
{
    if (--m_live[name.toLower()] <= 0)
        m_live.remove(name.toLower());
    QString error;
    if (!mutate(
            [&](QString *) {
                for (PairedPerson &p : m_people)
                    if (sameName(p.name, name))
                        p.lastSeen = now;
                return true;
            },
            &error))
        qWarning("rudebot: %s", qPrintable(error));
}

bool Keyring::stillValid(const QString &name, const QDateTime &now) const
{
    for (const PairedPerson &p : m_people)
        if (sameName(p.name, name))
            return !(p.expires.isValid() && now >= p.expires);
    return false;
}

void Keyring::armExpiry()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    qint64 soonest = -1;
    for (const PairedPerson &p : std::as_const(m_people))
        if (p.expires.isValid() && p.expires > now) {
            const qint64 ms = now.msecsTo(p.expires);
            soonest = soonest < 0 ? ms : qMin(soonest, ms);
        }
    if (soonest < 0)
        m_expiry.stop();
    else
        m_expiry.start(int(qMin<qint64>(soonest + 50, 24 * 3600 * 1000)));  // re-armed if longer
}

}  // namespace rudebot
