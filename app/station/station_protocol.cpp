#include "station/station_protocol.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <cmath>

namespace rudebot {

namespace station {

namespace {

bool fail(QString *error, const QString &why)
{
    *error = why;
    return false;
}

bool boolField(const QJsonObject &o, const char *key, bool *out, QString *error)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (!v.isBool())
        return fail(error, QStringLiteral("'%1' must be true or false").arg(QLatin1String(key)));
    *out = v.toBool();
    return true;
}

} // namespace

std::optional<ClientMessage> parseClientMessage(const QByteArray &line, QString *error)
{
    if (line.size() > kMaxLineBytes) {
        *error = QStringLiteral("line longer than %1 bytes").arg(kMaxLineBytes);
        return std::nullopt;
    }
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(line, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
        *error = QStringLiteral("not a JSON object");
        return std::nullopt;
    }
    const QJsonObject o = doc.object();
    const QString type = o.value(QLatin1String("type")).toString();
    if (type == QLatin1String("auth")) {
        Auth a{o.value(QLatin1String("name")).toString().left(40),
            o.value(QLatin1String("response")).toString().toLatin1()};
        if (a.response.size() != 64) {
            *error = QStringLiteral("'response' must be 64 hex characters");
            return std::nullopt;
        }
        return a;
    }
    if (type == QLatin1String("target")) {
        const bool logical = o.contains(QLatin1String("logical"));
        const QJsonValue v = o.value(QLatin1String(logical ? "logical" : "servo"));
        const double d = v.toDouble(NAN);
        const double lo = logical ? -180 : 0;
        if (!v.isDouble() || !std::isfinite(d) || d < lo || d > 180) {
            *error = logical ? QStringLiteral("'logical' must be a number of degrees from -180 to 180")
                             : QStringLiteral("'servo' must be a number of degrees from 0 to 180");
            return std::nullopt;
        }
        return Target{d, logical};
    }
    if (type == QLatin1String("stop"))
        return Stop{};
    if (type == QLatin1String("ping"))
        return Ping{qint64(o.value(QLatin1String("seq")).toDouble())};
    if (type == QLatin1String("send")) {
        const QByteArray l = o.value(QLatin1String("line")).toString().toLatin1();
        if (l.isEmpty() || l.size() > 64 || l.contains('\n') || l.contains('\r')) {
            *error = QStringLiteral("'line' must be one firmware line of 1 to 64 characters");
            return std::nullopt;
        }
        return SendLine{l};
    }
    if (type == QLatin1String("override")) {
        Override m;
        if (!boolField(o, "take", &m.take, error))
            return std::nullopt;
        return m;
    }
    if (type == QLatin1String("name")) {
        const QString name = o.value(QLatin1String("name")).toString().trimmed().left(40);
        if (name.isEmpty()) {
            *error = QStringLiteral("'name' must be a non-empty string");
            return std::nullopt;
        }
        return Rename{name};
    }
    if (type == QLatin1String("park")) {
        Park m;
        if (!boolField(o, "lock", &m.lock, error))
            return std::nullopt;
        return m;
    }
    *error = type.isEmpty() ? QStringLiteral("message without a 'type'")
                            : QStringLiteral("unknown message type '%1'").arg(type.left(32));
    return std::nullopt;
}

QByteArray encode(const QJsonObject &message)
{
    return QJsonDocument(message).toJson(QJsonDocument::Compact) + '\n';
}

QJsonObject parseServerMessage(const QByteArray &line)
{
    const QJsonDocument doc = QJsonDocument::fromJson(line);
    return doc.isObject() ? doc.object() : QJsonObject();
}

QJsonObject hello(const QString &stationName, const QByteArray &nonce)
{
    return {{QStringLiteral("type"), QStringLiteral("hello")},
        {QStringLiteral("station"), stationName}, {QStringLiteral("protocol"), kProtocolVersion},
        {QStringLiteral("nonce"), QString::fromLatin1(nonce)}};
}

QJsonObject welcome(int clientId, const QString &role)
{
    return {{QStringLiteral("type"), QStringLiteral("welcome")},
        {QStringLiteral("client_id"), clientId}, {QStringLiteral("role"), role}};
}

QJsonObject refused(const QString &reason)
{
    return {{QStringLiteral("type"), QStringLiteral("refused")}, {QStringLiteral("reason"), reason}};
}

QJsonObject error(const QString &code, const QString &message)
{
    return {{QStringLiteral("type"), QStringLiteral("error")}, {QStringLiteral("code"), code},
        {QStringLiteral("message"), message}};
}

QJsonObject pong(qint64 seq)
{
    return {{QStringLiteral("type"), QStringLiteral("pong")}, {QStringLiteral("seq"), double(seq)}};
}

QJsonObject reply(const QList<QByteArray> &lines)
{
    QJsonArray a;
    for (const QByteArray &l : lines)
        a.append(QString::fromLatin1(l));
    return {{QStringLiteral("type"), QStringLiteral("reply")}, {QStringLiteral("lines"), a}};
}

} // namespace station

} // namespace rudebot
