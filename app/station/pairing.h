// The pairing secret and how a remote learns it. The station makes a 256-bit secret on first
// start, keeps it readable by its owner only, and shows the operator a pairing link holding the
// secret and the fingerprint of the station's certificate. See docs/security.md.
#pragma once
#include <QByteArray>
#include <QString>
#include <optional>

namespace rudebot {

// Loads the secret from path, or creates it (mode 0600, atomically) when nothing is there.
// Refuses a link, another user's file, a file others can read or one that is not a secret,
// rather than use a leaked or damaged one (see private_files.h).
std::optional<QByteArray> loadOrCreatePairingSecret(const QString &path, QString *error);

QByteArray newPairingSecret();  // 32 random bytes
QByteArray encodeSecret(const QByteArray &secret);  // base64url, as in a link's key=

struct PairingInfo {
    QString host;
    quint16 port = 0;
    QByteArray fingerprint;  // lower-case hex SHA-256 of the station certificate (64 chars)
    QByteArray secret;  // 32 raw bytes

    // rudebot://HOST:PORT/?fp=<hex>&key=<base64url>
    QString toUri() const;
    static std::optional<PairingInfo> fromUri(const QString &uri, QString *error);
};

// Compares two byte strings in time independent of where they differ.
bool constantTimeEquals(const QByteArray &a, const QByteArray &b);

// Challenge-response: the client proves it holds the secret without sending it. The answer is
// bound to the certificate the client saw, so it is useless to a relay with another certificate.
QByteArray authResponse(
    const QByteArray &secret, const QByteArray &nonce, const QByteArray &fingerprint);
QByteArray newNonce();  // 32 random bytes, hex

}  // namespace rudebot
