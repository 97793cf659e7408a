// MediaSender's adaptation (media_sender.h): the receiver's feedback and webrtcbin's statistics
// into the bitrate, size and rate (rate_controller.h), and the encoder's own load into the CPU
// rung (cpu_overuse.h). The pipeline itself is built in media_sender.cpp.
#include "media/media_sender.h"

#include "media/receiver_feedback.h"
#include "video/timecode.h"

#include <QMetaObject>
#include <algorithm>
#include <gst/video/video.h>

namespace rudebot {

GstPadProbeReturn MediaSender::onDequeued(GstPad *, GstPadProbeInfo *, gpointer data)
{
    auto *self = static_cast<MediaSender *>(data);
    std::lock_guard<std::mutex> lock(self->m_cpuMutex);
    ++self->m_dequeued;
    self->m_dequeuedAtUs = g_get_monotonic_time();
    return GST_PAD_PROBE_OK;
}

GstPadProbeReturn MediaSender::onEncoded(GstPad *, GstPadProbeInfo *, gpointer data)
{
    auto *self = static_cast<MediaSender *>(data);
    std::lock_guard<std::mutex> lock(self->m_cpuMutex);
    // x264enc with zerolatency encodes inside its chain function: the frame that leaves now
    // is the one that left appsrc last, on this same thread.
    if (self->m_dequeuedAtUs > 0)
        self->m_encodeTimes.emplace_back(
            monotonicMs(), double(g_get_monotonic_time() - self->m_dequeuedAtUs) / 1000.0);
    self->m_dequeuedAtUs = 0;
    return GST_PAD_PROBE_OK;
}

void MediaSender::checkCpu()
{
    std::vector<std::pair<qint64, double>> times;
    qint64 dropped = 0;
    {
        std::lock_guard<std::mutex> lock(m_cpuMutex);
        times.swap(m_encodeTimes);
        // Pushed but never dequeued, less the one that may still wait.
        dropped = std::max<qint64>(0, m_pushed - m_dequeued - 1);
    }
    const double intervalMs = 1000.0 / std::max(1, m_target.fps);
    for (const auto &t : times)
        m_cpu.frameEncoded(t.first, t.second, intervalMs);
    const qint64 now = monotonicMs();
    for (; m_droppedSeen < dropped; ++m_droppedSeen)
        m_cpu.frameDropped(now);
    if (!m_settings.adapt)
        return;
    const auto verdict = m_cpu.evaluate(now);
    if (verdict == CpuOveruseDetector::Verdict::StepDown)
        setTarget(m_rate.setCpuStep(m_rate.cpuStep() + 1));
    else if (verdict == CpuOveruseDetector::Verdict::StepUp && m_rate.cpuStep() > 0)
        setTarget(m_rate.setCpuStep(m_rate.cpuStep() - 1));
}

void MediaSender::setTarget(const EncoderTarget &target)
{
    if (target == m_target)
        return;
    const bool resized = target.size != m_target.size;
    m_target = target;
    if (m_encoder)
        g_object_set(m_encoder, "bitrate", guint(target.bitrateKbps), nullptr);
    m_pacer.setTargetKbps(target.bitrateKbps);
    if (resized && m_sizeFilter) {
        // The encoder starts a new sequence (a keyframe) at the new size.
        g_object_set(m_sizeFilter, "caps",
            gst::CapsRef(
                gst_caps_from_string(QStringLiteral("video/x-raw,format=I420,width=%1,height=%2")
                                         .arg(target.size.width())
                                         .arg(target.size.height())
                                         .toUtf8()
                                         .constData()))
                .get(),
            nullptr);
    }
}

void MediaSender::onStats(const MediaStats &stats)
{
    if (m_lastStats.atMs > 0 && stats.atMs > m_lastStats.atMs
        && stats.bytesSent >= m_lastStats.bytesSent)
        m_sentKbps = double(stats.bytesSent - m_lastStats.bytesSent) * 8.0
            / double(stats.atMs - m_lastStats.atMs);
    m_lastStats = stats;
    emit statsUpdated(stats, m_target);
}

void MediaSender::onChannelMessage(GstWebRTCDataChannel *, gchar *text, gpointer data)
{
    auto *self = static_cast<MediaSender *>(data);
    const QByteArray bytes(text);
    QMetaObject::invokeMethod(
        self, [self, bytes] { self->onFeedback(bytes); }, Qt::QueuedConnection);
}

void MediaSender::onFeedback(const QByteArray &text)
{
    const auto f = decodeFeedback(text);
    if (!f)
        return;
    const qint64 now = monotonicMs();
    m_lastFeedbackMs = std::max(m_lastFeedbackMs, now);
    // At most four keyframes a second: asking again before the last one arrived would fill a
    // thin link with nothing but keyframes. The encoder's VBV (h264_encoder.cpp) holds each
    // keyframe to two frames' worth of bits, so four a second cost little more than a
    // picture's own rate, and a lost keyframe is replaced before the freeze reaches 500 ms.
    if (f->keyframe && now - m_lastKeyframeMs > 250) {
        m_lastKeyframeMs = now;
        requestKeyframe();
    }
    // A keyframe request alone (the receiver's picture check) measured nothing.
    const bool report = f->delayMs >= 0 || f->receivedKbps >= 0;
    if (m_settings.adapt && report)
        setTarget(m_rate.update(
            PathReport{now, f->fractionLost, f->delayMs, m_sentKbps, f->receivedKbps}));
}

void MediaSender::checkFeedback()
{
    // No word from the receiver for a second: its feedback is stuck in the same queue as the
    // video. Treat it as congestion rather than wait for the queue to drain.
    // After five seconds of silence the feedback path itself has failed (the data channel's
    // association can die under heavy loss): keep the rate rather than starve the picture.
    const qint64 now = monotonicMs();
    const qint64 silent = now - m_lastFeedbackMs;
    if (m_settings.adapt && silent > 1000 && silent < 5000)
        setTarget(m_rate.update(PathReport{now, 1.0, -1, m_sentKbps}));
}

}  // namespace rudebot
