// The station's half of the real-time media path: one MediaSender (media/media_sender.h) per
// remote that asks for it, fed from the station's camera frames with a stamp each (when the
// frame was taken and where the rig pointed then), its signalling carried over the remote's
// authenticated TLS control channel as station protocol messages (station_protocol.h).
//
// A remote asks with "media-request"; the station answers "media-config" (the ICE servers),
// then its sender's offer; the remote answers and both trickle candidates. Each side's DTLS
// fingerprint travels in its description, so the UDP path cannot be hijacked (WebRtcPeer).
// Hostile remotes: sessions per station, requests per minute and candidates per session are
// bounded; past a bound the remote gets a media error (and MJPEG), never more memory.
// Privacy: while the office keeps the room private (Station::videoPaused) the frames that
// arrive here are StationHost's privacy card, never the camera, and every microphone is muted.
// Sound: the office microphone goes to every remote (muted while private or while the office
// mutes it); each remote's voice plays on the office speaker; each side's mute reaches the
// other as a media-state message (media_messages.h).
#pragma once
#include <QHash>
#include <QImage>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QSize>
#include <deque>

#include "media/frame_stamp.h"
#include "media/ice_settings.h"
#include "media/media_messages.h"

namespace rudebot {

class MediaSender;
class RigClient;
class Station;
class VirtualCamera;

struct StationMediaSettings {
    bool enabled = true;  // false: remotes that ask get a media error and use MJPEG
    // STUN/TURN for the station's side, and told to each remote in its media-config. TURN
    // credentials are secrets: from the station's private configuration only.
    IceSettings ice;
    QSize size = {1280, 720};  // encoded picture at best (adaptation may lower it), pixels
    int fps = 30;  // the camera's frame rate
    int bitrateKbps = 2000;  // initial
    int maxKbps = 4000;
    // The office microphone and speaker as GStreamer descriptions (station/audio_choice.h
    // turns a device name into one); empty = none: remotes are not heard / hear nothing.
    QString audioSource;
    QString audioSink;
    int maxSessions = 4;  // remotes with real-time video at once; the rest use MJPEG
    int maxRequestsPerMinute = 10;  // per remote: a flood of requests is refused
    int maxCandidates = 64;  // per session: more ends the session
    int setupMs = 20000;  // not connected by then: the session ends (the remote has MJPEG)
};

class StationMedia : public QObject {
    Q_OBJECT
public:
    // Nothing is owned; all must outlive this object. camera (may be null) is the virtual
    // camera whose servo angle is the one each frame was drawn at; without it the stamp
    // carries the angle the rig reported last.
    StationMedia(Station *station, RigClient *rig, const VirtualCamera *camera,
        const StationMediaSettings &settings, QObject *parent = nullptr);
    ~StationMedia() override;

    int sessionCount() const { return int(m_sessions.size()); }
    QList<int> sessionClients() const { return m_sessions.keys(); }  // client ids, any order
    // The sender serving a remote (tests, statistics); null when it has none.
    MediaSender *senderFor(int clientId) const;
    const StationMediaSettings &settings() const { return m_settings; }
    // The office's own mute (the office view's button); privacy mutes it too, whatever this
    // says. Holds for every session, present and future.
    bool microphoneMuted() const { return m_officeMuted; }
    bool microphoneOff() const { return m_officeMuted || m_private; }  // what remotes are told
    // What a remote last said it lets through (its microphone); all on until it says.
    MediaState remoteState(int clientId) const;

public slots:
    // One picture from the station (StationHost::frameReady: the card while private).
    void pushFrame(const QImage &frame);
    void setMicrophoneMuted(bool muted);

signals:
    void sessionStarted(int clientId);
    void sessionEnded(int clientId, const QString &reason);
    // The office microphone (before the mute, so the office sees it works), dBFS, ten times
    // a second while a remote is connected; and a remote's voice in the office speaker.
    void microphoneLevel(double dbfs);
    void remoteLevel(int clientId, double dbfs);
    void remoteStateChanged(int clientId, const rudebot::MediaState &state);
    void microphoneMutedChanged(bool muted);

private:
    struct Session;
    void onRequest(int clientId);
    void onSignal(int clientId, const QJsonObject &message);
    void end(int clientId, const QString &reason, bool tellRemote);
    void applyPrivacy();
    FrameStamp stampNow() const;
    bool allowRequest(int clientId);

    Station *m_station;
    RigClient *m_rig;
    const VirtualCamera *m_camera;
    StationMediaSettings m_settings;
    QHash<int, Session *> m_sessions;
    QHash<int, std::deque<qint64>> m_requests;  // per remote: when it asked, last minute
    bool m_private = false;
    bool m_officeMuted = false;
};

}  // namespace rudebot
