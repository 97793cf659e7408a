// The station's CLOCK_MONOTONIC against this machine's, for the glass-to-glass estimate the
// statistics panel and `rudebotctl watch` show (capture stamps are in the station's clock).
//
// Every message the station stamps with its clock and this side notes on arrival bounds the
// offset from below: offset = station - local >= sent - arrived, equal when the message took no
// time to cross. The largest bound of the last window is the offset less the quickest crossing,
// about half the fastest round trip, which is added back. A single exchange (the old way: the
// media-config's time minus half the ping) is off by however long that message waited, which on
// a busy station is the whole delay, and read "~0 ms". The window lets the two clocks drift
// apart (tens of ppm: a second over a working day) without the estimate sticking.
#pragma once
#include <QtGlobal>
#include <deque>
#include <optional>

namespace rudebot {

class ClockOffset {
public:
    explicit ClockOffset(qint64 windowMs = 30000) : m_windowMs(windowMs) { }

    // A message the station sent at stationMs (its clock) arrived here at localMs.
    void addSample(qint64 stationMs, qint64 localMs);
    // A round trip to the station, milliseconds; the fastest of the window counts.
    void addRoundTrip(qint64 localMs, int rttMs);
    // station - local, milliseconds; empty before the first sample.
    std::optional<qint64> offsetMs() const;
    // The station's clock now, for a local time.
    std::optional<qint64> stationTime(qint64 localMs) const;

private:
    void expire(qint64 localMs);

    qint64 m_windowMs;
    std::deque<std::pair<qint64, qint64>> m_bounds;  // (local arrival, sent - arrived)
    std::deque<std::pair<qint64, int>> m_rtts;  // (local time, rtt)
};

}  // namespace rudebot
