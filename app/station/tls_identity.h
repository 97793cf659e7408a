// The station's own TLS identity: a self-signed certificate made on first start. No outside
// certificate authority is involved; remotes trust the station by the certificate's SHA-256
// fingerprint, which they learn when pairing (see docs/security.md).
#pragma once
#include <QSslCertificate>
#include <QSslKey>
#include <QString>
#include <optional>

namespace rudebot {

struct TlsIdentity {
    QSslCertificate certificate;
    QSslKey key;
};

// Loads dir/station-cert.pem and dir/station-key.pem, creating both (key readable by the owner
// only) when neither exists. nullopt with a reason in *error when they are unreadable or only
// one of them exists, so a half-deleted identity is never silently replaced.
std::optional<TlsIdentity> loadOrCreateTlsIdentity(const QString &dir, const QString &commonName,
    QString *error);

// Lower-case hex SHA-256 of the certificate's DER encoding: what a remote pins.
QByteArray certificateFingerprint(const QSslCertificate &certificate);

} // namespace rudebot
