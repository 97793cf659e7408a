// How often a client measures the round trip to what it drives (a station's ping, a direct
// rig's "?"), shown as the connection's round trip. One value for every kind of connection.
#pragma once

namespace rudebot {

inline constexpr int kPingIntervalMs = 2000;

}  // namespace rudebot
