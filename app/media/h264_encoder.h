// The sender's H.264 encoder and the caps of the raw frames it is fed: one place that knows
// what makes x264 emit each frame as soon as it has it.
#pragma once
#include "media/gst_handle.h"

#include <QSize>
#include <QString>

namespace rudebot {

// x264enc set for a live call at kbps and fps (the rate the frames really come at); null when
// the element is missing (gst_setup names the package).
gst::ElementRef makeH264Encoder(int kbps, int fps);

// The caps appsrc announces for BGRx frames of size at fps frames per second.
QString rawFrameCaps(QSize size, int fps);

}  // namespace rudebot
