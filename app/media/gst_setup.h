// GStreamer's process-wide initialisation and the check that the elements the media path needs
// are installed, so a missing package is a sentence naming it, not a crash.
#pragma once
#include <QString>
#include <gst/gst.h>
#include <vector>

namespace rudebot {

// Idempotent. False with a sentence in *error when an element is missing.
bool initMedia(QString *error);

// Links each element to the next, in order; false with a sentence naming the pair that would
// not link (caps that do not fit, most often).
bool linkInOrder(const std::vector<GstElement *> &chain, QString *error);

}  // namespace rudebot
