// Who may use the station: one credential per person (a pairing link of their own, so one can
// be revoked without re-pairing everyone), guest links that expire or work once, and the
// original shared secret until the office retires it. Kept in people.json in the station's
// private directory (0600, written atomically under a lock file, so rudebot-bridge pair/revoke
// and a running station can both change it). A running station notices another process's
// change and closes the sessions of a revoked person. Scheme and threat model: docs/security.md.
#pragma once
#include <QByteArray>
#include <QDateTime>
#include <QFileSystemWatcher>
#include <QHash>
#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>
#include <optional>

#include "station/pairing.h"

namespace rudebot {

struct PairedPerson {
    QString name;  // what the office and other remotes see: the credential's, not a claim
    QByteArray secret;  // 32 random bytes, the link's key=
    QDateTime created;
    QDateTime lastSeen;  // invalid: never connected
    QDateTime expires;  // invalid: never (guest links have one)
    bool once = false;  // a one-time link: no new connection after its first one
    QDateTime used;  // once-links: when that first connection was made
};

struct KeyMatch {
    enum class Result {
        Person,  // a paired person's valid key: name is theirs
        Shared,  // the original shared secret: name is whatever the client claims
        Expired,  // a guest link past its time
        Used,  // a one-time link already used
        Unknown,  // no credential of this station (or a revoked one)
    };
    Result result = Result::Unknown;
    QString name;
};

// The link to give person: the station's address and fingerprint from any link of this
// station (e.g. the office view's), with the person's own key.
PairingInfo personalLink(const PairingInfo &station, const PairedPerson &person);

// The office view's model: people() to list (name, lastSeen, expires, once/used), add() for a
// "Link for a person…" button (then personalLink() to show it), revoke(), and changed() to
// refresh the list; sessions of a revoked person are closed by the station itself.
class Keyring : public QObject {
    Q_OBJECT
public:
    // path: the people store; empty keeps everything in memory (tests, the demo).
    // sharedSecret: the original pairing secret, accepted until retireSharedLink().
    Keyring(const QString &path, const QByteArray &sharedSecret, QObject *parent = nullptr);

    // Reads the store (a missing one is an empty store). False with a sentence in *error when
    // it is a link, readable by others, or damaged: the station must then not start.
    bool load(QString *error);
    // Re-reads the store when another process changed it; emits changed() if it did.
    void refresh();

    QList<PairedPerson> people() const;
    bool sharedLinkActive() const { return m_sharedActive && !m_sharedSecret.isEmpty(); }
    QByteArray sharedSecret() const { return sharedLinkActive() ? m_sharedSecret : QByteArray(); }

    // A new person, with a fresh key. validFor (seconds, 0 = no end) makes a guest link.
    // nullopt with *error for an empty, over-long or taken name, or a failed write.
    std::optional<PairedPerson> add(
        const QString &name, qint64 validForSecs, bool once, QString *error);
    bool revoke(const QString &name, QString *error);
    // Stops the shared secret working (after everyone has a link of their own).
    bool retireSharedLink(QString *error);

    // Which credential produced this answer to the station's challenge (see pairing.h).
    KeyMatch matchAuth(const QByteArray &nonce, const QByteArray &fingerprint,
        const QByteArray &response, const QDateTime &now) const;
    // Which credential this key (base64url, as in a link or a video token) is.
    KeyMatch matchKey(const QByteArray &key, const QDateTime &now) const;
    // The video port's rule: a valid person or the shared link; a used one-time link only
    // while its session is connected.
    bool viewerAllowed(const QByteArray &key, const QDateTime &now) const;

    // A session of this person began / ended: last seen is written; a one-time link is used up.
    void sessionStarted(const QString &name, const QDateTime &now);
    void sessionEnded(const QString &name, const QDateTime &now);
    // True while the person may stay connected (not revoked, not expired).
    bool stillValid(const QString &name, const QDateTime &now) const;

signals:
    void changed();  // people added or revoked (here or by another process), or a guest expired

private:
    bool mutate(const std::function<bool(QString *)> &change, QString *error);
    bool readStore(QString *error);
    bool writeStore(QString *error);
    QByteArray storeStamp() const;
    void armExpiry();
    KeyMatch classify(const PairedPerson &p, const QDateTime &now) const;

    QString m_path;
    QByteArray m_sharedSecret;
    bool m_sharedActive = true;
    QList<PairedPerson> m_people;
    QByteArray m_stamp;  // the store file as last read (inode, size, mtime)
    QHash<QString, int> m_live;  // sessions connected now, per person
    QFileSystemWatcher m_watcher;
    QTimer m_expiry;
};

}  // namespace rudebot
