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

}  // namespace

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
            *error = logical
                ? QStringLiteral("'logical' must be a number of degrees from -180 to 180")
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
    if (type == QLatin1String("speed")) {
        const QJsonValue v = o.value(QLatin1String("ms_per_deg"));
        const double d = v.toDouble(NAN);
        if (!v.isDouble() || d != std::floor(d) || d < 0 || d > kSlowestMsPerDeg) {
            *error = QStringLiteral("'ms_per_deg' must be a whole number from 0 to %1")
                         .arg(kSlowestMsPerDeg);
            return std::nullopt;
        }
        return Speed{int(d)};
    }
    if (type == QLatin1String("park")) {
        Park m;
        if (!boolField(o, "lock", &m.lock, error))
            return std::nullopt;
        return m;
    }
    if (type == QLatin1String("ask_control"))
        return AskControl{};
    if (type == QLatin1String("answer_control")) {
        AnswerControl m;
        const QJsonValue id = o.value(QLatin1String("client_id"));
        m.clientId = id.toInt(0);
        if (!id.isDouble() || m.clientId < 1) {
            *error = QStringLiteral("'client_id' must be a client's number");
            return std::nullopt;
        }
        if (!boolField(o, "grant", &m.grant, error))
            return std::nullopt;
        return m;
    }
    if (type == QLatin1String("video")) {
        PauseVideo m;
        if (!boolField(o, "paused", &m.paused, error))
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

namespace {

QJsonObject typed(const char *type, std::initializer_list<QPair<QString, QJsonValue>> fields)
{
    QJsonObject o{{QStringLiteral("type"), QLatin1String(type)}};
    for (const auto &f : fields)
        o.insert(f.first, f.second);
    return o;
}

// Overloads for std::visit: one toJson per message.
struct ToJson {
    QJsonObject operator()(const Auth &m) const
    {
        return typed("auth", {{"name", m.name}, {"response", QString::fromLatin1(m.response)}});
    }
    QJsonObject operator()(const Target &m) const
    {
        return typed("target", {{m.logical ? "logical" : "servo", m.degrees}});
    }
    QJsonObject operator()(const Stop &) const { return typed("stop", {}); }
    QJsonObject operator()(const Ping &m) const { return typed("ping", {{"seq", double(m.seq)}}); }
    QJsonObject operator()(const SendLine &m) const
    {
        return typed("send", {{"line", QString::fromLatin1(m.line)}});
    }
    QJsonObject operator()(const Override &m) const
    {
        return typed("override", {{"take", m.take}});
    }
    QJsonObject operator()(const Park &m) const { return typed("park", {{"lock", m.lock}}); }
    QJsonObject operator()(const Rename &m) const { return typed("name", {{"name", m.name}}); }
    QJsonObject operator()(const AskControl &) const { return typed("ask_control", {}); }
    QJsonObject operator()(const AnswerControl &m) const
    {
        return typed("answer_control", {{"client_id", m.clientId}, {"grant", m.grant}});
    }
    QJsonObject operator()(const ControlAnswer &m) const
    {
        return typed("control_answer", {{"granted", m.granted}, {"message", m.message}});
    }
    QJsonObject operator()(const PauseVideo &m) const
    {
        return typed("video", {{"paused", m.paused}});
    }
    QJsonObject operator()(const Speed &m) const
    {
        return typed("speed", {{"ms_per_deg", m.msPerDeg}});
    }

    QJsonObject operator()(const Hello &m) const
    {
        return typed("hello",
            {{"station", m.station}, {"protocol", m.protocol},
                {"nonce", QString::fromLatin1(m.nonce)}});
    }
    QJsonObject operator()(const Welcome &m) const
    {
        return typed("welcome", {{"client_id", m.clientId}, {"role", m.role}});
    }
    QJsonObject operator()(const StationState &m) const { return m.toJson(); }
    QJsonObject operator()(const Refused &m) const
    {
        return typed("refused", {{"reason", m.reason}});
    }
    QJsonObject operator()(const Error &m) const
    {
        return typed("error", {{"code", m.code}, {"message", m.message}});
    }
    QJsonObject operator()(const Pong &m) const { return typed("pong", {{"seq", double(m.seq)}}); }
    QJsonObject operator()(const Reply &m) const
    {
        QJsonArray a;
        for (const QByteArray &l : m.lines)
            a.append(QString::fromLatin1(l));
        return typed("reply", {{"lines", a}});
    }
};

}  // namespace

QJsonObject toJson(const ClientMessage &message)
{
    return std::visit(ToJson{}, message);
}

QJsonObject toJson(const ServerMessage &message)
{
    return std::visit(ToJson{}, message);
}

std::optional<ServerMessage> parseServerMessage(const QByteArray &line, QString *error)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(line, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
        *error = QStringLiteral("not a JSON object");
        return std::nullopt;
    }
    const QJsonObject o = doc.object();
    const QString type = o.value(QLatin1String("type")).toString();
    auto str = [&o](const char *key) { return o.value(QLatin1String(key)).toString(); };
    if (type == QLatin1String("hello"))
        return Hello{
            str("station"), o.value(QLatin1String("protocol")).toInt(), str("nonce").toLatin1()};
    if (type == QLatin1String("welcome"))
        return Welcome{o.value(QLatin1String("client_id")).toInt(), str("role")};
    if (type == QLatin1String("state"))
        return StationState::fromJson(o);
    if (type == QLatin1String("refused"))
        return Refused{str("reason")};
    if (type == QLatin1String("error"))
        return Error{str("code"), str("message")};
    if (type == QLatin1String("pong"))
        return Pong{qint64(o.value(QLatin1String("seq")).toDouble())};
    if (type == QLatin1String("control_answer"))
        return ControlAnswer{o.value(QLatin1String("granted")).toBool(), str("message")};
    if (type == QLatin1String("reply")) {
        Reply r;
        for (const QJsonValue &v : o.value(QLatin1String("lines")).toArray())
            r.lines.append(v.toString().toLatin1());
        return r;
    }
    *error = type.isEmpty() ? QStringLiteral("message without a 'type'")
                            : QStringLiteral("unknown message type '%1'").arg(type.left(32));
    return std::nullopt;
}

QJsonObject hello(const QString &stationName, const QByteArray &nonce)
{
    return toJson(Hello{stationName, kProtocolVersion, nonce});
}

QJsonObject welcome(int clientId, const QString &role)
{
    return toJson(Welcome{clientId, role});
}

QJsonObject refused(const QString &reason)
{
    return toJson(Refused{reason});
}

QJsonObject error(const QString &code, const QString &message)
{
    return toJson(Error{code, message});
}

QJsonObject pong(qint64 seq)
{
    return toJson(Pong{seq});
}

QJsonObject reply(const QList<QByteArray> &lines)
{
    return toJson(Reply{lines});
}

QJsonObject controlAnswer(bool granted, const QString &message)
{
    return toJson(ControlAnswer{granted, message});
}

}  // namespace station

}  // namespace rudebot
