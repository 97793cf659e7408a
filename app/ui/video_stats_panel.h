// The video's statistics on demand, like a video call's: which path the picture takes
// (real-time WebRTC or the MJPEG fallback, and why), resolution, frame rate, bitrate, a
// glass-to-glass estimate and loss. Passive: it shows the numbers it is given, once a second;
// the window gathers them from the real-time client or the MJPEG client.
#pragma once
#include <QFrame>
#include <QSize>

class QLabel;

namespace rudebot {

struct VideoPathStatistics {
    enum class Path {
        None,
        RealTime,  // WebRTC over UDP
        Mjpeg  // over the TLS video port
    };
    Path path = Path::None;
    QString note;  // why MJPEG ("UDP may be blocked"), or empty
    QSize resolution;  // of the newest frame; empty = none yet
    double fps = 0;
    double kbps = 0;  // received, headers included
    double glassToGlassMs = -1;  // estimate; -1 = unknown
    double lossPercent = -1;  // -1 = not measured on this path (TCP does not lose)
    double unrepairedPercent = 0;  // of the packets, lost and not repaired by retransmission
    QString route;  // the real-time path's way across ("direct", "through the relay"); empty = none
};

class VideoStatsPanel : public QFrame {
    Q_OBJECT
public:
    explicit VideoStatsPanel(QWidget *parent = nullptr);

    // "Real-time (WebRTC)", "MJPEG fallback", "No video".
    static QString pathName(VideoPathStatistics::Path path);
    // "2.0 % (0.3 % not repaired)", "2.0 % (all repaired)", "none (TCP)".
    static QString lossText(const VideoPathStatistics &s);
    // The text shown, one "name: value" line each (for tests and the accessible name).
    QString text() const;

public slots:
    void setStatistics(const rudebot::VideoPathStatistics &stats);

private:
    QLabel *m_label;
};

}  // namespace rudebot
