// What a person names as a microphone or speaker (a config key, a flag, a saved setting) to
// the GStreamer description MediaSenderSettings/MediaReceiverSettings take:
//   ""/"none"   no device (the bridge's default: a service has no sound unless told);
//   "auto"      the system default when the machine has a sound device, else none (the app's
//               default: an office laptop has one, a headless box or a test machine has not);
//   "default"   the system default (autoaudiosrc / autoaudiosink) whatever is present;
//   a name      the listed device whose name contains it (audioInputs()/audioOutputs());
//   otherwise   a GStreamer description ("pulsesrc device=...", "filesrc location=x.wav !
//               wavparse"), checked by parsing it.
#pragma once
#include <QString>
#include <optional>
#include <vector>

#include "media/audio_chain.h"

namespace rudebot {

enum class AudioRole {
    Microphone,
    Speaker
};

// devices: what audioInputs()/audioOutputs() list (the system default first). The description
// ("" = none), or nothing with a sentence in *error naming what is known.
std::optional<QString> resolveAudioChoice(const QString &choice, AudioRole role,
    const std::vector<AudioDevice> &devices, QString *error);

// The same against this machine's devices (initialises GStreamer).
std::optional<QString> resolveAudioChoice(const QString &choice, AudioRole role, QString *error);

}  // namespace rudebot
