// rudebotctl's command line as a plain value, parsed without touching any link.
#pragma once
#include "comms/link_settings.h"

#include <QString>
#include <QStringList>

namespace rudebot::ctl {

// Exit statuses, also listed in --help.
enum Exit {
    Ok = 0,
    RigError = 1,  // the rig (or the client's limits) refused the command
    BadArgument = 2,
    NoRig = 3,  // cannot connect, or no board answers
    TimedOut = 4,
};

struct Request {
    enum class Command {
        Goto,
        Status,
        Query,
        Send,
        Override,
        Park,
        PauseVideo,  // pause-video / resume-video (on: pause)
    };
    Command command = Command::Status;
    enum class Via {
        Link,
        Station,
        Office
    };  // a rig link, a station (TLS), its office socket
    Via via = Via::Link;
    LinkSettings link;
    // --station: a file holding the pairing link, "-" (standard input) or empty (the
    // environment), replaced by the link itself by resolveStationLink(); --office: the socket
    QString station;
    bool on = false;  // override take / park lock / pause-video
    double angle = 0;  // goto: servo degrees, or logical with --logical
    bool logical = false;
    bool wait = false;  // goto: until the rig stands on the target
    QByteArray line;  // send
    int timeoutMs = 20000;  // the whole run: connecting, booting, sweeping
    int bootWaitMs = 2500;
};

QString helpText();

// argv without the program name. False with a one-line reason in *error for a bad command line.
bool parseRequest(const QStringList &args, Request *out, QString *error);

}  // namespace rudebot::ctl
