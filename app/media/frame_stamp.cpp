#include "media/frame_stamp.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <cmath>

namespace rudebot {

QByteArray encodeFrameStamp(quint32 rtpTimestamp, const FrameStamp &stamp)
{
    QJsonObject o{{QStringLiteral("rtp"), double(rtpTimestamp)},
        {QStringLiteral("t"), double(stamp.captureMs)}};
    if (stamp.sentMs > 0)
        o.insert(QStringLiteral("s"), double(stamp.sentMs));
    if (stamp.hasAngle) {
        o.insert(QStringLiteral("servo"), stamp.servoDeg);
        o.insert(QStringLiteral("logical"), stamp.logicalDeg);
    }
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

std::optional<std::pair<quint32, FrameStamp>> decodeFrameStamp(const QByteArray &text)
{
    if (text.size() > 512)
        return std::nullopt;
    const QJsonDocument doc = QJsonDocument::fromJson(text);
    if (!doc.isObject())
        return std::nullopt;
    const QJsonObject o = doc.object();
    const QJsonValue rtp = o.value(QStringLiteral("rtp"));
    const QJsonValue t = o.value(QStringLiteral("t"));
    if (!rtp.isDouble() || !t.isDouble() || rtp.toDouble() < 0 || rtp.toDouble() > 4294967295.0
        || rtp.toDouble() != std::floor(rtp.toDouble()))
        return std::nullopt;
    FrameStamp s;
    s.captureMs = qint64(t.toDouble());
    const QJsonValue sent = o.value(QStringLiteral("s"));
    if (sent.isDouble() && sent.toDouble() > 0 && sent.toDouble() < 9.0e15)
        s.sentMs = qint64(sent.toDouble());
    const QJsonValue servo = o.value(QStringLiteral("servo"));
    const QJsonValue logical = o.value(QStringLiteral("logical"));
    if (servo.isDouble() && logical.isDouble() && std::isfinite(servo.toDouble())
        && std::isfinite(logical.toDouble())) {
        s.hasAngle = true;
        s.servoDeg = servo.toDouble();
        s.logicalDeg = logical.toDouble();
    }
    return std::make_pair(quint32(rtp.toDouble()), s);
}

void FrameStampBook::add(quint32 rtpTimestamp, const FrameStamp &stamp)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    m_stamps.emplace_back(rtpTimestamp, stamp);
    while (m_stamps.size() > m_capacity)
        m_stamps.pop_front();
}

std::optional<FrameStamp> FrameStampBook::find(quint32 rtpTimestamp) const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    for (auto it = m_stamps.rbegin(); it != m_stamps.rend(); ++it) {
        if (it->first == rtpTimestamp)
            return it->second;
    }
    return std::nullopt;
}

}  // namespace rudebot
