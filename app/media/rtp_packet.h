// What the media path's pad probes read off an RTP packet, and the video's payload type: one
// place for both, on the sender's and the receiver's side.
#pragma once
#include <QtGlobal>
#include <gst/rtp/gstrtpbuffer.h>
#include <optional>

namespace rudebot {

constexpr int kVideoPayload = 96;  // H.264, as the sender's offer names it

struct RtpHeader {
    quint32 timestamp = 0;
    quint16 seq = 0;
    int payloadType = -1;
};

// Nothing when the buffer is not a valid RTP packet.
inline std::optional<RtpHeader> readRtpHeader(GstBuffer *buffer)
{
    GstRTPBuffer rtp = GST_RTP_BUFFER_INIT;
    if (!gst_rtp_buffer_map(buffer, GST_MAP_READ, &rtp))
        return std::nullopt;
    const RtpHeader h{gst_rtp_buffer_get_timestamp(&rtp), gst_rtp_buffer_get_seq(&rtp),
        gst_rtp_buffer_get_payload_type(&rtp)};
    gst_rtp_buffer_unmap(&rtp);
    return h;
}

}  // namespace rudebot
