#include "station/station_media.h"

#include <QLoggingCategory>
#include <QTimer>

#include "comms/rig_client.h"
#include "media/gst_setup.h"
#include "media/media_sender.h"
#include "media/webrtc_peer.h"
#include "station/station.h"
#include "station/station_protocol.h"
#include "video/timecode.h"
#include "video/virtual_camera.h"

Q_LOGGING_CATEGORY(lcStationMedia, "rudebot.station.media")

namespace rudebot {

struct StationMedia::Session {
    MediaSender *sender = nullptr;  // deleted later: it may be ending from its own signal
    int candidates = 0;
    bool connected = false;
    QTimer setup;
};

StationMedia::StationMedia(Station *station, RigClient *rig, const VirtualCamera *camera,
    const StationMediaSettings &settings, QObject *parent)
    : QObject(parent), m_station(station), m_rig(rig), m_camera(camera), m_settings(settings)
{
    QString why;
    if (m_settings.enabled && !initMedia(&why)) {
        qCWarning(lcStationMedia) << "no real-time video:" << why;
        m_settings.enabled = false;
    }
    m_station->setMediaAvailable(m_settings.enabled);
    connect(m_station, &Station::mediaRequested, this, &StationMedia::onRequest);
    connect(m_station, &Station::mediaSignalReceived, this, &StationMedia::onSignal);
    connect(m_station, &Station::clientLeft, this, [this](int id) {
        m_requests.remove(id);
        end(id, QStringLiteral("the remote left"), false);
    });
    connect(m_station, &Station::stateChanged, this, &StationMedia::applyPrivacy);
    m_private = m_station->videoPaused();
}

StationMedia::~StationMedia()
{
    for (Session *s : std::as_const(m_sessions)) {
        delete s->sender;
        delete s;
    }
    m_station->setMediaAvailable(false);
}

MediaSender *StationMedia::senderFor(int clientId) const
{
    const Session *s = m_sessions.value(clientId);
    return s ? s->sender : nullptr;
}

bool StationMedia::allowRequest(int clientId)
{
    std::deque<qint64> &asked = m_requests[clientId];
    const qint64 now = monotonicMs();
    while (!asked.empty() && now - asked.front() > 60000)
        asked.pop_front();
    if (int(asked.size()) >= m_settings.maxRequestsPerMinute)
        return false;
    asked.push_back(now);
    return true;
}

void StationMedia::onRequest(int clientId)
{
    if (!allowRequest(clientId)) {
        m_station->sendToClient(clientId,
            station::mediaError(tr("Too many requests for real-time video: at most %1 a minute. "
                                   "This view uses MJPEG.")
                                    .arg(m_settings.maxRequestsPerMinute)));
        return;
    }
    end(clientId, QStringLiteral("asked again"), false);  // a new request replaces the old one
    if (m_sessions.size() >= m_settings.maxSessions) {
        m_station->sendToClient(clientId,
            station::mediaError(tr("The station already sends real-time video to %1 remotes. "
                                   "This view uses MJPEG.")
                                    .arg(m_settings.maxSessions)));
        return;
    }
    station::MediaConfig config;
    config.stunServer = m_settings.ice.stunServer;
    config.turnServers = m_settings.ice.turnServers;
    config.relayOnly = m_settings.ice.relayOnly;
    config.clockMs = monotonicMs();
    m_station->sendToClient(clientId, station::mediaConfig(config));

    MediaSenderSettings ss;
    ss.size = m_settings.size;
    ss.fps = m_settings.fps;
    ss.bitrateKbps = m_settings.bitrateKbps;
    ss.maxKbps = m_settings.maxKbps;
    ss.ice = m_settings.ice;
    ss.audioSource = m_settings.audioSource;
    ss.audioSink = m_settings.audioSink;
    auto *session = new Session;
    session->sender = new MediaSender(ss);
    m_sessions.insert(clientId, session);
    MediaSender *sender = session->sender;
    sender->setMicrophoneMuted(microphoneOff());
    // One microphone for all sessions: the first session's meter is the office's.
    connect(sender, &MediaSender::microphoneLevel, this, [this, clientId](double db) {
        if (!m_sessions.isEmpty() && m_sessions.cbegin().key() == clientId)
            emit microphoneLevel(db);
    });
    connect(sender, &MediaSender::speakerLevel, this,
        [this, clientId](double db) { emit remoteLevel(clientId, db); });
    if (WebRtcPeer *peer = sender->peer()) {
        peer->setMicrophoneMissing(ss.audioSource.isEmpty());
        connect(peer, &WebRtcPeer::messageReady, this, [this, clientId](const QJsonObject &m) {
            m_station->sendToClient(clientId, station::mediaSignal(m));
        });
        connect(peer, &WebRtcPeer::connected, this, [this, clientId] {
            if (Session *s = m_sessions.value(clientId)) {
                s->connected = true;
                s->setup.stop();
                qCInfo(lcStationMedia) << "client" << clientId << "real-time video connected";
                emit sessionStarted(clientId);
            }
        });
        connect(peer, &WebRtcPeer::remoteStateChanged, this,
            [this, clientId](const MediaState &st) { emit remoteStateChanged(clientId, st); });
        // The peer has told the remote (media-close with the reason).
        connect(peer, &WebRtcPeer::failed, this,
            [this, clientId](const QString &why) { end(clientId, why, false); });
    }
    connect(sender, &MediaSender::error, this,
        [this, clientId](const QString &why) { end(clientId, why, true); });
    session->setup.setSingleShot(true);
    session->setup.setInterval(m_settings.setupMs);
    connect(&session->setup, &QTimer::timeout, this, [this, clientId] {
        end(clientId,
            tr("No real-time connection within %1 s (is UDP blocked?).")
                .arg(m_settings.setupMs / 1000),
            true);
    });
    session->setup.start();
    QString error;
    if (!sender->start(&error))
        end(clientId, error, true);
}

void StationMedia::onSignal(int clientId, const QJsonObject &message)
{
    Session *s = m_sessions.value(clientId);
    const QString type = message.value(QLatin1String("type")).toString();
    if (!s || !s->sender->peer()) {
        if (type != QLatin1String("media-close"))  // a late close for a session that ended
            m_station->sendToClient(clientId,
                station::mediaError(
                    tr("No real-time video session: ask for one first (media-request).")));
        return;
    }
    if (type == QLatin1String("media-close")) {
        end(clientId, QStringLiteral("closed by the remote"), false);
        return;
    }
    if (type == QLatin1String("media-offer")) {  // a broken or hostile remote: stop here
        end(clientId, tr("The station makes the offer; a remote only answers."), true);
        return;
    }
    if (type == QLatin1String("media-ice") && ++s->candidates > m_settings.maxCandidates) {
        end(clientId,
            tr("More than %1 ICE candidates: the real-time session is closed.")
                .arg(m_settings.maxCandidates),
            true);
        return;
    }
    s->sender->peer()->handleMessage(message);
}

void StationMedia::end(int clientId, const QString &reason, bool tellRemote)
{
    Session *s = m_sessions.take(clientId);
    if (!s)
        return;
    qCInfo(lcStationMedia) << "client" << clientId << "real-time video ended:" << reason;
    if (WebRtcPeer *peer = s->sender->peer())
        peer->disconnect(this);
    s->sender->disconnect(this);
    if (tellRemote)
        m_station->sendToClient(clientId, station::mediaError(reason));
    s->sender->deleteLater();
    delete s;
    emit sessionEnded(clientId, reason);
}

MediaState StationMedia::remoteState(int clientId) const
{
    const Session *s = m_sessions.value(clientId);
    return s && s->sender->peer() ? s->sender->peer()->remoteState() : MediaState{};
}

void StationMedia::setMicrophoneMuted(bool muted)
{
    if (muted == m_officeMuted)
        return;
    m_officeMuted = muted;
    for (Session *s : std::as_const(m_sessions))
        s->sender->setMicrophoneMuted(microphoneOff());
    emit microphoneMutedChanged(muted);
}

void StationMedia::applyPrivacy()
{
    const bool now = m_station->videoPaused();
    if (now == m_private)
        return;
    m_private = now;
    for (Session *s : std::as_const(m_sessions))
        s->sender->setMicrophoneMuted(microphoneOff());
}

FrameStamp StationMedia::stampNow() const
{
    FrameStamp stamp;
    stamp.captureMs = monotonicMs();
    // The virtual camera drew this frame at its servo angle; a webcam's frame is as old as
    // the rig's last report (a few ms while it turns: the firmware is polled).
    if (m_camera) {
        stamp.hasAngle = true;
        stamp.servoDeg = m_camera->servoAngle();
    } else if (m_rig->hasActualAngle()) {
        stamp.hasAngle = true;
        stamp.servoDeg = m_rig->actualServoDeg();
    }
    if (stamp.hasAngle)
        stamp.logicalDeg = logicalFromServo(m_rig->calibration(), stamp.servoDeg);
    return stamp;
}

void StationMedia::pushFrame(const QImage &frame)
{
    if (m_sessions.isEmpty())
        return;
    // The mic follows privacy at once, before the broadcast that would tell us 15 ms later.
    applyPrivacy();
    FrameStamp stamp = stampNow();
    if (m_private)
        stamp.hasAngle = false;  // the card: nothing to aim at
    for (Session *s : std::as_const(m_sessions))
        s->sender->pushFrame(frame, stamp);
}

}  // namespace rudebot
