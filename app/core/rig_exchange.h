// One command and the replies that belong to it. Pure: the rig client owns the clock.
//
// A command is finished by its verdict line followed by "OK: Good to go". Matching the verdict
// to the command (an echoed angle must be the angle sent) keeps stray lines from being taken
// as answers: the "OK" our firmware prints after its ready line, a late answer to a command
// that already timed out, leftovers from the previous client of a bridge.
#pragma once
#include "core/rig_protocol.h"

#include <QList>

namespace rudebot {

struct RigExchange {
    enum class Purpose {
        Probe,  // "?" to learn which firmware answers
        Target,  // an angle the client chose (latest target, or a seed approach step)
        Poll,  // "?" while our firmware's servo moves
        Raw,  // a line from the user (rudebotctl send)
        Speed,  // "Snn": the speed the client keeps set on our firmware
        Stop,  // "!": our firmware stops where the servo is
    };

    Purpose purpose = Purpose::Probe;
    QByteArray line;  // without terminator
    QByteArray bytes;  // as written to the link (rig_protocol.h's encoders), terminator included
    int angle = -1;  // servo degrees for Target, and for Raw lines that are angles

    bool hasVerdict = false;
    RigReply verdict;
    QList<QByteArray> replies;  // verdict and OK lines as received, for Raw

    // Feeds one reply line. Returns true when the exchange is complete (verdict, then OK);
    // lines that do not belong to it are ignored (*ignored set to true).
    bool take(const QByteArray &line, const RigReply &reply, bool *ignored);

    bool accepts(const RigReply &reply) const;

    // A command from one of rig_protocol.h's encoders (an empty encoding gives an empty line).
    static RigExchange of(Purpose purpose, const QByteArray &encoded, int angle = -1);
};

}  // namespace rudebot
