#include "desktop/remote_media_path.h"

#include "desktop/rig_session.h"
#include "desktop/video_source.h"
#include "remote/station_client.h"
#include "ui/video_view.h"
#include "video/timecode.h"

namespace rudebot {

RemoteMediaPath::RemoteMediaPath(VideoView *view, VideoSource *mjpeg, QObject *parent)
    : QObject(parent), m_view(view), m_mjpeg(mjpeg)
{
    m_statsTimer.setInterval(1000);
    connect(&m_statsTimer, &QTimer::timeout, this,
        [this] { emit statisticsUpdated(statistics()); });
    m_statsTimer.start();
    m_lateTimer.setSingleShot(true);
    connect(&m_lateTimer, &QTimer::timeout, this, [this] {
        const qint64 now = monotonicMs();
        while (!m_late.empty() && m_late.front().first <= now) {
            const ReceivedFrame f = std::move(m_late.front().second);
            m_late.pop_front();
            show(f);
        }
        if (!m_late.empty())
            m_lateTimer.start(int(m_late.front().first - now));
    });
    connect(m_mjpeg, &VideoSource::frameReady, this, [this] {
        if (m_path == VideoPathStatistics::Path::None)
            setPath(VideoPathStatistics::Path::Mjpeg, m_note);
    });
}

RemoteMediaPath::~RemoteMediaPath() = default;

void RemoteMediaPath::setClient(StationClient *client)
{
    m_media.reset();
    m_client = client;
    m_asked = false;
    m_painted.reset();
    m_note.clear();
    setPath(VideoPathStatistics::Path::None, {});
    emit realTimeActiveChanged(false);
    if (!client) {
        emit mediaClientChanged(nullptr);
        return;
    }
    m_media = std::make_unique<MediaClient>(client, m_settings);
    connect(m_media.get(), &MediaClient::frameReady, this, [this](const ReceivedFrame &f) {
        if (m_delayMs <= 0) {
            show(f);
            return;
        }
        m_late.emplace_back(monotonicMs() + m_delayMs, f);
        if (!m_lateTimer.isActive())
            m_lateTimer.start(m_delayMs);
    });
    connect(m_media.get(), &MediaClient::failed, this, [this](const QString &why) {
        m_late.clear();
        m_painted.reset();
        setPath(VideoPathStatistics::Path::Mjpeg, why);
        emit realTimeActiveChanged(false);
    });
    emit mediaClientChanged(m_media.get());
}

void RemoteMediaPath::show(const ReceivedFrame &f)
{
    if (!m_media || m_media->state() != MediaClient::State::Live)
        return;  // a late frame of a path that has ended
    if (m_path != VideoPathStatistics::Path::RealTime) {
        setPath(VideoPathStatistics::Path::RealTime, {});
        emit realTimeActiveChanged(true);  // MJPEG closes: one picture, one path
    }
    m_painted = ReceivedFrame{{}, f.rtpTimestamp, f.stamp};
    m_view->setFrame(f.image);
}

void RemoteMediaPath::update(const SessionSnapshot &snap)
{
    if (!m_media)
        return;
    const bool connected = snap.status == SessionSnapshot::Status::Connected;
    if (!connected) {
        if (m_asked) {
            m_media->stop();
            m_asked = false;  // a new connection asks again
            m_painted.reset();
            m_note.clear();
            setPath(VideoPathStatistics::Path::None, {});
            emit realTimeActiveChanged(false);
        }
        return;
    }
    // The station serves video (its MJPEG port is the sign): ask once per connection.
    if (!m_asked && snap.video.kind == VideoSpec::Kind::Mjpeg) {
        m_asked = true;
        m_note = tr("setting up the real-time path…");
        m_media->start();
    }
}

std::optional<FrameStamp> RemoteMediaPath::paintedStamp() const
{
    if (!isRealTime() || !m_painted)
        return std::nullopt;
    if (m_painted->stamp)
        return m_painted->stamp;
    return m_media ? m_media->stampOf(m_painted->rtpTimestamp) : std::nullopt;
}

QString RemoteMediaPath::routeText(IceRoute route)
{
    switch (route) {
    case IceRoute::Direct: return tr("direct");
    case IceRoute::ThroughNat: return tr("direct, across a NAT (STUN)");
    case IceRoute::Relay: return tr("through the relay (TURN)");
    case IceRoute::Unknown: break;
    }
    return QString();
}

VideoPathStatistics RemoteMediaPath::statistics() const
{
    VideoPathStatistics s;
    s.path = m_path;
    s.note = m_note;
    if (m_path == VideoPathStatistics::Path::RealTime && m_media) {
        const MediaPathStats m = m_media->statistics();
        s.resolution = m.resolution;
        s.fps = m.fps;
        s.kbps = m.kbps;
        s.glassToGlassMs = m.glassToGlassMs;
        s.lossPercent = m.lossPercent;
        s.unrepairedPercent = m.unrepairedPercent;
        s.route = routeText(m.route);
    } else if (const auto m = m_mjpeg->mjpegStatistics()) {
        s.resolution = m->resolution;
        s.fps = m->fps;
        s.kbps = m->bitsPerSecond / 1000;
        s.glassToGlassMs = double(m->frameAgeMs);  // the timecode camera's, else -1
    }
    return s;
}

void RemoteMediaPath::setPath(VideoPathStatistics::Path path, const QString &note)
{
    if (m_path == path && m_note == note)
        return;
    m_path = path;
    m_note = note;
    emit pathChanged(path, note);
}

}  // namespace rudebot
