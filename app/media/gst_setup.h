// GStreamer's process-wide initialisation and the check that the elements the media path needs
// are installed, so a missing package is a sentence naming it, not a crash.
#pragma once
#include <QString>

namespace rudebot {

// Idempotent. False with a sentence in *error when an element is missing.
bool initMedia(QString *error);

}  // namespace rudebot
