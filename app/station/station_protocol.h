// The station's protocol for full clients (our app, rudebotctl): one JSON object per line,
// UTF-8, '\n'-terminated, at most kMaxLineBytes. Pure: parsing and building messages only.
// The message list, with examples, is in docs/station.md.
#pragma once
#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <optional>
#include <variant>

namespace rudebot {

namespace station {

const int kProtocolVersion = 1;
const int kMaxLineBytes = 4096;

// Client -> station.
struct Auth {
    QString name;         // shown to others ("Rudy"); at most 40 characters
    QByteArray response;  // hex HMAC, see docs/security.md
};
struct Target {
    // Either servo degrees 0..180, or logical degrees (0 = home, positive = right as seen by
    // the camera) that the station maps with its calibration. Soft limits apply to both.
    double degrees = 0;
    bool logical = false;
};
struct Stop {};
struct Ping {
    qint64 seq = 0;
};
struct SendLine {
    QByteArray line;  // one firmware protocol line, passed through; answered with "reply"
};
struct Override {
    bool take = false;  // office only
};
struct Park {
    bool lock = false;  // office only
};
struct Rename {
    QString name;  // the name others see; the office's own tools use it (they skip auth)
};
using ClientMessage = std::variant<Auth, Target, Stop, Ping, SendLine, Override, Park, Rename>;

// nullopt with a reason for anything malformed: not JSON, unknown type, missing or bad field.
std::optional<ClientMessage> parseClientMessage(const QByteArray &line, QString *error);

QByteArray encode(const QJsonObject &message);  // compact JSON + '\n'
QJsonObject parseServerMessage(const QByteArray &line);  // for clients; empty when malformed

// Builders for what the station sends.
QJsonObject hello(const QString &stationName, const QByteArray &nonce);
QJsonObject welcome(int clientId, const QString &role);
QJsonObject refused(const QString &reason);
QJsonObject error(const QString &code, const QString &message);
QJsonObject pong(qint64 seq);
QJsonObject reply(const QList<QByteArray> &lines);

} // namespace station

} // namespace rudebot
