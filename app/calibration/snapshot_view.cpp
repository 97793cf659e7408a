#include "calibration/snapshot_view.h"

#include <QPainter>

namespace rudebot {

SnapshotView::SnapshotView(const QString &caption, QWidget *parent)
    : QWidget(parent), m_caption(caption)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void SnapshotView::setImage(const QImage &image)
{
    m_image = image;
    update();
}

void SnapshotView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), QColor(0x10, 0x11, 0x13));  // as VideoView's letterbox
    QRectF picture;
    if (!m_image.isNull()) {
        QSizeF s = m_image.size();
        s.scale(size(), Qt::KeepAspectRatio);
        picture = QRectF(QPointF((width() - s.width()) / 2, (height() - s.height()) / 2), s);
        p.setRenderHint(QPainter::SmoothPixmapTransform);
        p.drawImage(picture, m_image);
    }
    // The caption in a dark tag at the top left, readable on any picture.
    QFont f = font();
    f.setBold(true);
    p.setFont(f);
    const QFontMetrics fm(f);
    const QRect tag(8, 8, fm.horizontalAdvance(m_caption) + 16, fm.height() + 8);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(0, 0, 0, 150));
    p.drawRoundedRect(tag, 4, 4);
    p.setPen(Qt::white);
    p.drawText(tag, Qt::AlignCenter, m_caption);
}

}  // namespace rudebot
