// What the receiver tells the sender about the path, ten times a second on the session's data
// channel: loss and how late frames arrive, both counted where packets come off the network
// (before the jitter buffer, so a slow receiver is not mistaken for a congested path; the
// delay is send to arrival, so neither is a slow encoder), what arrived, and whether the
// picture is broken and needs a keyframe.
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
    // The smallest of the last frames' send-to-arrival times (the station's send clock, this
    // side's arrival clock: the offset cancels, only growth counts); -1 = no frame.
    double delayMs = -1;
    double receivedKbps = 0;  // -1 = not measured (with delayMs -1: a keyframe request alone)
    bool keyframe = false;  // the picture is broken: send a keyframe
};

QByteArray encodeFeedback(const ReceiverFeedback &feedback);
std::optional<ReceiverFeedback> decodeFeedback(const QByteArray &text);

}  // namespace rudebot
