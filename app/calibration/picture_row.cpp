#include "calibration/picture_row.h"

#include <cmath>

namespace rudebot {

// No layout: a widget with one answers heightForWidth() from the layout, which knows nothing
// of the aspect ratio. The pictures are placed in resizeEvent() instead.
PictureRow::PictureRow(const QList<QWidget *> &pictures, QWidget *parent)
    : QWidget(parent), m_pictures(pictures), m_count(qMax(1, int(pictures.size())))
{
    for (QWidget *w : pictures)
        w->setParent(this);
    QSizePolicy policy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
}

void PictureRow::resizeEvent(QResizeEvent *)
{
    const double each = double(width() - m_spacing * (m_count - 1)) / m_count;
    for (int i = 0; i < m_pictures.size(); ++i) {
        const int left = int(std::lround(i * (each + m_spacing)));
        const int right = int(std::lround(i * (each + m_spacing) + each));
        m_pictures[i]->setGeometry(left, 0, right - left, height());
    }
}

void PictureRow::setAspect(double widthOverHeight)
{
    if (!(widthOverHeight > 0) || !std::isfinite(widthOverHeight)
        || std::abs(widthOverHeight - m_aspect) < 1e-3)
        return;
    m_aspect = widthOverHeight;
    updateGeometry();
}

int PictureRow::heightForWidth(int width) const
{
    const double each = double(width - m_spacing * (m_count - 1)) / m_count;
    return qMax(60, int(std::lround(each / m_aspect)));
}

QSize PictureRow::sizeHint() const
{
    const int width = 640;
    return {width, heightForWidth(width)};
}

QSize PictureRow::minimumSizeHint() const
{
    return {160 * m_count, 90};
}

}  // namespace rudebot
