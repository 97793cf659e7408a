// The station's own TLS identity: a self-signed certificate made on first start. No outside
// certificate authority is involved; remotes trust the station by the certificate's SHA-256
// fingerprint, which they learn when pairing (see docs/security.md).
#pragma once
#include <QList>
#include <QSslCertificate>
#include <QSslCipher>
#include <QSslKey>
#include <QString>
#include <optional>

namespace rudebot {

struct TlsIdentity {
    QSslCertificate certificate;
    QSslKey key;
};

// Loads dir/station-cert.pem and dir/station-key.pem, creating both (0600, atomically) when
// neither exists. nullopt with a reason in *error when they are unreadable, links, another
// user's, readable by others (private_files.h), or only one of them exists, so a half-deleted
// identity is never silently replaced and a failed first write leaves neither.
std::optional<TlsIdentity> loadOrCreateTlsIdentity(
    const QString &dir, const QString &commonName, QString *error);

// The cipher suites the station offers: TLS 1.3's, and TLS 1.2's ECDHE with AEAD (GCM,
// ChaCha20-Poly1305) only; no CBC, no SHA-1 MAC, no static RSA.
QList<QSslCipher> aeadTlsCiphers();

// Lower-case hex SHA-256 of the certificate's DER encoding: what a remote pins.
QByteArray certificateFingerprint(const QSslCertificate &certificate);

}  // namespace rudebot
