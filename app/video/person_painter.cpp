#include "video/person_painter.h"

#include <QFont>
#include <QFontMetricsF>
#include <QLinearGradient>
#include <QPainter>
#include <QPainterPath>
#include <cmath>

#include "video/office_scene.h"
#include "video/view_projection.h"

namespace rudebot {

namespace {
constexpr double kHalfWidthM = 0.32;  // arms included

// Body parts in metres, y up from the floor, x right from the centre line. With y up, Qt's
// angles run the other way round: 180..360 degrees is the top of an ellipse.
void paintBody(QPainter &p, const Person &who)
{
    const double H = who.heightM;
    const double hip = 0.52 * H;
    const double shoulder = H - 0.27;
    p.setPen(Qt::NoPen);

    p.setBrush(QColor(0, 0, 0, 50));  // shadow on the carpet
    p.drawEllipse(QPointF(0, 0), 0.34, 0.05);

    p.setBrush(QColor(35, 32, 30));  // shoes
    p.drawEllipse(QRectF(-0.17, 0, 0.15, 0.07));
    p.drawEllipse(QRectF(0.02, 0, 0.15, 0.07));
    p.setBrush(who.trousers);
    p.drawRoundedRect(QRectF(-0.16, 0.04, 0.145, hip - 0.02), 0.04, 0.04);
    p.drawRoundedRect(QRectF(0.015, 0.04, 0.145, hip - 0.02), 0.04, 0.04);

    if (who.hairStyle == 1) {  // long hair falls behind the shoulders
        p.setBrush(who.hair);
        p.drawRoundedRect(QRectF(-0.12, shoulder - 0.12, 0.24, 0.4), 0.08, 0.08);
    }

    // Arms hang beside the torso: sleeves a shade darker than the shirt, then hands.
    const QColor sleeve = who.shirt.darker(118);
    for (int side : {-1, 1}) {
        p.save();
        p.translate(side * 0.2, shoulder - 0.02);
        p.rotate(side * 8);  // hands a little away from the body
        p.setBrush(sleeve);
        p.drawRoundedRect(QRectF(-0.05, -0.3, 0.1, 0.32), 0.045, 0.045);
        p.setBrush(who.skin.darker(105));
        p.drawRoundedRect(QRectF(-0.038, -0.54, 0.076, 0.27), 0.035, 0.035);
        p.drawEllipse(QRectF(-0.04, -0.61, 0.08, 0.09));
        p.restore();
    }

    QPainterPath torso;
    torso.moveTo(-0.17, hip - 0.03);
    torso.lineTo(0.17, hip - 0.03);
    torso.lineTo(0.2, shoulder - 0.1);
    torso.quadTo(0.24, shoulder, 0.14, shoulder + 0.02);
    torso.lineTo(-0.14, shoulder + 0.02);
    torso.quadTo(-0.24, shoulder, -0.2, shoulder - 0.1);
    torso.closeSubpath();
    QLinearGradient shade(-0.24, 0, 0.24, 0);  // rounded look; the middle stays exactly `shirt`
    shade.setColorAt(0, who.shirt.darker(135));
    shade.setColorAt(0.3, who.shirt);
    shade.setColorAt(0.7, who.shirt);
    shade.setColorAt(1, who.shirt.darker(150));
    p.setBrush(shade);
    p.drawPath(torso);

    p.setBrush(who.skin.darker(108));  // neck and collar opening
    p.drawRect(QRectF(-0.045, shoulder - 0.01, 0.09, 0.1));
    p.drawPolygon(QPolygonF({QPointF(-0.06, shoulder + 0.02), QPointF(0.06, shoulder + 0.02),
        QPointF(0, shoulder - 0.05)}));

    // Head and face.
    const QPointF head(0, H - 0.12);
    p.setBrush(who.skin);
    p.drawEllipse(head, 0.085, 0.115);
    p.drawEllipse(head + QPointF(-0.088, 0), 0.018, 0.03);  // ears
    p.drawEllipse(head + QPointF(0.088, 0), 0.018, 0.03);
    p.setBrush(who.hair);
    switch (who.hairStyle) {
    case 2:  // bun
        p.drawEllipse(head + QPointF(0, 0.13), 0.05, 0.04);
        [[fallthrough]];
    case 0:
    case 1:
        p.drawChord(QRectF(head.x() - 0.092, head.y() - 0.07, 0.184, 0.2), 180 * 16, 180 * 16);
        break;
    case 3:  // curly
        for (int i = 0; i < 7; ++i)
            p.drawEllipse(head + QPointF(-0.075 + 0.025 * i, 0.09 + 0.015 * (i % 2)), 0.035, 0.035);
        break;
    default:  // very short
        p.drawChord(QRectF(head.x() - 0.087, head.y() - 0.02, 0.174, 0.14), 180 * 16, 180 * 16);
        break;
    }
    p.setBrush(QColor(40, 30, 30));
    p.drawEllipse(head + QPointF(-0.032, 0.012), 0.011, 0.014);
    p.drawEllipse(head + QPointF(0.032, 0.012), 0.011, 0.014);
    p.setBrush(Qt::NoBrush);
    p.setPen(QPen(QColor(120, 50, 50), 0.012, Qt::SolidLine, Qt::RoundCap));
    p.drawArc(QRectF(head.x() - 0.035, head.y() - 0.075, 0.07, 0.05), 20 * 16, 140 * 16);
    if (who.glasses) {
        p.setPen(QPen(QColor(30, 30, 30), 0.008));
        p.drawEllipse(head + QPointF(-0.034, 0.012), 0.028, 0.022);
        p.drawEllipse(head + QPointF(0.034, 0.012), 0.028, 0.022);
        p.drawLine(head + QPointF(-0.006, 0.015), head + QPointF(0.006, 0.015));
    }
    p.setPen(Qt::NoPen);
}

// The name tag is drawn in pixels (not scaled metres) so its text is hinted and crisp.
void paintNameTag(QPainter &p, const QTransform &toScreen, const Person &who)
{
    const double shoulder = who.heightM - 0.27;
    // Left chest (the person's right), 20 x 9 cm: large enough to read across the room.
    const QRectF tagM(-0.205, shoulder - 0.2, 0.19, 0.09);
    const QRectF tag = toScreen.mapRect(tagM);
    if (tag.height() < 4)
        return;
    p.setPen(QPen(QColor(0, 0, 0, 70), std::max(1.0, tag.height() / 30)));
    p.setBrush(QColor(255, 255, 255));
    p.drawRoundedRect(tag, tag.height() * 0.12, tag.height() * 0.12);
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(200, 40, 50));  // the company stripe along the top
    p.drawRect(QRectF(tag.left() + 1, tag.top() + 1, tag.width() - 2, tag.height() * 0.16));

    QFont font(QStringLiteral("DejaVu Sans"));
    font.setBold(true);
    font.setPixelSize(std::max(6, int(tag.height() * 0.58)));
    const QRectF text =
        tag.adjusted(tag.width() * 0.05, tag.height() * 0.16, -tag.width() * 0.05, 0);
    while (font.pixelSize() > 6 && QFontMetricsF(font).horizontalAdvance(who.name) > text.width())
        font.setPixelSize(font.pixelSize() - 1);
    p.setFont(font);
    p.setPen(QColor(25, 25, 35));
    p.drawText(text, Qt::AlignCenter, who.name);
    p.setPen(Qt::NoPen);
}
}  // namespace

void paintPerson(QPainter &p, const ViewProjection &v, const Person &who)
{
    const auto feet = v.toCamera(atAzimuth(who.azimuthDeg, who.distanceM, 0));
    if (feet.z < 0.3)
        return;  // behind, or too close to be a person rather than a blur
    const double s = v.scaleAtDepth(feet.z);
    const double x = v.toScreen({feet.x, 0, feet.z}).x();
    if (x + s * kHalfWidthM < 0 || x - s * kHalfWidthM > v.size().width())
        return;
    const QTransform toScreen(s, 0, 0, -s, x, v.centreY() + s * v.cameraHeight());
    p.save();
    p.setTransform(toScreen);
    paintBody(p, who);
    p.resetTransform();
    paintNameTag(p, toScreen, who);
    p.restore();
}

}  // namespace rudebot
