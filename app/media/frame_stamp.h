// When a frame was taken and where the rig pointed then, carried beside the video so the
// receiver knows the angle of every frame it paints (click-to-turn aims from the angle of the
// picture clicked, not the rig's angle now). The sender sends one stamp per frame over the
// session's data channel, keyed by the frame's RTP timestamp, which the receiver sees too.
//
// Wire text (one data channel message per frame), made and read only here:
//   {"rtp":3000,"t":123456789,"s":123456801,"servo":92.5,"logical":-2.5}
// "s" (optional) is when the frame's first packet left the station's encoder: the receiver
// compares it with the packet's arrival to see a network queue, without the encoder's time.
#pragma once
#include <QByteArray>
#include <QtGlobal>
#include <deque>
#include <mutex>
#include <optional>
#include <utility>

namespace rudebot {

struct FrameStamp {
    qint64 captureMs = 0;  // CLOCK_MONOTONIC milliseconds on the station when captured
    qint64 sentMs = 0;  // the same clock when its first packet was sent; 0 = unknown
    bool hasAngle = false;  // false: the rig's angle was unknown (no reports yet)
    double servoDeg = 90;  // servo degrees at capture (90 = centre)
    double logicalDeg = 0;  // logical degrees at capture (0 = home, positive = right)
    qint64 arrivedMs = 0;  // this side's CLOCK_MONOTONIC when the stamp arrived; not on the wire
};

QByteArray encodeFrameStamp(quint32 rtpTimestamp, const FrameStamp &stamp);
std::optional<std::pair<quint32, FrameStamp>> decodeFrameStamp(const QByteArray &text);

// The last stamps seen, by RTP timestamp; bounded, so a sender that floods costs nothing.
// Thread-safe: stamps arrive on a streaming thread and are read on the GUI thread.
class FrameStampBook {
public:
    explicit FrameStampBook(size_t capacity = 300) : m_capacity(capacity) { }
    void add(quint32 rtpTimestamp, const FrameStamp &stamp);
    std::optional<FrameStamp> find(quint32 rtpTimestamp) const;

private:
    size_t m_capacity;
    mutable std::mutex m_mutex;
    std::deque<std::pair<quint32, FrameStamp>> m_stamps;
};

}  // namespace rudebot
