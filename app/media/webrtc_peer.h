// The signalling half of a media session: wires SDP and ICE messages (media_messages.h) to one
// webrtcbin's signals, and nothing else; the pipeline around the webrtcbin belongs to the
// sender or receiver. webrtcbin calls back on its own threads; every callback is marshalled
// to this object's (Qt) thread before it touches state or emits.
//
// The offerer creates the offer when webrtcbin asks for negotiation; the answerer answers the
// offer it receives. Each side announces its DTLS fingerprint in its description message over
// the authenticated channel; a remote description whose a=fingerprint differs from its
// announcement, or a DTLS peer whose certificate does not hash to it, ends the session
// (failed()).
#pragma once
#include <QJsonObject>
#include <QObject>
#include <QString>
#include <memory>

#include "media/gst_handle.h"
#include "media/ice_settings.h"
#include "media/media_messages.h"

namespace rudebot {

class WebRtcPeer : public QObject {
    Q_OBJECT
public:
    enum class Role {
        Offerer,
        Answerer
    };
    enum class State {
        New,
        Negotiating,
        Connected,
        Failed,
        Closed
    };

    // webrtcbin is borrowed (the pipeline owns it) and must outlive this object's use of it:
    // stop the pipeline, then destroy the peer.
    WebRtcPeer(GstElement *webrtcbin, Role role, const IceSettings &ice, QObject *parent = nullptr);
    ~WebRtcPeer() override;

    State state() const { return m_state; }
    QString errorString() const { return m_error; }
    QString localFingerprint() const { return m_localFingerprint; }
    QString remoteFingerprint() const { return m_remoteFingerprint; }
    // What the other side last said it lets through (media-state); all on until it says.
    MediaState remoteState() const { return m_remoteState; }

public slots:
    // A message from the remote side (already authenticated by the transport). Bad messages
    // fail the session with a sentence; they are never passed to webrtcbin.
    void handleMessage(const QJsonObject &message);
    void close(const QString &reason);
    // Tells the other side what this side lets through (its microphone, its camera).
    void announceState(const rudebot::MediaState &state);
    // This side has no microphone at all: every state announced says so (the sender and the
    // receiver announce only what they mute; whoever chose their devices knows this).
    void setMicrophoneMissing(bool missing) { m_microphoneMissing = missing; }

signals:
    void messageReady(const QJsonObject &message);  // to the remote side, in order
    void connected();  // ICE and DTLS up, the DTLS peer's certificate checked
    void failed(const QString &reason);
    void stateChanged(rudebot::WebRtcPeer::State state);
    void remoteStateChanged(const rudebot::MediaState &state);

public:
    struct Guard;  // the callbacks' way back to this object (implementation detail)

private:
    static void onNegotiationNeeded(GstElement *, gpointer guard);
    static void onIceCandidate(GstElement *, guint mline, gchar *candidate, gpointer guard);
    static void onGatheringState(GObject *object, GParamSpec *, gpointer guard);
    static void onConnectionState(GObject *, GParamSpec *, gpointer guard);
    static void onDescriptionCreated(GstPromise *promise, gpointer guard);

    void createOffer();
    void setRemote(const SessionDescription &description);
    void localDescriptionCreated(SessionDescription description);
    void connectionStateChanged(int state);
    bool remoteCertificateMatches(QString *why) const;
    void fail(const QString &reason);
    void setState(State state);

    GstElement *m_webrtc;
    Role m_role;
    std::shared_ptr<Guard> m_guard;
    State m_state = State::New;
    bool m_haveRemote = false;
    bool m_relayOnly = false;
    int m_localCandidates = 0;  // gathered and sent
    QString m_error;
    QString m_localFingerprint;
    QString m_remoteFingerprint;  // announced over the authenticated channel
    MediaState m_remoteState;
    bool m_microphoneMissing = false;
};

}  // namespace rudebot
