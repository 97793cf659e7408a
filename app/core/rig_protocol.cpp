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

} // namespace

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
        if (readInteger(rest, &r.angle) && r.angle >= 0 && r.angle <= kMaxServoDeg) {
            r.kind = K::InputAngle;
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

QByteArray encodeAngle(int servoDeg)
{
    if (servoDeg < 0 || servoDeg > kMaxServoDeg)
        return {};
    return QByteArray::number(servoDeg) + '\n';
}

QByteArray encodeQuery() { return QByteArrayLiteral("?\n"); }
QByteArray encodeVersion() { return QByteArrayLiteral("V\n"); }
QByteArray encodeStop() { return QByteArrayLiteral("!\n"); }

QByteArray encodeSpeed(int msPerDeg)
{
    if (msPerDeg < 1 || msPerDeg > 99)
        return {};
    return 'S' + QByteArray::number(msPerDeg) + '\n';
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
    int v = -1;
    if (line.size() > 3 || !readInteger(line, &v) || v < 0 || v > kMaxServoDeg)
        return -1;
    return v;
}

} // namespace rudebot
