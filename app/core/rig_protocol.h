// The firmware's wire protocol (docs/protocol.md) as pure code: reply lines in, typed replies
// out; commands in, bytes out. No QObject, no I/O, no clock.
//
// Angles on the wire are servo degrees, 0..180, whole numbers. Logical (calibrated) angles never
// appear here; see calibration.h.
#pragma once
#include <QByteArray>
#include <QByteArrayView>

namespace rudebot {

struct RigReply {
    enum class Kind {
        Unknown,     // anything else; text holds the whole line
        Ready,       // "Ready: Rudebot firmware 1.0.0" (our firmware, after every reset)
        GoodToGo,    // "OK: Good to go" (ready for the next line)
        InputAngle,  // "Input angle: 090"; angle = 90, text = "090" as the host typed it
        BadInput,    // "Error: Bad input" (also the seed's answer to every extension)
        BadAngle,    // "Error: Bad angle"
        TooLong,     // "Error: Angle more than 3 bytes"
        BadSpeed,    // "Error: Bad speed"
        Position,    // "Position: angle=A target=T moving=M ms_per_deg=S"
        Version,     // "Version: Rudebot firmware 1.0.0"; version = "1.0.0"
        Stopped,     // "Stopped: angle=A"
        Speed,       // "Speed: ms_per_deg=S"
    };

    Kind kind = Kind::Unknown;
    int angle = -1;       // servo degrees: InputAngle, Position (current), Stopped
    int target = -1;      // servo degrees: Position
    bool moving = false;  // Position
    int msPerDeg = 0;     // Position, Speed: milliseconds per 1-degree step
    QByteArray text;      // InputAngle: the angle as echoed; Ready/Version: the part after
                          // "Ready: " / "Version: "; Unknown: the whole line
    QByteArray version;   // Ready, Version: "1.0.0" when the text names Rudebot firmware

    // A line that answers a command (everything but Ready, GoodToGo and Unknown).
    bool isVerdict() const;
    bool isError() const;  // BadInput, BadAngle, TooLong, BadSpeed
};

// One reply line without its terminator. Never fails: unrecognised lines are Kind::Unknown.
RigReply parseReplyLine(QByteArrayView line);
const char *kindName(RigReply::Kind kind);

// Command encoders. Every line ends in LF only: the seed firmware reads the LF of a CRLF as a
// second, empty line and answers it with "Error: Bad input" (see protocol.md).
inline constexpr int kMaxServoDeg = 180;
QByteArray encodeAngle(int servoDeg);  // empty if servoDeg is outside 0..180
QByteArray encodeQuery();              // "?": our firmware answers Position, the seed BadInput
QByteArray encodeVersion();
QByteArray encodeStop();
QByteArray encodeSpeed(int msPerDeg);  // empty if outside 1..99
// A raw line as typed by a user (at most what the firmware reads, terminator added). Empty if
// the line is empty or contains CR or LF: those would become extra lines on the wire.
QByteArray encodeRawLine(QByteArrayView line);

// What a command line asks for, as far as the client needs to know: reading it the way the
// firmware does (strtol over the line, nothing after), so raw lines can be tracked too.
// Returns -1 for anything that is not an in-range angle.
int angleOfCommand(QByteArrayView line);

} // namespace rudebot
