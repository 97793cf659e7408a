#include "station/pairing.h"

#include <QFile>
#include <QFileInfo>
#include <QMessageAuthenticationCode>
#include <QRandomGenerator>
#include <QSaveFile>
#include <QUrl>
#include <QUrlQuery>

namespace rudebot {

namespace {

const int kSecretBytes = 32;
const auto kB64 = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

QByteArray randomBytes(int n)
{
    QByteArray b(n, Qt::Uninitialized);
    QRandomGenerator::system()->generate(reinterpret_cast<quint32 *>(b.data()),
        reinterpret_cast<quint32 *>(b.data() + n));
    return b;
}

} // namespace

std::optional<QByteArray> loadOrCreatePairingSecret(const QString &path, QString *error)
{
    QFileInfo info(path);
    if (!info.exists()) {
        const QByteArray secret = randomBytes(kSecretBytes);
        QSaveFile f(path);
        if (!f.open(QIODevice::WriteOnly)
            || !f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)
            || f.write(secret.toBase64(kB64) + '\n') < 0 || !f.commit()) {
            *error = QStringLiteral("cannot write the pairing secret %1: %2").arg(path, f.errorString());
            return std::nullopt;
        }
        return secret;
    }
    const QFileDevice::Permissions others = QFileDevice::ReadGroup | QFileDevice::WriteGroup
        | QFileDevice::ReadOther | QFileDevice::WriteOther;
    if (info.permissions() & others) {
        *error = QStringLiteral("the pairing secret %1 is readable by other users; run "
                                "'chmod 600 %1' if nobody else could have read it, otherwise "
                                "delete it and pair every remote again")
                     .arg(path);
        return std::nullopt;
    }
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read the pairing secret %1: %2").arg(path, f.errorString());
        return std::nullopt;
    }
    const QByteArray secret = QByteArray::fromBase64(f.readAll().trimmed(), kB64);
    if (secret.size() != kSecretBytes) {
        *error = QStringLiteral("%1 does not hold a pairing secret; delete it to make a new one "
                                "(remotes will need to pair again)")
                     .arg(path);
        return std::nullopt;
    }
    return secret;
}

QString PairingInfo::toUri() const
{
    QUrl url;
    url.setScheme(QStringLiteral("rudebot"));
    url.setHost(host);
    url.setPort(port);
    url.setPath(QStringLiteral("/"));
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("fp"), QString::fromLatin1(fingerprint));
    q.addQueryItem(QStringLiteral("key"), QString::fromLatin1(secret.toBase64(kB64)));
    url.setQuery(q);
    return url.toString(QUrl::FullyEncoded);
}

std::optional<PairingInfo> PairingInfo::fromUri(const QString &uri, QString *error)
{
    const QUrl url(uri.trimmed(), QUrl::StrictMode);
    const QUrlQuery q(url);
    PairingInfo p;
    p.host = url.host();
    p.port = url.port() > 0 ? quint16(url.port()) : 0;
    p.fingerprint = q.queryItemValue(QStringLiteral("fp")).toLatin1().toLower();
    p.secret = QByteArray::fromBase64(q.queryItemValue(QStringLiteral("key")).toLatin1(), kB64);
    QString what;
    if (!url.isValid() || url.scheme() != QLatin1String("rudebot"))
        what = QStringLiteral("it does not start with rudebot://");
    else if (p.host.isEmpty() || p.port == 0)
        what = QStringLiteral("it has no host:port");
    else if (p.fingerprint.size() != 64
        || QByteArray::fromHex(p.fingerprint).toHex() != p.fingerprint)
        what = QStringLiteral("its fp= is not a SHA-256 fingerprint");
    else if (p.secret.size() != kSecretBytes)
        what = QStringLiteral("its key= is not a pairing secret");
    if (!what.isEmpty()) {
        *error = QStringLiteral("not a Rudebot pairing link (%1); copy it again from the "
                                "station's screen or log")
                     .arg(what);
        return std::nullopt;
    }
    return p;
}

bool constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (int i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a.at(i) ^ b.at(i));
    return diff == 0;
}

QByteArray authResponse(const QByteArray &secret, const QByteArray &nonce, const QByteArray &fingerprint)
{
    return QMessageAuthenticationCode::hash("rudebot-auth-v1\n" + nonce + '\n' + fingerprint,
        secret, QCryptographicHash::Sha256)
        .toHex();
}

QByteArray newNonce()
{
    return randomBytes(32).toHex();
}

} // namespace rudebot
