// What the receiver tells the sender about the path, four times a second on the session's data
// channel: loss, how late frames arrive (capture to decode, on the receiver's clock minus the
// station's: an offset that cancels out, since only its growth above its recent minimum counts,
// i.e. a queue filling), what arrived, and whether the picture is broken and needs a keyframe.
// RTCP receiver reports carry the same in principle, but webrtcbin 1.22 stops surfacing them
// (remote-inbound-rtp) once the link is congested: exactly when they are needed.
//
// Wire text, made and read only here: {"fb":1,"loss":0.02,"delay":35,"kbps":900,"kf":false}
#pragma once
#include <QByteArray>
#include <optional>

namespace rudebot {

struct ReceiverFeedback {
    double fractionLost = 0;  // 0..1 of the video packets since the last feedback
    double delayMs = -1;  // newest frame's capture-to-decode time; -1 = no frame
    double receivedKbps = 0;
    bool keyframe = false;  // the picture is broken: send a keyframe
};

QByteArray encodeFeedback(const ReceiverFeedback &feedback);
std::optional<ReceiverFeedback> decodeFeedback(const QByteArray &text);

}  // namespace rudebot
