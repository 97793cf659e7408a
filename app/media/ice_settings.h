// How a media peer reaches the other side: STUN for its public address, TURN relays for when
// no direct path exists (an office behind NAT), and whether to use relays only (tests, and
// networks where direct UDP must not be tried). See docs/network.md.
#pragma once
#include <QString>
#include <QStringList>

namespace rudebot {

struct IceSettings {
    QString stunServer;  // "stun://host:port"; empty = none (LAN and loopback need none)
    QStringList turnServers;  // "turn://user:password@host:port" each
    bool relayOnly = false;  // gather relay candidates only
};

}  // namespace rudebot
