#include "media/media_messages.h"

#include <QCryptographicHash>
#include <QRegularExpression>
#include <QSet>

namespace rudebot {

namespace {

// An SDP for one video and one audio stream is a few kilobytes; refuse anything far larger
// before webrtcbin parses it.
constexpr int kMaxSdpBytes = 64 * 1024;
constexpr int kMaxCandidateBytes = 1024;

const QString kOffer = QStringLiteral("media-offer");
const QString kAnswer = QStringLiteral("media-answer");
const QString kIce = QStringLiteral("media-ice");
const QString kClose = QStringLiteral("media-close");
const QString kState = QStringLiteral("media-state");

}  // namespace

bool isMediaMessageType(const QString &type)
{
    return type == kOffer || type == kAnswer || type == kIce || type == kClose || type == kState;
}

QJsonObject toJson(const MediaMessage &message)
{
    if (const auto *d = std::get_if<SessionDescription>(&message)) {
        return QJsonObject{
            {QStringLiteral("type"), d->kind == SessionDescription::Kind::Offer ? kOffer : kAnswer},
            {QStringLiteral("sdp"), d->sdp}, {QStringLiteral("fingerprint"), d->fingerprint}};
    }
    if (const auto *c = std::get_if<IceCandidate>(&message)) {
        return QJsonObject{{QStringLiteral("type"), kIce}, {QStringLiteral("mline"), c->mlineIndex},
            {QStringLiteral("candidate"), c->candidate}};
    }
    if (const auto *st = std::get_if<MediaState>(&message)) {
        QJsonObject json{{QStringLiteral("type"), kState},
            {QStringLiteral("microphone"),
                st->microphoneMuted || st->microphoneMissing ? QStringLiteral("muted")
                                                             : QStringLiteral("on")},
            {QStringLiteral("camera"),
                st->cameraPaused ? QStringLiteral("paused") : QStringLiteral("on")}};
        if (st->microphoneMissing)
            json.insert(QStringLiteral("microphone-device"), QStringLiteral("none"));
        return json;
    }
    const auto &close = std::get<MediaClose>(message);
    return QJsonObject{{QStringLiteral("type"), kClose}, {QStringLiteral("reason"), close.reason}};
}

std::optional<MediaMessage> mediaMessageFromJson(const QJsonObject &json, QString *error)
{
    const auto fail = [error](const QString &why) -> std::optional<MediaMessage> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    const QString type = json.value(QStringLiteral("type")).toString();
    if (type == kOffer || type == kAnswer) {
        const QJsonValue sdp = json.value(QStringLiteral("sdp"));
        if (!sdp.isString() || sdp.toString().isEmpty())
            return fail(QStringLiteral("%1 without an \"sdp\" string").arg(type));
        if (sdp.toString().size() > kMaxSdpBytes)
            return fail(QStringLiteral("%1 SDP larger than %2 bytes").arg(type).arg(kMaxSdpBytes));
        const QString fingerprint =
            normaliseFingerprint(json.value(QStringLiteral("fingerprint")).toString());
        if (fingerprint.isEmpty())
            return fail(QStringLiteral("%1 without a sha-256 \"fingerprint\"").arg(type));
        SessionDescription d;
        d.kind =
            type == kOffer ? SessionDescription::Kind::Offer : SessionDescription::Kind::Answer;
        d.sdp = sdp.toString();
        d.fingerprint = fingerprint;
        return d;
    }
    if (type == kIce) {
        const QJsonValue mline = json.value(QStringLiteral("mline"));
        const QJsonValue candidate = json.value(QStringLiteral("candidate"));
        if (!mline.isDouble() || mline.toDouble() < 0 || mline.toDouble() > 16
            || mline.toDouble() != double(mline.toInt()))
            return fail(QStringLiteral("media-ice without a small \"mline\" number"));
        if (!candidate.isString() || candidate.toString().size() > kMaxCandidateBytes)
            return fail(QStringLiteral("media-ice without a \"candidate\" string"));
        const QString text = candidate.toString();
        if (!text.isEmpty() && !text.startsWith(QLatin1String("candidate:")))
            return fail(QStringLiteral("media-ice candidate does not start with \"candidate:\""));
        if (text.contains(QLatin1Char('\r')) || text.contains(QLatin1Char('\n')))
            return fail(QStringLiteral("media-ice candidate spans several lines"));
        return IceCandidate{mline.toInt(), text};
    }
    if (type == kClose)
        return MediaClose{json.value(QStringLiteral("reason")).toString().left(200)};
    if (type == kState) {
        const QString mic = json.value(QStringLiteral("microphone")).toString();
        const QString camera = json.value(QStringLiteral("camera")).toString();
        if ((mic != QLatin1String("on") && mic != QLatin1String("muted"))
            || (camera != QLatin1String("on") && camera != QLatin1String("paused")))
            return fail(QStringLiteral(
                "media-state without \"microphone\" on/muted and \"camera\" on/paused"));
        // Any other "microphone-device" (a later version's) is read as a microphone present.
        const bool missing =
            json.value(QStringLiteral("microphone-device")).toString() == QLatin1String("none");
        return MediaState{
            mic == QLatin1String("muted") || missing, camera == QLatin1String("paused"), missing};
    }
    return fail(QStringLiteral("not a media message: \"%1\"").arg(type.left(40)));
}

QString normaliseFingerprint(const QString &fingerprint)
{
    static const QRegularExpression re(
        QStringLiteral("^\\s*(sha-256)\\s+((?:[0-9a-f]{2}:){31}[0-9a-f]{2})\\s*$"),
        QRegularExpression::CaseInsensitiveOption);
    const auto m = re.match(fingerprint);
    if (!m.hasMatch())
        return {};
    return m.captured(1).toLower() + QLatin1Char(' ') + m.captured(2).toUpper();
}

QString sdpFingerprint(const QString &sdp)
{
    QSet<QString> found;
    for (const QString &line : sdp.split(QLatin1Char('\n'))) {
        const QString l = line.trimmed();
        if (!l.startsWith(QLatin1String("a=fingerprint:")))
            continue;
        const QString value = normaliseFingerprint(l.mid(14));
        if (value.isEmpty())
            return {};  // a fingerprint we cannot check is a fingerprint we refuse
        found.insert(value);
    }
    return found.size() == 1 ? *found.begin() : QString();
}

QString certificateFingerprint(const QByteArray &der)
{
    const QByteArray hex =
        QCryptographicHash::hash(der, QCryptographicHash::Sha256).toHex(':').toUpper();
    return QStringLiteral("sha-256 ") + QString::fromLatin1(hex);
}

}  // namespace rudebot
