// The remote's half of the real-time media path: asks the station for it over the control
// channel (StationClient), answers the station's offer with a MediaReceiver, and hands out the
// decoded frames with their stamps and a statistics line a second. The remote view and
// `rudebotctl watch` both receive through this class.
//
// Falls back rather than waits: if no frame arrives within setupTimeoutMs (UDP blocked, ICE
// failed, a missing GStreamer plugin, a station without real-time video), it ends in Failed
// with a sentence, and the caller shows MJPEG instead.
#pragma once
#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QSize>
#include <QTimer>
#include <deque>
#include <memory>
#include <optional>

#include "media/clock_offset.h"
#include "media/frame_stamp.h"
#include "media/media_messages.h"
#include "media/media_receiver.h"
#include "media/webrtc_stats.h"

namespace rudebot {

class StationClient;

namespace station {
struct MediaConfig;
}

struct MediaClientSettings {
    int setupTimeoutMs = 8000;  // from the request to the first decoded frame
    int latencyMs = 60;  // the receiver's jitter buffer (media_receiver.h)
    // The remote's speaker and microphone as GStreamer descriptions (station/audio_choice.h
    // turns a device name into one); empty = none: the office is not heard / hears nothing.
    QString audioSink;
    QString audioSource;
    bool readTimecode = false;  // frame age from the timecode camera (timecode.h), per frame
};

// What a video call's statistics panel shows, over the last second.
struct MediaPathStats {
    QSize resolution;  // of the newest frame
    double fps = 0;  // decoded frames per second
    double kbps = 0;  // video received, RTP headers included
    // Capture (the station's stamp) to decode here, with the station's clock offset estimated
    // from the media-config message and the ping; -1 = no stamp yet.
    double glassToGlassMs = -1;
    double frameAgeMs = -1;  // from the timecode painted in the frame (readTimecode); -1 = none
    double lossPercent = 0;  // RTP packets lost over the last second
    // Of those, the ones retransmission did not repair in time (each breaks the picture until
    // a keyframe): what the loss cost the picture.
    double unrepairedPercent = 0;
    qint64 frames = 0;  // decoded since the session started
    IceRoute route = IceRoute::Unknown;  // direct, through a NAT, or through the TURN relay
};

class MediaClient : public QObject {
    Q_OBJECT
public:
    enum class State {
        Idle,
        SettingUp,  // asked; waiting for the first frame
        Live,
        Failed
    };
    Q_ENUM(State)

    // client is not owned and must outlive this object.
    MediaClient(
        StationClient *client, const MediaClientSettings &settings, QObject *parent = nullptr);
    ~MediaClient() override;

    void start();  // asks the station (again); the client must be connected
    void stop();  // closes the session politely; back to Idle
    State state() const { return m_state; }
    QString failure() const { return m_failure; }  // why it is Failed
    MediaPathStats statistics() const { return m_stats; }
    // The stamp of a painted frame (media_receiver.h: it may come after the picture).
    std::optional<FrameStamp> stampOf(quint32 rtpTimestamp) const;

    // This side's microphone: muted sends no sound at all. Holds across sessions.
    bool microphoneMuted() const { return m_micMuted; }
    // What the station last said it lets through: its microphone is muted when the office
    // muted it and while the room is private. All on outside a live session.
    MediaState officeState() const { return m_officeState; }

public slots:
    void setMicrophoneMuted(bool muted);

signals:
    void stateChanged(rudebot::MediaClient::State state);
    void failed(const QString &reason);  // a sentence: why the real-time path is not used
    void frameReady(const rudebot::ReceivedFrame &frame);
    void statisticsUpdated(const rudebot::MediaPathStats &stats);  // once a second while live
    // This side's microphone (before the mute) and the office's voice in this speaker, dBFS,
    // about ten times a second while a session runs.
    void microphoneLevel(double dbfs);
    void speakerLevel(double dbfs);
    void microphoneMutedChanged(bool muted);
    void officeStateChanged(const rudebot::MediaState &state);

private:
    void onConfig(const station::MediaConfig &config);
    void onSignal(const QJsonObject &message);
    void onFrame(const ReceivedFrame &frame);
    void onStats(const MediaStats &stats);
    void fail(const QString &reason);
    void teardown();
    void setState(State state);
    void setOfficeState(const MediaState &state);

    StationClient *m_client;
    MediaClientSettings m_settings;
    State m_state = State::Idle;
    QString m_failure;
    QPointer<MediaReceiver> m_receiver;
    std::unique_ptr<StatsPoller> m_poller;
    QTimer m_setup;
    ClockOffset m_clock;  // the station's CLOCK_MONOTONIC against ours
    std::deque<qint64> m_frameTimes;  // the last second's decodes
    MediaStats m_lastStats;
    RepairCounts m_lastRepairs;
    bool m_haveStats = false;
    MediaPathStats m_stats;
    bool m_micMuted = false;
    MediaState m_officeState;
};

}  // namespace rudebot
