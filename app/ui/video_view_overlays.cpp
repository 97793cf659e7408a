// The view's overlays: the status chip or the idle text, the stalled card, the click marker
// and the banner, drawn over the picture (video_view.cpp paints the picture).
#include "ui/video_view.h"

#include <QPainter>
#include <QPainterPath>
#include <algorithm>

namespace rudebot {

namespace {
QColor bannerColour(VideoView::BannerKind kind)
{
    switch (kind) {
    case VideoView::BannerKind::Info: return QColor(0x1f, 0x5f, 0xb0);
    case VideoView::BannerKind::Warning: return QColor(0xa8, 0x62, 0x00);
    case VideoView::BannerKind::Error: return QColor(0xb3, 0x26, 0x1e);
    }
    return Qt::darkGray;
}
}  // namespace

void VideoView::paintOverlays(QPainter &p, const QRectF &picture)
{
    const QFontMetricsF fm(font());
    const double pad = fm.height() * 0.5;
    QFont bold = font();
    bold.setBold(true);

    if (picture.isEmpty()) {
        QFont big = font();
        big.setPointSizeF(big.pointSizeF() * 1.4);
        p.setFont(big);
        p.setPen(QColor(255, 255, 255, 200));
        const QRectF top(rect().left(), rect().top(), width(), height() / 2.0 - pad / 2);
        p.drawText(top, Qt::AlignHCenter | Qt::AlignBottom, statusText());
        p.setFont(font());
        p.setPen(QColor(255, 255, 255, 140));
        const QRectF bottom(
            width() * 0.15, height() / 2.0 + pad / 2, width() * 0.7, height() / 2.0);
        p.drawText(bottom, Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap, m_placeholder);
    } else if (isStalled()) {
        // Keep the frozen frame visible but plainly not live.
        p.fillRect(picture, QColor(0, 0, 0, 130));
        const QString title = tr("Video stalled");
        const QString detail = tr("No new picture for %1 s. The office camera or the connection "
                                  "may have stopped.")
                                   .arg(secondsText(msSinceLastFrame()));
        const double w = std::min(picture.width() - 2 * pad, fm.height() * 22);
        const QRectF detailBox = fm.boundingRect(
            QRectF(0, 0, w - 2 * pad, 1000), Qt::TextWordWrap | Qt::AlignHCenter, detail);
        const double h = QFontMetricsF(bold).height() + detailBox.height() + 2.5 * pad;
        const QRectF card(picture.center() - QPointF(w / 2, h / 2), QSizeF(w, h));
        p.setPen(Qt::NoPen);
        p.setBrush(QColor(0xb3, 0x26, 0x1e, 235));
        p.drawRoundedRect(card, pad, pad);
        p.setPen(Qt::white);
        p.setFont(bold);
        const QRectF inner = card.adjusted(pad, pad, -pad, -pad);
        p.drawText(inner, Qt::AlignHCenter | Qt::AlignTop, title);
        p.setFont(font());
        p.drawText(inner, Qt::AlignHCenter | Qt::AlignBottom | Qt::TextWordWrap, detail);
    } else {
        const QString text = chipText();
        const QRectF chip = statusChipRect();
        p.setPen(Qt::NoPen);
        p.setBrush(QColor(0, 0, 0, 150));
        p.drawRoundedRect(chip, chip.height() / 2, chip.height() / 2);
        p.setPen(QColor(255, 255, 255, 230));
        p.setFont(font());
        p.drawText(chip, Qt::AlignCenter, text);
    }

    if (m_hasMarker && !picture.isEmpty() && visibleRegion().contains(m_marker)) {
        const QPointF at = mapFromNormalized(m_marker);
        const double r = fm.height() * 0.9;
        QPainterPath mark;
        mark.addEllipse(at, r, r);
        for (double dx : {-1.0, 1.0}) {
            mark.moveTo(at + QPointF(dx * r * 0.5, 0));
            mark.lineTo(at + QPointF(dx * r * 1.5, 0));
            mark.moveTo(at + QPointF(0, dx * r * 0.5));
            mark.lineTo(at + QPointF(0, dx * r * 1.5));
        }
        p.setBrush(Qt::NoBrush);
        p.setPen(QPen(QColor(0, 0, 0, 160), 4, Qt::SolidLine, Qt::RoundCap));  // halo for contrast
        p.drawPath(mark);
        p.setPen(QPen(Qt::white, 2, Qt::SolidLine, Qt::RoundCap));
        p.drawPath(mark);
    }

    if (!m_bannerText.isEmpty()) {
        const QRectF strip(0, 0, width(), QFontMetricsF(bold).height() + pad * 1.4);
        p.fillRect(strip, bannerColour(m_bannerKind));
        p.setPen(Qt::white);
        p.setFont(bold);
        const QRectF textRect = strip.adjusted(pad * 1.5, 0, -pad * 1.5, 0);
        p.drawText(textRect, Qt::AlignVCenter | Qt::AlignLeft,
            QFontMetricsF(bold).elidedText(m_bannerText, Qt::ElideRight, textRect.width()));
    }
}

}  // namespace rudebot
