#include "station/pairing.h"
#include "station/private_files.h"

#include <QMessageAuthenticationCode>
#include <QRandomGenerator>
#include <QUrl>
#include <QUrlQuery>

namespace rudebot {

namespace {

const int kSecretBytes = 32;
const auto kB64 = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

QByteArray randomBytes(int n)
{
    QByteArray b(n, Qt::Uninitialized);
    QRandomGenerator::system()->generate(
        reinterpret_cast<quint32 *>(b.data()), reinterpret_cast<quint32 *>(b.data() + n));
    return b;
}

}  // namespace

std::optional<QByteArray> loadOrCreatePairingSecret(const QString &path, QString *error)
{
    const QString what = QStringLiteral("the pairing secret");
    QByteArray text;
    switch (readPrivateFile(path, what, &text, error)) {
    case PrivateRead::Refused: return std::nullopt;
    case PrivateRead::Missing: {
        const QByteArray secret = randomBytes(kSecretBytes);
        if (!writePrivateFile(path, secret.toBase64(kB64) + '\n', what, error))
            return std::nullopt;
        return secret;
    }
    case PrivateRead::Ok: break;
    }
    const QByteArray secret = QByteArray::fromBase64(text.trimmed(), kB64);
    if (secret.size() != kSecretBytes) {
        *error = QStringLiteral("%1 does not hold a pairing secret; delete it to make a new one "
                                "(remotes will need to pair again)")
                     .arg(path);
        return std::nullopt;
    }
    return secret;
}

QByteArray newPairingSecret()
{
    return randomBytes(kSecretBytes);
}

QByteArray encodeSecret(const QByteArray &secret)
{
    return secret.toBase64(kB64);
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
    q.addQueryItem(QStringLiteral("key"), QString::fromLatin1(encodeSecret(secret)));
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

QByteArray authResponse(
    const QByteArray &secret, const QByteArray &nonce, const QByteArray &fingerprint)
{
    return QMessageAuthenticationCode::hash(
        "rudebot-auth-v1\n" + nonce + '\n' + fingerprint, secret, QCryptographicHash::Sha256)
        .toHex();
}

QByteArray newNonce()
{
    return randomBytes(32).toHex();
}

}  // namespace rudebot
