// webrtcbin's statistics reduced (webrtc_stats.h), from replies shaped as GStreamer 1.22 gives
// them: with audio bundled beside the video, every stream is labelled with the last codec's
// kind, so the video is found by its codec entry's SSRC or its RTP clock, not by "kind".
#include <QtTest>

#include "media/gst_handle.h"
#include "media/gst_setup.h"
#include "media/webrtc_stats.h"

using namespace rudebot;

namespace {

GstStructure *rtpSource(guint ssrc, int clockRate)
{
    return gst_structure_new("application/x-rtp-source-stats", "ssrc", G_TYPE_UINT, ssrc,
        "clock-rate", G_TYPE_INT, clockRate, nullptr);
}

GstStructure *outbound(guint ssrc, const char *kind, guint64 bytes, guint64 packets, int clockRate)
{
    GstStructure *source = rtpSource(ssrc, clockRate);
    GstStructure *s = gst_structure_new("outbound-rtp", "type", GST_TYPE_WEBRTC_STATS_TYPE,
        GST_WEBRTC_STATS_OUTBOUND_RTP, "ssrc", G_TYPE_UINT, ssrc, "kind", G_TYPE_STRING, kind,
        "bytes-sent", G_TYPE_UINT64, bytes, "packets-sent", G_TYPE_UINT64, packets, "nack-count",
        G_TYPE_UINT, guint(3), "gst-rtpsource-stats", GST_TYPE_STRUCTURE, source, nullptr);
    gst_structure_free(source);
    return s;
}

GstStructure *codec(guint ssrc, const char *mime)
{
    return gst_structure_new("codec", "type", GST_TYPE_WEBRTC_STATS_TYPE, GST_WEBRTC_STATS_CODEC,
        "ssrc", G_TYPE_UINT, ssrc, "mime-type", G_TYPE_STRING, mime, nullptr);
}

void put(GstStructure *reply, const char *name, GstStructure *entry)
{
    gst_structure_set(reply, name, GST_TYPE_STRUCTURE, entry, nullptr);
    gst_structure_free(entry);
}

constexpr guint kVideo = 813261586;
constexpr guint kAudio = 1454528872;

}  // namespace

class TestWebRtcStats : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QString error;
        QVERIFY2(initMedia(&error), qPrintable(error));
    }

    // What 1.22 said beside an Opus stream (bench/wan, recorded): both streams "audio".
    void videoIsFoundByItsCodecWhateverItsKind()
    {
        gst::StructureRef reply(gst_structure_new_empty("application/x-webrtc-stats"));
        put(reply.get(), "codec-stats-sink_0", codec(kVideo, "video/H264"));
        put(reply.get(), "codec-stats-sink_1", codec(kAudio, "audio/OPUS"));
        put(reply.get(), "rtp-outbound-stream-stats_1", outbound(kAudio, "audio", 17491, 261, 48000));
        put(reply.get(), "rtp-outbound-stream-stats_2", outbound(kVideo, "audio", 1118259, 980, 90000));
        const MediaStats m = readMediaStats(reply.get(), 1);
        QCOMPARE(m.bytesSent, quint64(1118259));
        QCOMPARE(m.packetsSent, quint64(980));
        QCOMPARE(m.nackReceived, quint64(3));
    }

    // No codec entry names the SSRC: the RTP source's clock tells (90 kHz is video's).
    void withoutACodecEntryTheClockTells()
    {
        gst::StructureRef reply(gst_structure_new_empty("application/x-webrtc-stats"));
        put(reply.get(), "a", outbound(kAudio, "video", 17491, 261, 48000));
        put(reply.get(), "v", outbound(kVideo, "audio", 1118259, 980, 90000));
        QCOMPARE(readMediaStats(reply.get(), 1).bytesSent, quint64(1118259));
    }

    // Video alone, as older tests and the benchmarks without a microphone see it.
    void kindIsTrustedWhenNothingElseTells()
    {
        gst::StructureRef reply(gst_structure_new_empty("application/x-webrtc-stats"));
        put(reply.get(), "v", outbound(kVideo, "video", 5000, 7, -1));
        put(reply.get(), "a", outbound(kAudio, "audio", 300, 3, -1));
        QCOMPARE(readMediaStats(reply.get(), 1).bytesSent, quint64(5000));
    }
};

QTEST_GUILESS_MAIN(TestWebRtcStats)
#include "tst_webrtc_stats.moc"
