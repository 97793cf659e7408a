#include "tools/rudebot-bridge/rig_log_text.h"

namespace rudebot {

// Plain strings: the bridge's log is not translated (journalctl readers grep it).
QString rigStateText(RigClient::State state)
{
    switch (state) {
    case RigClient::State::Disconnected: return QStringLiteral("stopped");
    case RigClient::State::Connecting: return QStringLiteral("connecting");
    case RigClient::State::AwaitingBoard: return QStringLiteral("waiting for the board to answer");
    case RigClient::State::Ready: return QStringLiteral("ready");
    }
    return {};
}

QString firmwareText(RigClient::Firmware firmware, const QString &version)
{
    switch (firmware) {
    case RigClient::Firmware::Rudebot:
        return version.isEmpty() ? QStringLiteral("Rudebot") : QStringLiteral("Rudebot ") + version;
    case RigClient::Firmware::Seed:
        return QStringLiteral("the original 2011 firmware (no position, speed or stop commands)");
    case RigClient::Firmware::Unknown: break;
    }
    return QStringLiteral("unknown");
}

}  // namespace rudebot
