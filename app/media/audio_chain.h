// The sound of one side, shared by the station (MediaSender) and the remote (MediaReceiver):
// - the microphone: a source description, 48 kHz mono, webrtcdsp (echo cancellation against
//   what this side's own speaker plays, noise suppression, high-pass), a level meter, Opus,
//   RTP, and a valve that stays closed while muted or before the peer is verified, so a muted
//   side sends no packet at all;
// - the speaker: the other side's Opus, decoded, metered, through webrtcechoprobe (what the
//   echo canceller subtracts) into a sink description.
// Level meters post "level" messages that BusWatch turns into dBFS (bus_watch.h).
#pragma once
#include <QString>
#include <QStringList>
#include <vector>

#include "media/gst_handle.h"

namespace rudebot {

namespace audio {

constexpr int kPayload = 111;  // webrtcbin gives 97 to the video's retransmissions
constexpr const char *kRtpCaps =
    "application/x-rtp,media=audio,encoding-name=OPUS,payload=111,clock-rate=48000";
constexpr const char *kMicrophoneLevel = "microphone-level";  // the level elements' names
constexpr const char *kSpeakerLevel = "speaker-level";

// The echo probe of one side: made before the microphone starts (webrtcdsp looks it up by
// name when it starts), added to the pipeline when the other side's sound arrives.
class EchoProbe {
public:
    explicit EchoProbe(const void *owner);
    QString name() const { return m_name; }
    GstElement *element() const { return m_probe.get(); }

private:
    QString m_name;
    gst::ElementRef m_probe;
};

// Adds the microphone chain to the pipeline and links it into webrtcbin; returns its valve
// (closed), or null with a sentence in *error. probe: this side's echo probe, or null when
// this side has no speaker (nothing to cancel; noise suppression still runs).
GstElement *addMicrophone(GstElement *pipeline, GstElement *webrtc, const QString &source,
    const EchoProbe *probe, QString *error);

// The bin a speaker description becomes: behind a converter, so a description may begin with
// caps ("audio/x-raw,rate=48000 ! filesink ..."). Checking a choice parses this, as addSpeaker.
QString speakerBin(const QString &sink);

// Adds the speaker chain for a webrtcbin source pad carrying the other side's Opus and links
// the pad to it. An empty sink description plays into nothing (a fakesink).
bool addSpeaker(
    GstElement *pipeline, GstPad *pad, const QString &sink, const EchoProbe *probe, QString *error);

// Sets the direction (and no NACK, see media_sender.cpp) of the transceiver behind a pad that
// feeds webrtcbin.
void setDirection(GstPad *srcIntoWebrtc, GstWebRTCRTPTransceiverDirection direction);

}  // namespace audio

// A microphone or speaker the settings can offer: what a person reads, and the GStreamer
// description MediaSenderSettings/MediaReceiverSettings take.
struct AudioDevice {
    QString label;
    QString description;
};
// The system default first ("autoaudiosrc" / "autoaudiosink"), then each device GStreamer's
// device monitor lists (PulseAudio, ALSA). Needs initMedia().
std::vector<AudioDevice> audioInputs();
std::vector<AudioDevice> audioOutputs();

}  // namespace rudebot
