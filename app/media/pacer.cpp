#include "media/pacer.h"

#include <algorithm>
#include <time.h>

namespace rudebot {

namespace {

constexpr GstPadProbeType kData =
    GstPadProbeType(GST_PAD_PROBE_TYPE_BUFFER | GST_PAD_PROBE_TYPE_BUFFER_LIST);
constexpr size_t kMaxPending = 4096;  // far above what 40 ms holds: only a guard

qint64 nowNs()
{
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC, &now);
    return qint64(now.tv_sec) * 1'000'000'000 + now.tv_nsec;
}

}  // namespace

qint64 PacingSchedule::sendAt(qint64 nowNs, qint64 bytes)
{
    const double bitsPerNs = std::max(1.0, m_kbps) * m_factor / 1e6;
    const qint64 at = std::clamp(m_nextNs, nowNs, nowNs + m_maxDelayNs);
    m_nextNs = at + qint64(double(bytes) * 8.0 / bitsPerNs);
    return at;
}

void Pacer::attach(GstElement *queue)
{
    GstPad *in = gst_element_get_static_pad(queue, "sink");
    GstPad *out = gst_element_get_static_pad(queue, "src");
    gst_pad_add_probe(in, kData, onEnter, this, nullptr);
    // A flush empties the queue: the times of what it held go with it.
    gst_pad_add_probe(
        in, GST_PAD_PROBE_TYPE_EVENT_FLUSH,
        [](GstPad *, GstPadProbeInfo *info, gpointer data) {
            if (GST_EVENT_TYPE(GST_PAD_PROBE_INFO_EVENT(info)) == GST_EVENT_FLUSH_STOP) {
                auto *self = static_cast<Pacer *>(data);
                std::lock_guard<std::mutex> lock(self->m_mutex);
                self->m_leaveAt.clear();
            }
            return GST_PAD_PROBE_OK;
        },
        this, nullptr);
    gst_pad_add_probe(out, kData, onLeave, this, nullptr);
    gst_object_unref(in);
    gst_object_unref(out);
}

void Pacer::setTargetKbps(int kbps)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    m_schedule.setTargetKbps(kbps);
}

GstPadProbeReturn Pacer::onEnter(GstPad *, GstPadProbeInfo *info, gpointer data)
{
    auto *self = static_cast<Pacer *>(data);
    // A list is one NAL's fragments (rtph264pay pushes them together): paced as one piece, so
    // a burst is at most one slice (x264's sliced threads cut each frame into several).
    const qint64 bytes = (GST_PAD_PROBE_INFO_TYPE(info) & GST_PAD_PROBE_TYPE_BUFFER_LIST)
        ? qint64(gst_buffer_list_calculate_size(GST_PAD_PROBE_INFO_BUFFER_LIST(info)))
        : qint64(gst_buffer_get_size(GST_PAD_PROBE_INFO_BUFFER(info)));
    std::lock_guard<std::mutex> lock(self->m_mutex);
    self->m_leaveAt.push_back(self->m_schedule.sendAt(nowNs(), bytes));
    while (self->m_leaveAt.size() > kMaxPending)
        self->m_leaveAt.pop_front();
    return GST_PAD_PROBE_OK;
}

GstPadProbeReturn Pacer::onLeave(GstPad *, GstPadProbeInfo *, gpointer data)
{
    auto *self = static_cast<Pacer *>(data);
    qint64 at = 0;
    {
        std::lock_guard<std::mutex> lock(self->m_mutex);
        if (self->m_leaveAt.empty())
            return GST_PAD_PROBE_OK;  // entered before attach(), or a flush emptied the queue
        at = self->m_leaveAt.front();
        self->m_leaveAt.pop_front();
    }
    const qint64 now = nowNs();
    if (at > now) {
        const timespec until{time_t(at / 1'000'000'000), long(at % 1'000'000'000)};
        clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &until, nullptr);
        self->m_waitedNs.fetch_add(at - now);
    }
    return GST_PAD_PROBE_OK;
}

}  // namespace rudebot
