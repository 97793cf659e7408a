#include "ui/level_meter.h"

#include <QPainter>
#include <algorithm>

namespace rudebot {

LevelMeter::LevelMeter(QWidget *parent) : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    setFocusPolicy(Qt::NoFocus);  // shows, does nothing
}

void LevelMeter::setLevel(double dbfs)
{
    const double db = std::clamp(dbfs, kFloorDb, 0.0);
    if (db == m_db)
        return;
    m_db = db;
    update();
}

void LevelMeter::setOff(bool off)
{
    if (off == m_off)
        return;
    m_off = off;
    update();
}

void LevelMeter::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const QRectF frame = QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5);
    p.setPen(palette().color(QPalette::Mid));
    p.setBrush(palette().color(QPalette::Base));
    p.drawRoundedRect(frame, 3, 3);
    const double fraction = (m_db - kFloorDb) / -kFloorDb;
    if (fraction <= 0)
        return;
    QRectF bar = frame.adjusted(2, 2, -2, -2);
    bar.setWidth(bar.width() * fraction);
    QColor colour = m_db > -3 ? QColor(0xd0, 0x30, 0x30)
        : m_db > -12          ? QColor(0xe0, 0xa0, 0x20)
                              : QColor(0x30, 0xa0, 0x50);
    if (m_off)
        p.setBrush(QBrush(palette().color(QPalette::Mid), Qt::BDiagPattern));
    else
        p.setBrush(colour);
    p.setPen(Qt::NoPen);
    p.drawRect(bar);
}

}  // namespace rudebot
