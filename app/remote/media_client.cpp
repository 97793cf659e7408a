#include "remote/media_client.h"

#include <QLoggingCategory>

#include "media/gst_setup.h"
#include "media/webrtc_peer.h"
#include "remote/station_client.h"
#include "station/station_protocol.h"
#include "video/timecode.h"

Q_LOGGING_CATEGORY(lcMediaClient, "rudebot.remote.media")

namespace rudebot {

MediaClient::MediaClient(
    StationClient *client, const MediaClientSettings &settings, QObject *parent)
    : QObject(parent), m_client(client), m_settings(settings)
{
    m_setup.setSingleShot(true);
    connect(&m_setup, &QTimer::timeout, this, [this] {
        fail(tr("No real-time video within %1 s (UDP may be blocked on this network).")
                 .arg(m_settings.setupTimeoutMs / 1000));
    });
    connect(m_client, &StationClient::mediaConfigReceived, this, &MediaClient::onConfig);
    connect(m_client, &StationClient::mediaSignalReceived, this, &MediaClient::onSignal);
    connect(m_client, &StationClient::mediaError, this, [this](const QString &m) {
        if (m_state == State::SettingUp || m_state == State::Live)
            fail(m);
    });
    connect(m_client, &StationClient::statusChanged, this, [this](StationClient::Status s) {
        if (s != StationClient::Status::Connected
            && (m_state == State::SettingUp || m_state == State::Live))
            fail(tr("The connection to the station was lost."));
    });
}

MediaClient::~MediaClient()
{
    teardown();
}

void MediaClient::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}

void MediaClient::start()
{
    teardown();
    m_failure.clear();
    m_stats = {};
    m_frameTimes.clear();
    m_haveStats = false;
    QString why;
    if (!initMedia(&why)) {
        setState(State::SettingUp);
        fail(why);
        return;
    }
    setState(State::SettingUp);
    m_setup.start(m_settings.setupTimeoutMs);
    m_client->requestMedia();
}

void MediaClient::stop()
{
    if (m_receiver && m_receiver->peer())
        m_receiver->peer()->close(QStringLiteral("the viewer closed"));
    teardown();
    setState(State::Idle);
}

void MediaClient::setMicrophoneMuted(bool muted)
{
    if (muted == m_micMuted)
        return;
    m_micMuted = muted;
    if (m_receiver)
        m_receiver->setMicrophoneMuted(muted);
    emit microphoneMutedChanged(muted);
}

void MediaClient::setOfficeState(const MediaState &state)
{
    if (state == m_officeState)
        return;
    m_officeState = state;
    emit officeStateChanged(state);
}

void MediaClient::teardown()
{
    m_setup.stop();
    setOfficeState({});  // nothing is known of the office outside a session
    m_poller.reset();
    if (m_receiver) {
        m_receiver->disconnect(this);
        if (m_receiver->peer())
            m_receiver->peer()->disconnect(this);
        // Later: this may run inside one of the receiver's own signals.
        m_receiver->deleteLater();
        m_receiver.clear();
    }
}

void MediaClient::fail(const QString &reason)
{
    if (m_state == State::Failed || m_state == State::Idle)
        return;
    qCInfo(lcMediaClient) << "real-time video not used:" << reason;
    if (m_receiver && m_receiver->peer()) {
        m_receiver->peer()->disconnect(this);  // its Closed state is this failure
        m_receiver->peer()->close(reason);  // tells the station, which frees its sender
    }
    teardown();
    m_failure = reason;
    setState(State::Failed);
    emit failed(reason);
}

void MediaClient::onConfig(const station::MediaConfig &config)
{
    if (m_state != State::SettingUp || m_receiver)
        return;
    // The station's clock when it sent this: the first bound on the offset (clock_offset.h).
    m_clock.addSample(config.clockMs, monotonicMs());
    m_clock.addRoundTrip(monotonicMs(), m_client->lastRttMs());
    MediaReceiverSettings rs;
    rs.ice.stunServer = config.stunServer;
    rs.ice.turnServers = config.turnServers;
    rs.ice.relayOnly = config.relayOnly;
    rs.latencyMs = m_settings.latencyMs;
    rs.audioSink = m_settings.audioSink;
    rs.audioSource = m_settings.audioSource;
    m_receiver = new MediaReceiver(rs, this);
    m_receiver->setMicrophoneMuted(m_micMuted);
    connect(m_receiver, &MediaReceiver::microphoneLevel, this, &MediaClient::microphoneLevel);
    connect(m_receiver, &MediaReceiver::speakerLevel, this, &MediaClient::speakerLevel);
    connect(m_receiver, &MediaReceiver::frameReady, this, &MediaClient::onFrame);
    connect(m_receiver, &MediaReceiver::error, this, &MediaClient::fail);
    if (WebRtcPeer *peer = m_receiver->peer()) {
        peer->setMicrophoneMissing(rs.audioSource.isEmpty());
        connect(peer, &WebRtcPeer::messageReady, m_client, &StationClient::sendMediaSignal);
        connect(peer, &WebRtcPeer::failed, this, &MediaClient::fail);
        connect(peer, &WebRtcPeer::remoteStateChanged, this, &MediaClient::setOfficeState);
        connect(peer, &WebRtcPeer::stateChanged, this, [this, peer](WebRtcPeer::State s) {
            if (s == WebRtcPeer::State::Closed)
                fail(tr("The station closed the real-time video: %1").arg(peer->errorString()));
        });
    }
    QString why;
    if (!m_receiver->start(&why)) {
        fail(why);
        return;
    }
    m_poller = std::make_unique<StatsPoller>(m_receiver->webrtcbin(), 1000);
    connect(m_poller.get(), &StatsPoller::statsReady, this, &MediaClient::onStats);
    m_poller->start();
}

void MediaClient::onSignal(const QJsonObject &message)
{
    if (!m_receiver || !m_receiver->peer())
        return;  // a late message for a session this client has given up
    m_receiver->peer()->handleMessage(message);
}

std::optional<FrameStamp> MediaClient::stampOf(quint32 rtpTimestamp) const
{
    return m_receiver ? m_receiver->stampOf(rtpTimestamp) : std::nullopt;
}

void MediaClient::onFrame(const ReceivedFrame &frame)
{
    const qint64 now = monotonicMs();
    if (m_state == State::SettingUp) {
        m_setup.stop();
        setState(State::Live);
    }
    m_frameTimes.push_back(now);
    while (!m_frameTimes.empty() && now - m_frameTimes.front() > 1000)
        m_frameTimes.pop_front();
    ++m_stats.frames;
    m_stats.resolution = frame.image.size();
    if (frame.stamp) {
        if (frame.stamp->sentMs > 0 && frame.stamp->arrivedMs > 0)
            m_clock.addSample(frame.stamp->sentMs, frame.stamp->arrivedMs);
        m_clock.addRoundTrip(now, m_client->lastRttMs());
        if (const auto stationNow = m_clock.stationTime(now))
            m_stats.glassToGlassMs = std::max(0.0, double(*stationNow - frame.stamp->captureMs));
    }
    if (m_settings.readTimecode) {
        if (const auto code = readTimecode(frame.image))
            m_stats.frameAgeMs = double(timecodeAgeMs(*code, now));
    }
    emit frameReady(frame);
}

void MediaClient::onStats(const MediaStats &s)
{
    const qint64 now = monotonicMs();
    while (!m_frameTimes.empty() && now - m_frameTimes.front() > 1000)
        m_frameTimes.pop_front();
    m_stats.fps = double(m_frameTimes.size());
    const RepairCounts repairs = m_receiver ? m_receiver->repairCounts() : RepairCounts{};
    if (m_haveStats && s.atMs > m_lastStats.atMs) {
        const double seconds = double(s.atMs - m_lastStats.atMs) / 1000.0;
        m_stats.kbps = double(s.bytesReceived - m_lastStats.bytesReceived) * 8 / 1000 / seconds;
        const double got = double(s.packetsReceived - m_lastStats.packetsReceived);
        const double lost = std::max(0.0, double(s.packetsLost - m_lastStats.packetsLost));
        m_stats.lossPercent = got + lost > 0 ? 100.0 * lost / (got + lost) : 0;
        const double givenUp =
            double(repairs.givenUp - std::min(repairs.givenUp, m_lastRepairs.givenUp));
        m_stats.unrepairedPercent =
            got + lost > 0 ? std::min(100.0, 100.0 * givenUp / (got + lost)) : 0;
    }
    m_lastRepairs = repairs;
    if (s.route != IceRoute::Unknown)
        m_stats.route = s.route;
    m_lastStats = s;
    m_haveStats = true;
    if (m_state == State::Live)
        emit statisticsUpdated(m_stats);
}

}  // namespace rudebot
