// The remote side of the media path: webrtcbin -> H.264 decoder -> appsink -> QImage, Opus to
// an audio sink, FrameStamps from the data channel. The receiver answers the sender's offer;
// feed it the sender's messages through peer()->handleMessage. The pipeline and frames are in
// media_receiver.cpp, the feedback to the sender in media_receiver_feedback.cpp.
#pragma once
#include <QImage>
#include <QObject>
#include <QTimer>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <tuple>

#include "media/audio_chain.h"
#include "media/frame_stamp.h"
#include "media/gst_handle.h"
#include "media/ice_settings.h"

typedef struct _GstAppSink GstAppSink;

namespace rudebot {

class BusWatch;
class WebRtcPeer;

struct MediaReceiverSettings {
    IceSettings ice;
    // Jitter buffer, milliseconds: what reordering and retransmission may take before a frame
    // is given up. Small: a late frame is worth less than a fresh one here.
    int latencyMs = 60;
    // A GStreamer description of the speaker ("autoaudiosink", in tests "wavenc ! filesink
    // location=x.wav"); empty = no audio is received. audioOutputs() lists them.
    QString audioSink;
    // The remote's microphone, to the office speaker ("autoaudiosrc", "pulsesrc device=...",
    // in tests a WAV file); empty = the office does not hear the remote. audioInputs().
    QString audioSource;
    // Echo cancellation (against this speaker) and noise suppression on the microphone.
    bool echoCancellation = true;
};

// What retransmission did for the video's lost packets: repaired in time, or given up (each
// given-up packet breaks the picture until a keyframe).
struct RepairCounts {
    quint64 repaired = 0;
    quint64 givenUp = 0;
};

// One decoded picture and what is known about it.
struct ReceivedFrame {
    QImage image;
    quint32 rtpTimestamp = 0;
    std::optional<FrameStamp> stamp;  // empty when its stamp has not (yet) arrived
};

class MediaReceiver : public QObject {
    Q_OBJECT
public:
    explicit MediaReceiver(const MediaReceiverSettings &settings, QObject *parent = nullptr);
    ~MediaReceiver() override;

    bool start(QString *error);
    // Null only when webrtcbin is not installed (start() then says so).
    WebRtcPeer *peer() const { return m_peer.get(); }
    GstElement *webrtcbin() const { return m_webrtc; }

    // The stamp of a frame painted earlier (its stamp may arrive after the picture).
    std::optional<FrameStamp> stampOf(quint32 rtpTimestamp) const
    {
        return m_stamps.find(rtpTimestamp);
    }
    qint64 framesDecoded() const { return m_decoded; }
    RepairCounts repairCounts() const;
    bool microphoneMuted() const { return m_micMuted; }

public slots:
    // The remote's microphone: muted sends no sound at all (its packets stop).
    void setMicrophoneMuted(bool muted);

signals:
    // The newest decoded picture; when the event loop is late, older ones are skipped.
    void frameReady(const rudebot::ReceivedFrame &frame);
    void audioStarted();
    // The remote's microphone (before the mute) and the office's voice in the remote's
    // speaker, in dBFS, ten times a second.
    void microphoneLevel(double dbfs);
    void speakerLevel(double dbfs);
    void error(const QString &message);

private:
    static void onPadAdded(GstElement *, GstPad *pad, gpointer self);
    static void onDataChannel(GstElement *, GstWebRTCDataChannel *channel, gpointer self);
    static void onStampMessage(GstWebRTCDataChannel *, gchar *text, gpointer self);
    static GstFlowReturn onSample(GstAppSink *sink, gpointer self);
    static GstPadProbeReturn onRtp(GstPad *, GstPadProbeInfo *info, gpointer self);
    static void onNewJitterBuffer(
        GstElement *rtpbin, GstElement *jitterBuffer, guint session, guint, gpointer self);
    static GstPadProbeReturn onArrival(GstPad *, GstPadProbeInfo *info, gpointer self);
    void addVideoBranch(GstPad *pad);
    void addAudioBranch(GstPad *pad);
    void deliver(ReceivedFrame frame);
    void deliverNewest();
    void sendFeedback();
    // A picture that stopped while packets still come: a keyframe is asked for at once.
    void checkPicture();
    void sendOnChannel(GstWebRTCDataChannel *channel, const QByteArray &text);
    void applyValve();
    std::unique_ptr<audio::EchoProbe> m_echo;
    GstElement *m_micValve = nullptr;  // owned by m_pipeline
    bool m_micMuted = false;

    MediaReceiverSettings m_settings;
    gst::ElementRef m_pipeline;
    GstElement *m_webrtc = nullptr;  // owned by m_pipeline
    std::unique_ptr<WebRtcPeer> m_peer;
    std::unique_ptr<BusWatch> m_bus;
    FrameStampBook m_stamps;
    qint64 m_decoded = 0;
    bool m_started = false;

    // PTS -> RTP timestamp of the frames between the jitter buffer and the decoder; both ends
    // run on streaming threads.
    mutable std::mutex m_rtpMutex;
    std::deque<std::pair<GstClockTime, quint32>> m_rtpByPts;
    std::optional<ReceivedFrame> m_newest;  // decoded, not yet handed to the GUI thread
    // Counted on the streaming thread, read for feedback (under m_rtpMutex).
    quint64 m_packets = 0;
    quint64 m_bytes = 0;
    // What the network delivered, counted before the jitter buffer: the path's loss and
    // queue, apart from what this machine dropped when it was too slow to keep up.
    quint64 m_netPackets = 0;
    quint64 m_expected = 0;
    int m_lastSeq = -1;
    quint32 m_lastArrivalRtp = 0;
    std::deque<std::pair<quint32, qint64>> m_arrivals;  // (RTP timestamp, first packet's ms)

    gst::PadRef m_depaySink;  // set once on the streaming thread (under m_rtpMutex)
    gst::ElementRef m_videoJitterBuffer;  // likewise
    GstWebRTCDataChannel *m_channel = nullptr;  // a full reference, set once (under m_rtpMutex)
    QTimer m_feedbackTimer;
    QTimer m_pictureTimer;
    quint64 m_pictureCheckPackets = 0;
    quint64 m_fbBytes = 0;
    // (at, expected, received) of the last second: loss over 100 ms windows would be noise.
    std::deque<std::tuple<qint64, quint64, quint64>> m_lossWindow;
    qint64 m_fbAtMs = 0;
    qint64 m_lastFrameMs = 0;
    qint64 m_lastKeyframeAskMs = 0;
};

}  // namespace rudebot
