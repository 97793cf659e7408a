// The firmware's wire protocol (docs/protocol.md) as pure code: reply lines in, typed replies
// out; commands in, bytes out. No QObject, no I/O, no clock.
//
// Angles on the wire are servo degrees, 0..180, whole numbers. Logical (calibrated) angles never
// appear here; see calibration.h.
#pragma once
#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

namespace rudebot {

struct RigReply {
    enum class Kind {
        Unknown,  // anything else; text holds the whole line
        Ready,  // "Ready: Rudebot firmware 1.0.0" (our firmware, after every reset)
        GoodToGo,  // "OK: Good to go" (ready for the next line)
        InputAngle,  // "Input angle: 090"; angle = 90, text = "090" as the host typed it
        BadInput,  // "Error: Bad input" (also the seed's answer to every extension)
        BadAngle,  // "Error: Bad angle"
        TooLong,  // "Error: Angle more than 3 bytes"
        BadSpeed,  // "Error: Bad speed"
        Position,  // "Position: angle=A target=T moving=M ms_per_deg=S"
        Version,  // "Version: Rudebot firmware 1.0.0"; version = "1.0.0"
        Stopped,  // "Stopped: angle=A"
        Speed,  // "Speed: ms_per_deg=S"
    };

    Kind kind = Kind::Unknown;
    int angle = -1;  // servo degrees: InputAngle, Position (current), Stopped
    int target = -1;  // servo degrees: Position
    bool moving = false;  // Position
    int msPerDeg = 0;  // Position, Speed: milliseconds per 1-degree step
    QByteArray text;  // InputAngle: the angle as echoed; Ready/Version: the part after
                      // "Ready: " / "Version: "; Unknown: the whole line
    QByteArray version;  // Ready, Version: "1.0.0" when the text names Rudebot firmware

    // A line that answers a command (everything but Ready, GoodToGo and Unknown).
    bool isVerdict() const;
    bool isError() const;  // BadInput, BadAngle, TooLong, BadSpeed
};

// One reply line without its terminator. Never fails: unrecognised lines are Kind::Unknown.
RigReply parseReplyLine(QByteArrayView line);
const char *kindName(RigReply::Kind kind);

// A command line read exactly as the firmware reads it (firmware/rudebot/src/line_reader.cpp
// and command.cpp): at most kMaxCommandBytes bytes; the line ends at its first NUL; strtol's
// reading for numbers (leading ' ', '\t', '\v', '\f', one sign, digits, nothing after); then
// the one-character extensions. The station decides with this alone what a client's line does.
inline constexpr int kMaxCommandBytes = 3;

struct RigCommand {
    enum class Kind {
        Empty,  // no bytes at all: the firmware ignores it and answers nothing
        Angle,  // value = servo degrees 0..180; echo = what "Input angle: " repeats
        Query,  // "?"
        Version,  // "V" or "v"
        Stop,  // "!"
        Speed,  // "Snn" or "snn"; value = milliseconds per degree, 1..99
        BadInput,  // "Error: Bad input"
        BadAngle,  // a number outside 0..180: "Error: Bad angle"
        BadSpeed,  // "S" without a usable value: "Error: Bad speed"
        TooLong,  // more than kMaxCommandBytes: "Error: Angle more than 3 bytes"
    };
    Kind kind = Kind::Empty;
    int value = 0;
    QByteArray echo;

    bool moves() const { return kind == Kind::Angle || kind == Kind::Stop; }
    // The commands the firmware acts on (everything else it only rejects).
    bool isCommand() const;
    friend bool operator==(const RigCommand &a, const RigCommand &b)
    {
        return a.kind == b.kind && a.value == b.value && a.echo == b.echo;
    }
};

// One line without its terminator (a LineFramer item). CR or LF inside cannot come from a
// framer; such a line is BadInput.
RigCommand classifyCommandLine(QByteArrayView line);
const char *kindName(RigCommand::Kind kind);

// The canonical line for a command the firmware acts on ("90", "?", "V", "!", "S15"), without
// terminator; empty for anything else. What the station forwards instead of a client's bytes.
QByteArray canonicalLine(const RigCommand &command);

// Command encoders: canonical lines plus terminator. Every line ends in LF only: the seed
// firmware reads the LF of a CRLF as a second, empty line and answers it with "Error: Bad
// input" (see protocol.md).
inline constexpr int kMaxServoDeg = 180;
QByteArray encodeCommand(const RigCommand &command);  // empty unless isCommand()
QByteArray encodeAngle(int servoDeg);  // empty if servoDeg is outside 0..180
QByteArray encodeQuery();  // "?": our firmware answers Position, the seed BadInput
QByteArray encodeVersion();
QByteArray encodeStop();
QByteArray encodeSpeed(int msPerDeg);  // empty if outside 1..99
// A raw line as typed by a user (at most what the firmware reads, terminator added). Empty if
// the line is empty or contains CR or LF: those would become extra lines on the wire.
QByteArray encodeRawLine(QByteArrayView line);

// The servo angle a command line sets (classifyCommandLine), -1 for anything that is not an
// in-range angle. A trailing CR/LF is ignored.
int angleOfCommand(QByteArrayView line);

// Reply lines in the firmware's words, for the station to answer lines it does not forward.
// Each verdict is one line then "OK: Good to go", exactly as the firmware ends every answer.
QByteArray goodToGoLine();  // "OK: Good to go"
// What the firmware itself answers to a line it rejects (BadInput, BadAngle, BadSpeed,
// TooLong), to an angle (its echo) and to a speed; empty for the replies that depend on the
// board (Query, Stop, Version) and for Empty.
QList<QByteArray> firmwareVerdict(const RigCommand &command);
// The station's own refusals, shaped like a firmware error so seed-era tools read them.
QList<QByteArray> rigNotConnectedReply(QByteArrayView linkState);  // "Error: Rig not connected (x)"
QList<QByteArray> rigBusyReply();  // "Error: Busy, wait for the replies"
QList<QByteArray> rigNoAnswerReply();  // "Error: Rig did not answer"
QList<QByteArray> refusedReply(const QString &reason);  // "Error: Refused: <reason>"
QList<QByteArray> tooManyCommandsReply();  // "Error: Too many commands"
QList<QByteArray> outsideLimitsReply();  // the firmware's "Error: Bad angle"

}  // namespace rudebot
