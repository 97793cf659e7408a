// The Rudebot firmware the app carries: the .hex built with it and the version it announces.
#pragma once
#include <QString>
#include <QStringList>

namespace rudebot {

// ../share/rudebot/firmware/rudebot.hex next to the executable (an installed app), else the
// build tree's firmware (RUDEBOT_FIRMWARE_DIR). Empty if neither exists; `tried` (optional)
// gets the candidates in the order they were looked at, for an error message.
QString bundledFirmwarePath(QStringList *tried = nullptr);

// The version that firmware announces ("1.0.0"), read from its sources at build time.
QString bundledFirmwareVersion();

}  // namespace rudebot
