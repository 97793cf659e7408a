#include "video/privacy_card.h"

#include <QCoreApplication>
#include <QPainter>
#include <QPainterPath>

namespace rudebot {

QImage privacyCard(QSize size, const QString &detail)
{
    size = size.expandedTo({160, 90});
    QImage card(size, QImage::Format_RGB32);
    card.fill(QColor(0x20, 0x24, 0x2b));
    QPainter p(&card);
    p.setRenderHint(QPainter::Antialiasing);
    const int h = size.height();
    const int w = size.width();

    // A camera with a stroke through it: readable at thumbnail size, in any language.
    const QRectF body(w / 2.0 - h * 0.12, h * 0.16, h * 0.18, h * 0.12);
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(0xd8, 0xdc, 0xe2));
    p.drawRoundedRect(body, h * 0.015, h * 0.015);
    QPainterPath lens;
    lens.moveTo(body.right(), body.center().y());
    lens.lineTo(body.right() + h * 0.07, body.top());
    lens.lineTo(body.right() + h * 0.07, body.bottom());
    lens.closeSubpath();
    p.drawPath(lens);
    p.setPen(QPen(QColor(0xe0, 0x4a, 0x3f), h * 0.02, Qt::SolidLine, Qt::RoundCap));
    p.drawLine(QPointF(body.left() - h * 0.02, body.bottom() + h * 0.03),
        QPointF(body.right() + h * 0.09, body.top() - h * 0.03));

    QFont title = p.font();
    title.setPixelSize(std::max(10, h / 12));
    title.setBold(true);
    p.setFont(title);
    p.setPen(QColor(0xf2, 0xf4, 0xf7));
    const QString heading =
        QCoreApplication::translate("rudebot::PrivacyCard", "Video paused for privacy");
    p.drawText(QRectF(0, h * 0.36, w, h * 0.16), Qt::AlignCenter, heading);

    QFont small = title;
    small.setBold(false);
    small.setPixelSize(std::max(8, h / 24));
    p.setFont(small);
    p.setPen(QColor(0xb8, 0xbe, 0xc8));
    p.drawText(QRectF(w * 0.08, h * 0.54, w * 0.84, h * 0.3),
        Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap, detail);
    return card;
}

}  // namespace rudebot
