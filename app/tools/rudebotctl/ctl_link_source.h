// Where rudebotctl finds a station's pairing link: --station FILE, --station -, or the
// environment, read by the one link source the app shares (station/link_source.h).
#pragma once
#include <QString>

#include "tools/rudebotctl/ctl_request.h"

namespace rudebot::ctl {

// Replaces request->station (a file, "-" or, for Via::Station from the environment, empty)
// by the link it names. False with a one-line reason in *error (unreadable file, a file
// others can read, nothing on standard input).
bool resolveStationLink(Request *request, QString *error);

}  // namespace rudebot::ctl
