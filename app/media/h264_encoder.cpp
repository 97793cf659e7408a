#include "media/h264_encoder.h"

namespace rudebot {

gst::ElementRef makeH264Encoder(int kbps, int fps)
{
    gst::ElementRef encoder = gst::makeElement("x264enc", "encoder");
    if (!encoder)
        return encoder;
    // Zero latency: no lookahead, no B-frames. Keyframes when the receiver asks (PLI, which
    // webrtcbin forwards, or our feedback) and otherwise only every ten seconds: a 720p
    // keyframe is several frames' worth of bits in one burst, and on a link of a few Mbit/s
    // each one holds a control message back by a few hundred ms.
    // The VBV of 60 ms (two frames) bounds each frame, keyframes included, to what the link
    // carries in that time at the target rate: measured at 3 Mbit/s, 720p, the router queue's
    // p95 was 26 KB (70 ms) with 150 ms, 9 KB (23 ms) with 50 ms. A keyframe starts blurred
    // and sharpens over the next frames.
    gst_util_set_object_arg(G_OBJECT(encoder.get()), "tune", "zerolatency");
    gst_util_set_object_arg(G_OBJECT(encoder.get()), "speed-preset", "ultrafast");
    // Sliced threads: x264enc sets sliced-threads=FALSE by default, which overrides the
    // zerolatency tune, and with frame threads each frame waits inside the encoder for the
    // frames after it (one per thread). Measured with GStreamer's latency tracer at 720p30 on
    // two cores: 74 ms in the encoder with frame threads, 17 ms with sliced threads, for 8 %
    // more CPU. tst_h264_encoder feeds one frame at a time and waits for each.
    g_object_set(encoder.get(), "sliced-threads", TRUE, "bitrate", guint(kbps), "key-int-max",
        guint(10 * fps), "vbv-buf-capacity", guint(60) /* ms */, nullptr);
    return encoder;
}

QString rawFrameCaps(QSize size, int fps)
{
    // A real frame rate, not 0/1 ("variable"): with a variable rate x264 holds each frame
    // until the next one arrives to learn its duration, a whole frame interval of delay
    // (glass to glass at 720p30 unshaped: 52/99 ms p50/p95 with 0/1, 20/51 ms with 30/1).
    return QStringLiteral("video/x-raw,format=BGRx,width=%1,height=%2,framerate=%3/1")
        .arg(size.width())
        .arg(size.height())
        .arg(qMax(1, fps));
}

}  // namespace rudebot
