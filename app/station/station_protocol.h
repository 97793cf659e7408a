// The station's protocol for full clients (our app, rudebotctl): one JSON object per line,
// UTF-8, '\n'-terminated, at most kMaxLineBytes. Pure: parsing and building messages only.
// Every message both ways is a struct here with one toJson and one parser, used by both ends;
// the message list, with examples, is in docs/station.md.
#pragma once
#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <optional>
#include <variant>

#include "station/station_state.h"

namespace rudebot {

namespace station {

const int kProtocolVersion = 1;
const int kMaxLineBytes = 4096;

// Client -> station.
struct Auth {
    QString name;  // shown to others ("Rudy"); at most 40 characters
    QByteArray response;  // hex HMAC, see docs/security.md
    friend bool operator==(const Auth &a, const Auth &b)
    {
        return a.name == b.name && a.response == b.response;
    }
};
struct Target {
    // Either servo degrees 0..180, or logical degrees (0 = home, positive = right as seen by
    // the camera) that the station maps with its calibration. Soft limits apply to both.
    double degrees = 0;
    bool logical = false;
    friend bool operator==(const Target &a, const Target &b)
    {
        return a.degrees == b.degrees && a.logical == b.logical;
    }
};
struct Stop {
    friend bool operator==(const Stop &, const Stop &) { return true; }
};
struct Ping {
    qint64 seq = 0;
    friend bool operator==(const Ping &a, const Ping &b) { return a.seq == b.seq; }
};
struct SendLine {
    // One firmware protocol line (Latin-1, no CR or LF), answered with one "reply". The
    // station reads it as the firmware would and forwards only its own canonical line.
    QByteArray line;
    friend bool operator==(const SendLine &a, const SendLine &b) { return a.line == b.line; }
};
struct Override {
    bool take = false;  // office only
    friend bool operator==(const Override &a, const Override &b) { return a.take == b.take; }
};
struct Park {
    bool lock = false;  // office only
    friend bool operator==(const Park &a, const Park &b) { return a.lock == b.lock; }
};
struct PauseVideo {
    // office only: no camera frame to any viewer (they get the privacy card) without parking
    bool paused = false;
    friend bool operator==(const PauseVideo &a, const PauseVideo &b)
    {
        return a.paused == b.paused;
    }
};
struct AskControl {
    // a remote asks the office for control (issue 14): the office grants or declines
    friend bool operator==(const AskControl &, const AskControl &) { return true; }
};
struct AnswerControl {
    int clientId = 0;  // office only: the remote that asked
    bool grant = false;
    friend bool operator==(const AnswerControl &a, const AnswerControl &b)
    {
        return a.clientId == b.clientId && a.grant == b.grant;
    }
};
struct Rename {
    QString name;  // the name others see; the office's own tools use it (they skip auth)
    friend bool operator==(const Rename &a, const Rename &b) { return a.name == b.name; }
};
// How fast this client's moves turn the rig. The station clamps the choice to its limits:
// never faster than its calibrated speed (StationState::fastestMsPerDeg), never slower than
// kSlowestMsPerDeg. It holds for the client's later moves until it disconnects.
struct Speed {
    int msPerDeg = 0;  // milliseconds per degree, 1..kSlowestMsPerDeg; 0 = as fast as allowed
    friend bool operator==(const Speed &a, const Speed &b) { return a.msPerDeg == b.msPerDeg; }
};
const int kSlowestMsPerDeg = 99;  // the firmware's slowest step (protocol.md: S1..S99)
using ClientMessage = std::variant<Auth, Target, Stop, Ping, SendLine, Override, Park, Rename,
    Speed, PauseVideo, AskControl, AnswerControl>;

// Station -> client (and StationState, station_state.h).
struct Hello {
    QString station;
    int protocol = kProtocolVersion;
    QByteArray nonce;  // hex; the client proves the secret over it
    friend bool operator==(const Hello &a, const Hello &b)
    {
        return a.station == b.station && a.protocol == b.protocol && a.nonce == b.nonce;
    }
};
struct Welcome {
    int clientId = 0;
    QString role;  // "remote"
    friend bool operator==(const Welcome &a, const Welcome &b)
    {
        return a.clientId == b.clientId && a.role == b.role;
    }
};
struct Refused {
    QString reason;  // a sentence for the user
    friend bool operator==(const Refused &a, const Refused &b) { return a.reason == b.reason; }
};
struct Error {
    QString code;  // "auth", "bad-message", "too-long"
    QString message;
    friend bool operator==(const Error &a, const Error &b)
    {
        return a.code == b.code && a.message == b.message;
    }
};
struct Pong {
    qint64 seq = 0;
    friend bool operator==(const Pong &a, const Pong &b) { return a.seq == b.seq; }
};
struct Reply {
    QList<QByteArray> lines;  // firmware reply lines (Latin-1) answering one "send"
    friend bool operator==(const Reply &a, const Reply &b) { return a.lines == b.lines; }
};
struct ControlAnswer {
    // to a remote that asked for control: the office's answer, as a sentence for the user
    bool granted = false;
    QString message;
    friend bool operator==(const ControlAnswer &a, const ControlAnswer &b)
    {
        return a.granted == b.granted && a.message == b.message;
    }
};
using ServerMessage =
    std::variant<Hello, Welcome, StationState, Refused, Error, Pong, Reply, ControlAnswer>;

// nullopt with a reason for anything malformed: not JSON, unknown type, missing or bad field.
std::optional<ClientMessage> parseClientMessage(const QByteArray &line, QString *error);
// For clients. A station's line that is not one of the messages above: nullopt and *error.
std::optional<ServerMessage> parseServerMessage(const QByteArray &line, QString *error);

QJsonObject toJson(const ClientMessage &message);
QJsonObject toJson(const ServerMessage &message);
QByteArray encode(const QJsonObject &message);  // compact JSON + '\n'
inline QByteArray encode(const ClientMessage &m)
{
    return encode(toJson(m));
}
inline QByteArray encode(const ServerMessage &m)
{
    return encode(toJson(m));
}

// Shorthands for what the station sends, as JSON objects.
QJsonObject hello(const QString &stationName, const QByteArray &nonce);
QJsonObject welcome(int clientId, const QString &role);
QJsonObject refused(const QString &reason);
QJsonObject error(const QString &code, const QString &message);
QJsonObject pong(qint64 seq);
QJsonObject reply(const QList<QByteArray> &lines);
QJsonObject controlAnswer(bool granted, const QString &message);

}  // namespace station

}  // namespace rudebot
