// The station's side of the media path: QImage frames from the station's camera (webcam,
// virtual or timecode camera) into appsrc -> x264enc (zero latency) -> RTP -> a pacer
// (pacer.h) -> webrtcbin, Opus audio from a source element beside it, and one FrameStamp per
// frame on a data channel.
// The sender makes the offer; its messages go to the remote through peer(). The pipeline is
// built in media_sender.cpp, frames and stamps go in through media_sender_frames.cpp, and the
// adaptation is in media_sender_adaptation.cpp.
#pragma once
#include <QImage>
#include <QObject>
#include <QSize>
#include <QTimer>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

#include "media/audio_chain.h"
#include "media/cpu_overuse.h"
#include "media/frame_stamp.h"
#include "media/gst_handle.h"
#include "media/ice_settings.h"
#include "media/pacer.h"
#include "media/rate_controller.h"
#include "media/webrtc_stats.h"

namespace rudebot {

class BusWatch;

// A buffer's running time from the segment on its pad (shared with the receiver).
GstClockTime runningTime(GstPad *pad, GstClockTime pts);

class WebRtcPeer;

struct MediaSenderSettings {
    QSize size = {1280, 720};  // encoded picture, pixels; frames are scaled to it
    int fps = 30;  // frames per second the camera delivers
    // Initial encoder bitrate: low, the controller ramps fast until the path first congests.
    int bitrateKbps = 1000;
    // Follow the path (rate_controller.h): bitrate, then size and frame rate. Off: the
    // encoder keeps bitrateKbps and size whatever happens (benchmarks' comparison).
    bool adapt = true;
    int minKbps = 150;
    int maxKbps = 4000;
    // Lost video packets resent on the receiver's request (NACK/RTX). Off only to measure
    // what it is worth.
    bool retransmit = true;
    IceSettings ice;
    // A GStreamer description of the office microphone ("pulsesrc", "autoaudiosrc", or in
    // tests "filesrc location=x.wav ! wavparse"); empty = no audio. audioInputs() lists them.
    QString audioSource;
    // The office speaker for the remote's voice ("autoaudiosink", in tests a file); empty = the
    // remote is not heard. audioOutputs() lists them.
    QString audioSink;
    // Echo cancellation (against the office speaker) and noise suppression on the microphone.
    bool echoCancellation = true;
};

class MediaSender : public QObject {
    Q_OBJECT
public:
    explicit MediaSender(const MediaSenderSettings &settings, QObject *parent = nullptr);
    ~MediaSender() override;

    // Builds and starts the pipeline; the offer follows on peer()->messageReady. False with a
    // sentence in *error (missing element, bad audio source...).
    bool start(QString *error);
    // Null only when webrtcbin is not installed (start() then says so).
    WebRtcPeer *peer() const { return m_peer.get(); }
    GstElement *webrtcbin() const { return m_webrtc; }
    const MediaSenderSettings &settings() const { return m_settings; }

    int bitrateKbps() const { return m_target.bitrateKbps; }
    const EncoderTarget &target() const { return m_target; }
    qint64 framesPushed() const { return m_pushed; }
    // CPU adaptation (cpu_overuse.h): the encoder's processing time in % of the frame
    // interval (-1 before the first frame), and how many rungs the CPU took off the picture.
    double encoderUsagePercent() const { return m_cpu.usagePercent(); }
    int cpuStep() const { return m_rate.cpuStep(); }
    bool cameraPaused() const { return m_cameraPaused; }
    bool microphoneMuted() const { return m_micMuted; }

public slots:
    // One camera frame and where the rig pointed when it was taken. Ignored until started.
    void pushFrame(const QImage &frame, const rudebot::FrameStamp &stamp);
    // Privacy: a paused camera sends no frame (none even reaches the encoder); a muted
    // microphone sends no sound. Both hold until undone, whatever the session does.
    void setCameraPaused(bool paused);
    void setMicrophoneMuted(bool muted);

    // The encoder's bitrate, picture size and frame rate (bandwidth adaptation sets it).
    void setTarget(const rudebot::EncoderTarget &target);

signals:
    // The office microphone (before the mute: the meter shows speech even while muted) and
    // the remote's voice in the office speaker, in dBFS, ten times a second.
    void microphoneLevel(double dbfs);
    void speakerLevel(double dbfs);
    void audioStarted();  // the remote's voice reaches the office speaker

    // Every statistics poll (twice a second once started), with the target it led to.
    void statsUpdated(const rudebot::MediaStats &stats, const rudebot::EncoderTarget &target);

    void error(const QString &message);

private:
    void setFlowing(bool flowing);
    void applyValves();
    bool m_flowing = false;
    bool m_cameraPaused = false;
    bool m_micMuted = false;
    void requestKeyframe();
    bool buildVideo(QString *error);
    bool buildAudio(QString *error);
    static void onPadAdded(GstElement *, GstPad *pad, gpointer self);
    void announceState();
    std::unique_ptr<audio::EchoProbe> m_echo;
    static GstPadProbeReturn onPayloaded(GstPad *, GstPadProbeInfo *info, gpointer self);
    static GstPadProbeReturn onDequeued(GstPad *, GstPadProbeInfo *, gpointer self);
    static GstPadProbeReturn onEncoded(GstPad *, GstPadProbeInfo *, gpointer self);
    void checkCpu();

    MediaSenderSettings m_settings;
    gst::ElementRef m_pipeline;
    GstElement *m_webrtc = nullptr;  // owned by m_pipeline
    GstElement *m_appsrc = nullptr;  // owned by m_pipeline
    GstElement *m_encoder = nullptr;  // owned by m_pipeline
    // Closed until the peer is connected and its DTLS certificate checked, and again when the
    // session fails or closes: nothing leaves for an unverified peer.
    GstElement *m_videoValve = nullptr;  // owned by m_pipeline
    GstElement *m_audioValve = nullptr;  // owned by m_pipeline
    GstWebRTCDataChannel *m_channel = nullptr;  // ours (a full reference)
    std::unique_ptr<WebRtcPeer> m_peer;
    std::unique_ptr<BusWatch> m_bus;
    void onStats(const MediaStats &stats);
    void onFeedback(const QByteArray &text);
    void checkFeedback();
    static void onChannelMessage(GstWebRTCDataChannel *, gchar *text, gpointer self);
    double m_sentKbps = -1;
    qint64 m_lastFeedbackMs = 0;
    qint64 m_lastKeyframeMs = 0;
    QTimer m_watchdog;

    GstElement *m_sizeFilter = nullptr;  // owned by m_pipeline
    Pacer m_pacer;
    EncoderTarget m_target;
    RateController m_rate;
    std::unique_ptr<StatsPoller> m_stats;
    MediaStats m_lastStats;
    double m_frameCredit = 0;
    // Counted on the GUI thread (pushed) and the encoder's thread (the rest).
    std::mutex m_cpuMutex;
    qint64 m_pushed = 0;
    qint64 m_dequeued = 0;
    gint64 m_dequeuedAtUs = 0;
    std::vector<std::pair<qint64, double>> m_encodeTimes;  // (at, processing ms)
    qint64 m_droppedSeen = 0;
    CpuOveruseDetector m_cpu;
    GstClockTime m_lastPts = GST_CLOCK_TIME_NONE;

    // PTS -> stamp, written on the GUI thread, read on the payloader's streaming thread.
    std::mutex m_stampMutex;
    std::map<GstClockTime, FrameStamp> m_pending;
    quint32 m_lastRtp = 0;
    bool m_haveRtp = false;
};

}  // namespace rudebot
