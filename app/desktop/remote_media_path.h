// Which path the remote view's picture takes from a station: the real-time path (WebRTC over
// UDP, MediaClient) when it can be set up, else the MJPEG stream (VideoSource) as a fallback,
// said so with the reason. MJPEG shows from the start; once real-time frames arrive it closes,
// and it opens again if the real-time path fails later.
//
// Keeps the frame on show, so a click aims from where the camera pointed when that picture was
// taken (media/frame_aim.h), and gathers the statistics the panel shows, whichever the path.
#pragma once
#include <QObject>
#include <QTimer>
#include <deque>
#include <memory>
#include <optional>

#include "media/frame_stamp.h"
#include "media/media_receiver.h"
#include "remote/media_client.h"
#include "ui/video_stats_panel.h"

namespace rudebot {

class StationClient;
class VideoSource;
class VideoView;
struct SessionSnapshot;

class RemoteMediaPath : public QObject {
    Q_OBJECT
public:
    // Nothing is owned; both must outlive this object.
    RemoteMediaPath(VideoView *view, VideoSource *mjpeg, QObject *parent = nullptr);
    ~RemoteMediaPath() override;

    // The station connection to ask for real-time video (not owned); null: MJPEG or whatever
    // the session's video is (direct rigs have no station).
    void setClient(StationClient *client);
    // Taken by the next connection's MediaClient.
    void setSettings(const MediaClientSettings &settings) { m_settings = settings; }
    const MediaClientSettings &settings() const { return m_settings; }
    // Holds each real-time frame this long before painting it, as a slow link would (tests
    // and demonstrations of click-to-turn on a late picture); 0 = paint at once.
    void setPlayoutDelayMs(int ms) { m_delayMs = ms; }
    // The session's state: asks for the real-time path once connected to a station with video.
    void update(const SessionSnapshot &snap);

    VideoPathStatistics::Path path() const { return m_path; }
    QString note() const { return m_note; }
    bool isRealTime() const { return m_path == VideoPathStatistics::Path::RealTime; }
    VideoPathStatistics statistics() const;
    // How the statistics panel names the real-time path's route; empty while unknown.
    static QString routeText(IceRoute route);
    // The stamp of the frame on show; empty on MJPEG, or when its stamp was lost.
    std::optional<FrameStamp> paintedStamp() const;
    MediaClient *mediaClient() const { return m_media.get(); }

signals:
    void pathChanged(rudebot::VideoPathStatistics::Path path, const QString &note);
    // True: real-time frames are on show and MJPEG should close; false: MJPEG again.
    void realTimeActiveChanged(bool active);
    void statisticsUpdated(const rudebot::VideoPathStatistics &stats);  // once a second
    void mediaClientChanged(rudebot::MediaClient *client);  // null: none (no station)

private:
    void setPath(VideoPathStatistics::Path path, const QString &note);
    void show(const ReceivedFrame &frame);

    VideoView *m_view;
    VideoSource *m_mjpeg;
    StationClient *m_client = nullptr;
    MediaClientSettings m_settings;
    std::unique_ptr<MediaClient> m_media;
    bool m_asked = false;  // for this connection
    VideoPathStatistics::Path m_path = VideoPathStatistics::Path::None;
    QString m_note;
    std::optional<ReceivedFrame> m_painted;  // its stamp, without the image
    QTimer m_statsTimer;
    int m_delayMs = 0;
    std::deque<std::pair<qint64, ReceivedFrame>> m_late;  // (due, frame) with a playout delay
    QTimer m_lateTimer;
};

}  // namespace rudebot
