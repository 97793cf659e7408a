// The rungs the MJPEG server steps down when a viewer's link is slow: JPEG quality first, then
// the picture's size. Each rung is encoded at most once per camera frame, and only while some
// viewer stands on it, so a LAN viewer costs what it always did.
#pragma once
#include <QByteArray>
#include <QImage>
#include <array>

namespace rudebot {

class JpegLadder {
public:
    static constexpr int kRungs = 7;
    struct Rung {
        double scale;  // of the camera's width and height
        int quality;  // JPEG quality, capped by the server's configured quality
    };
    static Rung rung(int index, int bestQuality);

    struct Encoded {
        quint64 serial = 0;  // of the camera frame; 0 = none
        QByteArray jpeg;
        QByteArray partHeader;  // multipart delimiter and headers for jpeg
        QSize size;
    };

    explicit JpegLadder(int bestQuality) : m_bestQuality(bestQuality) { }

    // The newest camera frame; older encodings become stale.
    void setFrame(const QImage &frame, quint64 serial);
    bool hasFrame() const { return !m_frame.isNull(); }
    // The frame at this rung, encoded now if stale; null jpeg if there is no frame.
    const Encoded &encoded(int rung, const QByteArray &boundary, qint64 *encodeMicros = nullptr);
    // Bytes one part at this rung takes: measured when it was last encoded, else estimated
    // from the rung above (0 when nothing was encoded yet).
    qint64 expectedBytes(int rung) const;
    // The best rung whose frames fit budgetBytes, moving up only with 25 % to spare.
    int choose(int current, double budgetBytes) const;

private:
    int m_bestQuality;
    QImage m_frame;
    quint64 m_serial = 0;
    std::array<Encoded, kRungs> m_encoded;
    std::array<qint64, kRungs> m_lastBytes{};
};

}  // namespace rudebot
