#include "video/jpeg_ladder.h"

#include <QBuffer>
#include <QElapsedTimer>
#include <algorithm>

namespace rudebot {

namespace {
// Quality steps cost little sharpness for a lot of bytes; size steps come after.
constexpr std::array<JpegLadder::Rung, JpegLadder::kRungs> kRungTable{
    {{1.0, 100}, {1.0, 60}, {1.0, 40}, {0.75, 40}, {0.5, 40}, {0.5, 25}, {1.0 / 3, 25}}};
// Rough size of each rung against the full-quality one, for rungs not measured yet.
constexpr std::array<double, JpegLadder::kRungs> kShare{{1.0, 0.6, 0.42, 0.26, 0.13, 0.09, 0.05}};
}  // namespace

JpegLadder::Rung JpegLadder::rung(int index, int bestQuality)
{
    Rung r = kRungTable[size_t(std::clamp(index, 0, kRungs - 1))];
    r.quality = std::min(r.quality, bestQuality);
    return r;
}

void JpegLadder::setFrame(const QImage &frame, quint64 serial)
{
    m_frame = frame;
    m_serial = serial;
}

const JpegLadder::Encoded &JpegLadder::encoded(
    int index, const QByteArray &boundary, qint64 *encodeMicros)
{
    index = std::clamp(index, 0, kRungs - 1);
    Encoded &e = m_encoded[size_t(index)];
    if (e.serial == m_serial || m_frame.isNull())
        return e;
    QElapsedTimer timer;
    timer.start();
    const Rung r = rung(index, m_bestQuality);
    const QImage image = r.scale >= 1
        ? m_frame
        : m_frame.scaled((m_frame.size() * r.scale).expandedTo({16, 16}), Qt::IgnoreAspectRatio,
            Qt::SmoothTransformation);
    QByteArray jpeg;
    QBuffer buffer(&jpeg);
    buffer.open(QIODevice::WriteOnly);
    if (!image.save(&buffer, "JPG", r.quality))
        return e;
    e.serial = m_serial;
    e.jpeg = jpeg;
    e.size = image.size();
    e.partHeader = "--" + boundary
        + "\r\n"
          "Content-Type: image/jpeg\r\n"
          "Content-Length: "
        + QByteArray::number(jpeg.size()) + "\r\n\r\n";
    m_lastBytes[size_t(index)] = e.partHeader.size() + jpeg.size() + 2;
    if (encodeMicros)
        *encodeMicros = timer.nsecsElapsed() / 1000;
    return e;
}

qint64 JpegLadder::expectedBytes(int index) const
{
    index = std::clamp(index, 0, kRungs - 1);
    if (m_lastBytes[size_t(index)] > 0)
        return m_lastBytes[size_t(index)];
    for (int above = index - 1; above >= 0; --above)
        if (m_lastBytes[size_t(above)] > 0)
            return qint64(
                m_lastBytes[size_t(above)] * kShare[size_t(index)] / kShare[size_t(above)]);
    for (int below = index + 1; below < kRungs; ++below)
        if (m_lastBytes[size_t(below)] > 0)
            return qint64(
                m_lastBytes[size_t(below)] * kShare[size_t(index)] / kShare[size_t(below)]);
    return 0;
}

int JpegLadder::choose(int current, double budgetBytes) const
{
    for (int i = 0; i < kRungs; ++i) {
        const double spare = i < current ? 1.25 : 1.0;  // up only with room to spare: no flapping
        if (expectedBytes(i) * spare <= budgetBytes)
            return i;
    }
    return kRungs - 1;
}

}  // namespace rudebot
