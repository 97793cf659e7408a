// The bridge's log speaks words, not enum names: "rig waiting for the board to answer",
// "firmware: Rudebot 1.0.0". Only the bridge logs these; the app has its own status texts.
#pragma once
#include "comms/rig_client.h"

namespace rudebot {

QString rigStateText(RigClient::State state);
QString firmwareText(RigClient::Firmware firmware, const QString &version);

}  // namespace rudebot
