// Shared by the files that implement Station (station.cpp, station_messages.cpp,
// station_raw.cpp); not part of the station library's interface.
#pragma once
#include <QLoggingCategory>
#include <QString>

#include "comms/rig_client.h"

Q_DECLARE_LOGGING_CATEGORY(lcStation)

namespace rudebot {

// The rig link's state as the station's state message names it ("ready", "awaiting-board").
QString linkName(RigClient::State s);

}  // namespace rudebot
