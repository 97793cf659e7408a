#include "station/tls_identity.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QSslConfiguration>

#include "station/private_files.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <memory>

namespace rudebot {

namespace {

// Qt 6.4 can use certificates but cannot make them; OpenSSL (already Qt's TLS backend here)
// can, in a few calls, so no openssl command line is needed at run time.
struct PemPair {
    QByteArray cert;
    QByteArray key;
};

template <typename T, void (*Free)(T *)>
using Owned = std::unique_ptr<T, std::integral_constant<decltype(Free), Free>>;

QByteArray bioBytes(BIO *bio)
{
    char *data = nullptr;
    const long len = BIO_get_mem_data(bio, &data);
    return QByteArray(data, int(len));
}

std::optional<PemPair> makeSelfSigned(const QString &commonName)
{
    Owned<EVP_PKEY, EVP_PKEY_free> pkey(EVP_EC_gen("P-256"));
    Owned<X509, X509_free> x509(X509_new());
    if (!pkey || !x509)
        return std::nullopt;
    X509_set_version(x509.get(), 2);
    // A random serial: two stations must never share issuer+serial.
    Owned<BIGNUM, BN_free> serial(BN_new());
    BN_rand(serial.get(), 120, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY);
    BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(x509.get()));
    X509_gmtime_adj(X509_getm_notBefore(x509.get()), -3600);
    X509_gmtime_adj(X509_getm_notAfter(x509.get()), 20L * 365 * 24 * 3600);
    X509_set_pubkey(x509.get(), pkey.get());
    X509_NAME *name = X509_get_subject_name(x509.get());
    const QByteArray cn = commonName.toUtf8().left(64);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
        reinterpret_cast<const unsigned char *>(cn.constData()), cn.size(), -1, 0);
    X509_set_issuer_name(x509.get(), name);
    if (!X509_sign(x509.get(), pkey.get(), EVP_sha256()))
        return std::nullopt;

    Owned<BIO, BIO_free_all> certBio(BIO_new(BIO_s_mem()));
    Owned<BIO, BIO_free_all> keyBio(BIO_new(BIO_s_mem()));
    if (!PEM_write_bio_X509(certBio.get(), x509.get())
        || !PEM_write_bio_PrivateKey(
            keyBio.get(), pkey.get(), nullptr, nullptr, 0, nullptr, nullptr))
        return std::nullopt;
    return PemPair{bioBytes(certBio.get()), bioBytes(keyBio.get())};
}

}  // namespace

std::optional<TlsIdentity> loadOrCreateTlsIdentity(
    const QString &dir, const QString &commonName, QString *error)
{
    const QString certPath = QDir(dir).filePath(QStringLiteral("station-cert.pem"));
    const QString keyPath = QDir(dir).filePath(QStringLiteral("station-key.pem"));
    const QString certWhat = QStringLiteral("the station's certificate");
    const QString keyWhat = QStringLiteral("the station's private key");
    const bool haveCert = pathOccupied(certPath);
    const bool haveKey = pathOccupied(keyPath);
    if (haveCert != haveKey) {
        *error = QStringLiteral("only one of %1 and %2 exists; restore the other or delete both "
                                "to make a new identity (remotes will then need to pair again)")
                     .arg(certPath, keyPath);
        return std::nullopt;
    }
    if (!haveCert) {
        const std::optional<PemPair> pem = makeSelfSigned(commonName);
        if (!pem) {
            *error = QStringLiteral("OpenSSL could not make a certificate");
            return std::nullopt;
        }
        if (!writePrivateFile(keyPath, pem->key, keyWhat, error))
            return std::nullopt;
        if (!writePrivateFile(certPath, pem->cert, certWhat, error)) {
            QFile::remove(keyPath);  // never leave half an identity behind
            return std::nullopt;
        }
    }
    QByteArray keyPem, certPem;
    if (readPrivateFile(keyPath, keyWhat, &keyPem, error) != PrivateRead::Ok
        || readPrivateFile(certPath, certWhat, &certPem, error) != PrivateRead::Ok) {
        if (error->isEmpty())
            *error =
                QStringLiteral("the station identity in %1 disappeared while starting").arg(dir);
        return std::nullopt;
    }
    TlsIdentity id{QSslCertificate(certPem, QSsl::Pem), QSslKey(keyPem, QSsl::Ec, QSsl::Pem)};
    if (id.certificate.isNull() || id.key.isNull()) {
        *error =
            QStringLiteral("%1 or %2 is not a valid PEM certificate/EC key; delete both to make "
                           "a new identity (remotes will then need to pair again)")
                .arg(certPath, keyPath);
        return std::nullopt;
    }
    return id;
}

QList<QSslCipher> aeadTlsCiphers()
{
    // TLS 1.3 suites are all AEAD; of TLS 1.2 keep forward-secret AEAD ones (GCM, ChaCha20),
    // dropping CBC with SHA-1 MACs (Lucky 13 and friends) and static-RSA key exchange.
    QList<QSslCipher> out;
    for (const QSslCipher &c : QSslConfiguration::supportedCiphers()) {
        const QString name = c.name();
        const bool aead =
            name.contains(QLatin1String("GCM")) || name.contains(QLatin1String("CHACHA20"));
        const bool tls13 = c.protocol() == QSsl::TlsV1_3 || name.startsWith(QLatin1String("TLS_"));
        if (tls13 || (aead && name.contains(QLatin1String("ECDHE"))))
            out << c;
    }
    return out;
}

QByteArray certificateFingerprint(const QSslCertificate &certificate)
{
    return certificate.digest(QCryptographicHash::Sha256).toHex();
}

}  // namespace rudebot
