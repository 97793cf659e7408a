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
    QString audioSource;  // the office microphone as a GStreamer description; empty = none
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
    // The sender serving a remote (tests, statistics); null when it has none.
    MediaSender *senderFor(int clientId) const;
    const StationMediaSettings &settings() const { return m_settings; }

public slots:
    // One picture from the station (StationHost::frameReady: the card while private).
    void pushFrame(const QImage &frame);

signals:
    void sessionStarted(int clientId);
    void sessionEnded(int clientId, const QString &reason);

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
};

}  // namespace rudebot
