#include "core/rig_protocol.h"

#include <QList>

namespace rudebot {

namespace {

// strtol's reading as the firmware does it: optional blanks, optional sign, digits, nothing
// after. Returns false for anything else (and for absurdly long numbers).
bool readInteger(QByteArrayView s, int *value)
{
    qsizetype i = 0;
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t'))
        ++i;
    bool negative = false;
    if (i < s.size() && (s[i] == '+' || s[i] == '-'))
        negative = s[i++] == '-';
    if (i == s.size() || s.size() - i > 9)
        return false;
    int v = 0;
    for (; i < s.size(); ++i) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    *value = negative ? -v : v;
    return true;
}

// "key=value" fields separated by single blanks, in the given order, all present.
bool readFields(QByteArrayView text, std::initializer_list<const char *> keys, int *out)
{
    const QList<QByteArray> parts = text.toByteArray().split(' ');
    if (parts.size() != qsizetype(keys.size()))
        return false;
    int n = 0;
    for (const char *key : keys) {
        const QByteArray prefix = QByteArray(key) + '=';
        const QByteArray &part = parts.at(n);
        if (!part.startsWith(prefix) || part.size() == prefix.size())
            return false;
        if (!readInteger(QByteArrayView(part).sliced(prefix.size()), &out[n]) || out[n] < 0)
            return false;
        ++n;
    }
    return true;
}

QByteArray versionOf(QByteArrayView text)
{
    static constexpr QByteArrayView kName("Rudebot firmware ");
    return text.startsWith(kName) ? text.sliced(kName.size()).toByteArray() : QByteArray();
}

}  // namespace

bool RigReply::isVerdict() const
{
    return kind != Kind::Ready && kind != Kind::GoodToGo && kind != Kind::Unknown;
}

bool RigReply::isError() const
{
    return kind == Kind::BadInput || kind == Kind::BadAngle || kind == Kind::TooLong
        || kind == Kind::BadSpeed;
}

RigReply parseReplyLine(QByteArrayView line)
{
    using K = RigReply::Kind;
    RigReply r;
    auto after = [&](const char *prefix, QByteArrayView *rest) {
        const QByteArrayView p(prefix);
        if (!line.startsWith(p))
            return false;
        *rest = line.sliced(p.size());
        return true;
    };
    QByteArrayView rest;
    if (line == "OK: Good to go") {
        r.kind = K::GoodToGo;
    } else if (line == "Error: Bad input") {
        r.kind = K::BadInput;
    } else if (line == "Error: Bad angle") {
        r.kind = K::BadAngle;
    } else if (line == "Error: Angle more than 3 bytes") {
        r.kind = K::TooLong;
    } else if (line == "Error: Bad speed") {
        r.kind = K::BadSpeed;
    } else if (after("Input angle: ", &rest)) {
        // The echo is the line as the firmware read it: read it back the same way.
        const RigCommand echoed = classifyCommandLine(rest);
        if (echoed.kind == RigCommand::Kind::Angle) {
            r.kind = K::InputAngle;
            r.angle = echoed.value;
            r.text = rest.toByteArray();
        }
    } else if (after("Position: ", &rest)) {
        int f[4];
        if (readFields(rest, {"angle", "target", "moving", "ms_per_deg"}, f) && f[2] <= 1) {
            r.kind = K::Position;
            r.angle = f[0];
            r.target = f[1];
            r.moving = f[2] == 1;
            r.msPerDeg = f[3];
        }
    } else if (after("Stopped: ", &rest)) {
        int f[1];
        if (readFields(rest, {"angle"}, f)) {
            r.kind = K::Stopped;
            r.angle = f[0];
        }
    } else if (after("Speed: ", &rest)) {
        int f[1];
        if (readFields(rest, {"ms_per_deg"}, f)) {
            r.kind = K::Speed;
            r.msPerDeg = f[0];
        }
    } else if (after("Ready: ", &rest)) {
        r.kind = K::Ready;
        r.text = rest.toByteArray();
        r.version = versionOf(rest);
    } else if (after("Version: ", &rest)) {
        r.kind = K::Version;
        r.text = rest.toByteArray();
        r.version = versionOf(rest);
    }
    if (r.kind == K::Unknown) {
        r = RigReply();
        r.text = line.toByteArray();
    }
    return r;
}

const char *kindName(RigReply::Kind kind)
{
    using K = RigReply::Kind;
    switch (kind) {
    case K::Unknown: return "Unknown";
    case K::Ready: return "Ready";
    case K::GoodToGo: return "GoodToGo";
    case K::InputAngle: return "InputAngle";
    case K::BadInput: return "BadInput";
    case K::BadAngle: return "BadAngle";
    case K::TooLong: return "TooLong";
    case K::BadSpeed: return "BadSpeed";
    case K::Position: return "Position";
    case K::Version: return "Version";
    case K::Stopped: return "Stopped";
    case K::Speed: return "Speed";
    }
    return "Unknown";
}

namespace {

// The firmware's isBlank(): what strtol() skips before a number.
bool isBlank(char c)
{
    return c == ' ' || c == '\t' || c == '\v' || c == '\f';
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// command.cpp's parseInt(): blanks, one optional sign, at least one digit, nothing after.
bool parseFirmwareInt(QByteArrayView s, int *value)
{
    qsizetype i = 0;
    while (i < s.size() && isBlank(s[i]))
        ++i;
    bool negative = false;
    if (i < s.size() && (s[i] == '+' || s[i] == '-'))
        negative = s[i++] == '-';
    if (i == s.size() || !isDigit(s[i]))
        return false;
    int v = 0;
    for (; i < s.size(); ++i) {
        if (!isDigit(s[i]))
            return false;
        v = v * 10 + (s[i] - '0');  // at most 3 characters: no overflow
    }
    *value = negative ? -v : v;
    return true;
}

QList<QByteArray> verdict(QByteArray line)
{
    return {std::move(line), goodToGoLine()};
}

}  // namespace

bool RigCommand::isCommand() const
{
    switch (kind) {
    case Kind::Angle:
    case Kind::Query:
    case Kind::Version:
    case Kind::Stop:
    case Kind::Speed: return true;
    default: return false;
    }
}

RigCommand classifyCommandLine(QByteArrayView line)
{
    using K = RigCommand::Kind;
    RigCommand c;
    if (line.isEmpty())
        return c;
    if (line.size() > kMaxCommandBytes) {
        c.kind = K::TooLong;
        return c;
    }
    if (line.contains('\r') || line.contains('\n')) {
        c.kind = K::BadInput;
        return c;
    }
    // The firmware holds the line as a C string: it ends at the first NUL.
    if (const qsizetype nul = line.indexOf('\0'); nul >= 0)
        line = line.first(nul);
    int n = 0;
    if (parseFirmwareInt(line, &n)) {
        if (n < 0 || n > kMaxServoDeg) {
            c.kind = K::BadAngle;
        } else {
            c.kind = K::Angle;
            c.value = n;
            c.echo = line.toByteArray();
        }
        return c;
    }
    const char c0 = line.isEmpty() ? '\0' : line[0];
    if (line.size() == 1 && c0 == '?') {
        c.kind = K::Query;
    } else if (line.size() == 1 && (c0 == 'V' || c0 == 'v')) {
        c.kind = K::Version;
    } else if (line.size() == 1 && c0 == '!') {
        c.kind = K::Stop;
    } else if (c0 == 'S' || c0 == 's') {
        const QByteArrayView d = line.sliced(1);
        const bool digits =
            (d.size() == 1 || d.size() == 2) && isDigit(d[0]) && (d.size() == 1 || isDigit(d[1]));
        const int ms = !digits ? 0 : d.size() == 2 ? (d[0] - '0') * 10 + (d[1] - '0') : d[0] - '0';
        c.kind = ms > 0 ? K::Speed : K::BadSpeed;
        c.value = ms;
    } else {
        c.kind = K::BadInput;
    }
    return c;
}

const char *kindName(RigCommand::Kind kind)
{
    using K = RigCommand::Kind;
    switch (kind) {
    case K::Empty: return "Empty";
    case K::Angle: return "Angle";
    case K::Query: return "Query";
    case K::Version: return "Version";
    case K::Stop: return "Stop";
    case K::Speed: return "Speed";
    case K::BadInput: return "BadInput";
    case K::BadAngle: return "BadAngle";
    case K::BadSpeed: return "BadSpeed";
    case K::TooLong: return "TooLong";
    }
    return "Empty";
}

QByteArray canonicalLine(const RigCommand &command)
{
    using K = RigCommand::Kind;
    switch (command.kind) {
    case K::Angle:
        if (command.value >= 0 && command.value <= kMaxServoDeg)
            return QByteArray::number(command.value);
        return {};
    case K::Query: return QByteArrayLiteral("?");
    case K::Version: return QByteArrayLiteral("V");
    case K::Stop: return QByteArrayLiteral("!");
    case K::Speed:
        if (command.value >= 1 && command.value <= 99)
            return 'S' + QByteArray::number(command.value);
        return {};
    default: return {};
    }
}

QByteArray encodeCommand(const RigCommand &command)
{
    const QByteArray line = canonicalLine(command);
    return line.isEmpty() ? line : line + '\n';
}

QByteArray encodeAngle(int servoDeg)
{
    return encodeCommand({RigCommand::Kind::Angle, servoDeg, {}});
}

QByteArray encodeQuery()
{
    return encodeCommand({RigCommand::Kind::Query, 0, {}});
}
QByteArray encodeVersion()
{
    return encodeCommand({RigCommand::Kind::Version, 0, {}});
}
QByteArray encodeStop()
{
    return encodeCommand({RigCommand::Kind::Stop, 0, {}});
}

QByteArray encodeSpeed(int msPerDeg)
{
    return encodeCommand({RigCommand::Kind::Speed, msPerDeg, {}});
}

QByteArray encodeRawLine(QByteArrayView line)
{
    if (line.isEmpty() || line.contains('\r') || line.contains('\n'))
        return {};
    return line.toByteArray() + '\n';
}

int angleOfCommand(QByteArrayView line)
{
    while (line.endsWith('\n') || line.endsWith('\r'))
        line.chop(1);
    const RigCommand c = classifyCommandLine(line);
    return c.kind == RigCommand::Kind::Angle ? c.value : -1;
}

QByteArray goodToGoLine()
{
    return QByteArrayLiteral("OK: Good to go");
}

QList<QByteArray> firmwareVerdict(const RigCommand &command)
{
    using K = RigCommand::Kind;
    switch (command.kind) {
    case K::Angle: return verdict("Input angle: " + command.echo);
    case K::BadInput: return verdict("Error: Bad input");
    case K::BadAngle: return verdict("Error: Bad angle");
    case K::BadSpeed: return verdict("Error: Bad speed");
    case K::TooLong: return verdict("Error: Angle more than 3 bytes");
    case K::Speed: return verdict("Speed: ms_per_deg=" + QByteArray::number(command.value));
    default: return {};
    }
}

QList<QByteArray> rigNotConnectedReply(QByteArrayView linkState)
{
    return verdict("Error: Rig not connected (" + linkState.toByteArray() + ')');
}

QList<QByteArray> rigBusyReply()
{
    return verdict("Error: Busy, wait for the replies");
}

QList<QByteArray> rigNoAnswerReply()
{
    return verdict("Error: Rig did not answer");
}

QList<QByteArray> refusedReply(const QString &reason)
{
    return verdict("Error: Refused: " + reason.toUtf8());
}

QList<QByteArray> tooManyCommandsReply()
{
    return verdict("Error: Too many commands");
}

QList<QByteArray> outsideLimitsReply()
{
    return firmwareVerdict({RigCommand::Kind::BadAngle, 0, {}});
}

}  // namespace rudebot
