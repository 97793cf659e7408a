// The media path's signalling messages: the SDP offer and answer and the ICE candidates that set
// up a WebRTC session, as JSON objects for a transport this library does not own (the station's
// authenticated TLS channel). This file is the one place their wire text is made and read.
//
//   {"type":"media-offer",  "sdp":"v=0...", "fingerprint":"sha-256 AB:CD:..."}
//   {"type":"media-answer", "sdp":"v=0...", "fingerprint":"sha-256 AB:CD:..."}
//   {"type":"media-ice",    "mline":0, "candidate":"candidate:1 1 UDP ..."}
//   {"type":"media-close",  "reason":"..."}
//   {"type":"media-state",  "microphone":"muted", "camera":"on"}   (each "on", "muted"/"paused")
//   {"type":"media-state",  "microphone":"muted", "microphone-device":"none", "camera":"on"}
//
// "microphone-device":"none" says that side has no microphone at all. It is a key of its own,
// and "microphone" then says "muted", because peers from before it refuse a media-state whose
// "microphone" is neither "on" nor "muted": they keep reading "muted" and show it as off.
// "fingerprint" is the sender's own DTLS certificate fingerprint, announced over the
// authenticated channel: a receiver refuses an SDP whose a=fingerprint differs, and a DTLS peer
// whose certificate does not hash to it (WebRtcPeer).
#pragma once
#include <QJsonObject>
#include <QString>
#include <optional>
#include <variant>

namespace rudebot {

struct SessionDescription {
    enum class Kind {
        Offer,
        Answer
    };
    Kind kind = Kind::Offer;
    QString sdp;
    QString fingerprint;  // "sha-256 AB:CD:..." (normalised: lower-case algorithm, upper-case hex)
};

struct IceCandidate {
    int mlineIndex = 0;
    QString candidate;  // an SDP "candidate:..." attribute value; empty = end of candidates
};

struct MediaClose {
    QString reason;
};

// What one side lets through, told to the other whenever it changes (and once connected), so
// each side can show "the office muted its microphone" or "the office has no microphone".
struct MediaState {
    bool microphoneMuted = false;  // nothing from it reaches the other side (also when missing)
    bool cameraPaused = false;
    bool microphoneMissing = false;  // that side has no microphone at all; then also muted
    bool operator==(const MediaState &o) const
    {
        return microphoneMuted == o.microphoneMuted && cameraPaused == o.cameraPaused
            && microphoneMissing == o.microphoneMissing;
    }
};

using MediaMessage = std::variant<SessionDescription, IceCandidate, MediaClose, MediaState>;

QJsonObject toJson(const MediaMessage &message);

// The message, or nothing with a sentence in *error (wrong type, missing or oversized field).
std::optional<MediaMessage> mediaMessageFromJson(const QJsonObject &json, QString *error);

// True for the "type" values above: lets a transport route a message here without parsing it.
bool isMediaMessageType(const QString &type);

// The one DTLS fingerprint an SDP declares (session or media level), normalised as above;
// empty when it has none, several different ones, or one that is not sha-256.
QString sdpFingerprint(const QString &sdp);

// "sha-256 AB:CD:..." of a DER-encoded certificate.
QString certificateFingerprint(const QByteArray &der);

// Normalises "SHA-256 ab:cd" to "sha-256 AB:CD"; empty when malformed.
QString normaliseFingerprint(const QString &fingerprint);

}  // namespace rudebot
