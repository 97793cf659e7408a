// MediaSender's frames (media_sender.h): each camera frame into appsrc with its FrameStamp
// kept by presentation time, and the stamp sent on the data channel as the frame's first RTP
// packet leaves the payloader. The pipeline itself is built in media_sender.cpp.
#include "media/media_sender.h"

#include "media/h264_encoder.h"
#include "media/rtp_packet.h"
#include "video/timecode.h"

#include <gst/app/gstappsrc.h>

namespace rudebot {

// The encoder shifts timestamps (x264enc by 1000 hours, so DTS never goes negative) and moves
// its segment with them: compare running times, which every element keeps.
GstClockTime runningTime(GstPad *pad, GstClockTime pts)
{
    GstEvent *event = gst_pad_get_sticky_event(pad, GST_EVENT_SEGMENT, 0);
    if (!event)
        return pts;
    const GstSegment *segment = nullptr;
    gst_event_parse_segment(event, &segment);
    const GstClockTime t = gst_segment_to_running_time(segment, GST_FORMAT_TIME, pts);
    gst_event_unref(event);
    return t;
}

void MediaSender::pushFrame(const QImage &frame, const FrameStamp &stamp)
{
    if (!m_appsrc || frame.isNull() || m_cameraPaused)
        return;
    // A lower frame rate is taken by skipping camera frames evenly.
    m_frameCredit += double(m_target.fps) / std::max(1, m_settings.fps);
    if (m_frameCredit < 1.0)
        return;
    m_frameCredit = std::min(m_frameCredit - 1.0, 1.0);
    const QImage image = frame.format() == QImage::Format_RGB32
        ? frame
        : frame.convertToFormat(QImage::Format_RGB32);
    gst::GstRef<GstClock> clock(gst_element_get_clock(m_pipeline.get()));
    if (!clock)
        return;  // not playing yet
    GstClockTime pts =
        gst_clock_get_time(clock.get()) - gst_element_get_base_time(m_pipeline.get());
    if (GST_CLOCK_TIME_IS_VALID(m_lastPts) && pts <= m_lastPts)
        pts = m_lastPts + 1;
    m_lastPts = pts;

    // Caps follow the frame and the rate frames are pushed at, so a camera that changes size
    // or an adaptation that changes the rate costs nothing but a renegotiation (a keyframe).
    const QString caps = rawFrameCaps(image.size(), m_target.fps);
    gst::CapsRef current(gst_app_src_get_caps(GST_APP_SRC(m_appsrc)));
    gst::CapsRef wanted(gst_caps_from_string(caps.toUtf8().constData()));
    if (!current || !gst_caps_is_equal(current.get(), wanted.get()))
        gst_app_src_set_caps(GST_APP_SRC(m_appsrc), wanted.get());

    // QImage is implicitly shared: the buffer holds a copy of the handle, not of the pixels.
    auto *held = new QImage(image);
    GstBuffer *buffer = gst_buffer_new_wrapped_full(GST_MEMORY_FLAG_READONLY,
        const_cast<uchar *>(held->constBits()), size_t(held->sizeInBytes()), 0,
        size_t(held->sizeInBytes()), held, [](gpointer p) { delete static_cast<QImage *>(p); });
    GST_BUFFER_PTS(buffer) = pts;
    {
        std::lock_guard<std::mutex> lock(m_stampMutex);
        m_pending[pts] = stamp;
        while (m_pending.size() > 64)
            m_pending.erase(m_pending.begin());
    }
    {
        std::lock_guard<std::mutex> lock(m_cpuMutex);
        ++m_pushed;
    }
    gst_app_src_push_buffer(GST_APP_SRC(m_appsrc), buffer);
}

GstPadProbeReturn MediaSender::onPayloaded(GstPad *pad, GstPadProbeInfo *info, gpointer data)
{
    auto *self = static_cast<MediaSender *>(data);
    GstBuffer *buffer = GST_PAD_PROBE_INFO_BUFFER(info);
    const auto header = readRtpHeader(buffer);
    if (!header)
        return GST_PAD_PROBE_OK;
    const quint32 ts = header->timestamp;
    FrameStamp stamp;
    {
        std::lock_guard<std::mutex> lock(self->m_stampMutex);
        if (self->m_haveRtp && ts == self->m_lastRtp)
            return GST_PAD_PROBE_OK;  // another packet of the same frame
        self->m_haveRtp = true;
        self->m_lastRtp = ts;
        const auto it = self->m_pending.find(runningTime(pad, GST_BUFFER_PTS(buffer)));
        if (it == self->m_pending.end())
            return GST_PAD_PROBE_OK;
        stamp = it->second;
        self->m_pending.erase(self->m_pending.begin(), std::next(it));
    }
    stamp.sentMs = monotonicMs();
    // The channel exists from start() to the destructor, which stops this thread first.
    GstWebRTCDataChannelState state = GST_WEBRTC_DATA_CHANNEL_STATE_CLOSED;
    g_object_get(self->m_channel, "ready-state", &state, nullptr);
    if (state == GST_WEBRTC_DATA_CHANNEL_STATE_OPEN)
        gst_webrtc_data_channel_send_string(
            self->m_channel, encodeFrameStamp(ts, stamp).constData());
    return GST_PAD_PROBE_OK;
}

}  // namespace rudebot
