// Where rudebotctl finds a station's pairing link. The link is a password, so never on the
// command line (every local user's `ps` shows it): a file of the user's own (--station FILE),
// standard input (--station -), or the environment (RUDEBOT_STATION_LINK).
#pragma once
#include <QString>

#include "tools/rudebotctl/ctl_request.h"

namespace rudebot::ctl {

extern const char kStationLinkVariable[];  // "RUDEBOT_STATION_LINK"

// Replaces request->station (a file, "-" or, for Via::Station from the environment, empty)
// by the link it names. False with a one-line reason in *error (unreadable file, a file
// others can read, nothing on standard input).
bool resolveStationLink(Request *request, QString *error);

}  // namespace rudebot::ctl
