#include "media/receiver_feedback.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <cmath>

namespace rudebot {

QByteArray encodeFeedback(const ReceiverFeedback &f)
{
    return QJsonDocument(
        QJsonObject{{QStringLiteral("fb"), 1}, {QStringLiteral("loss"), f.fractionLost},
            {QStringLiteral("delay"), f.delayMs}, {QStringLiteral("kbps"), f.receivedKbps},
            {QStringLiteral("kf"), f.keyframe}})
        .toJson(QJsonDocument::Compact);
}

std::optional<ReceiverFeedback> decodeFeedback(const QByteArray &text)
{
    if (text.size() > 256)
        return std::nullopt;
    const QJsonObject o = QJsonDocument::fromJson(text).object();
    if (o.value(QStringLiteral("fb")).toInt() != 1)
        return std::nullopt;
    ReceiverFeedback f;
    f.fractionLost = o.value(QStringLiteral("loss")).toDouble();
    f.delayMs = o.value(QStringLiteral("delay")).toDouble(-1);
    f.receivedKbps = o.value(QStringLiteral("kbps")).toDouble();
    f.keyframe = o.value(QStringLiteral("kf")).toBool();
    if (!std::isfinite(f.fractionLost) || f.fractionLost < 0 || f.fractionLost > 1
        || !std::isfinite(f.delayMs) || !std::isfinite(f.receivedKbps))
        return std::nullopt;
    return f;
}

}  // namespace rudebot
