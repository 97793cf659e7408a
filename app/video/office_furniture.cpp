// Desks and plants standing in the room. Desks are boxes seen from the rig, which always looks
// at their front and top (the rig sits inside their width, so their sides stay hidden).
#include <QLinearGradient>
#include <QPainter>
#include <cmath>

#include "video/office_props.h"
#include "video/office_scene.h"

namespace rudebot::office {

namespace {
constexpr double kDeskTopM = 0.74;

struct Desk {
    double azimuthDeg;
    double frontM;  // distance of the front edge from the rig
    double widthM;
    double depthM;
    double monitorM;  // sideways offset of the monitor, positive to the right
};

// A point on a desk: u metres deeper than its front edge, v to the right of its centre.
WorldPoint deskPoint(const Desk &d, double u, double vM, double hM)
{
    const double a = d.azimuthDeg * 3.14159265358979323846 / 180.0;
    const double r = d.frontM + u;
    return {r * std::sin(a) + vM * std::cos(a), r * std::cos(a) - vM * std::sin(a), hM};
}

void box(QPainter &p, const ViewProjection &v, const Desk &d, double u0, double u1, double v0,
    double v1, double h0, double h1, const QColor &front, const QColor &top)
{
    p.setBrush(top);
    p.drawPolygon(v.projectPolygon({deskPoint(d, u0, v0, h1), deskPoint(d, u0, v1, h1),
        deskPoint(d, u1, v1, h1), deskPoint(d, u1, v0, h1)}));
    p.setBrush(front);
    p.drawPolygon(v.projectPolygon({deskPoint(d, u0, v0, h1), deskPoint(d, u0, v1, h1),
        deskPoint(d, u0, v1, h0), deskPoint(d, u0, v0, h0)}));
}

void paintDesk(QPainter &p, const ViewProjection &v, const Desk &d)
{
    if (std::abs(v.bearingDeg(d.azimuthDeg)) > v.drawHalfAngleDeg() + 20)
        return;
    p.setPen(Qt::NoPen);
    const double hw = d.widthM / 2;
    const QColor leg(70, 72, 78);
    box(p, v, d, 0.04, 0.09, -hw + 0.03, -hw + 0.08, 0, kDeskTopM, leg, leg);
    box(p, v, d, 0.04, 0.09, hw - 0.08, hw - 0.03, 0, kDeskTopM, leg, leg);
    box(p, v, d, 0.10, 0.12, -hw + 0.08, hw - 0.08, 0.32, kDeskTopM - 0.03, QColor(120, 124, 132),
        QColor(120, 124, 132));  // modesty panel
    box(p, v, d, 0, d.depthM, -hw, hw, kDeskTopM - 0.03, kDeskTopM, QColor(150, 116, 80),
        QColor(200, 166, 124));
    // Papers, a laptop, a mug and the back of a monitor.
    box(p, v, d, 0.12, 0.42, -0.15 - d.monitorM / 2, 0.07 - d.monitorM / 2, kDeskTopM,
        kDeskTopM + 0.004, QColor(245, 245, 245), QColor(250, 250, 250));
    box(p, v, d, 0.10, 0.34, 0.05 + d.monitorM / 3, 0.40 + d.monitorM / 3, kDeskTopM,
        kDeskTopM + 0.02, QColor(90, 94, 100), QColor(170, 174, 182));
    box(p, v, d, 0.08, 0.16, -0.32 + d.monitorM, -0.24 + d.monitorM, kDeskTopM, kDeskTopM + 0.10,
        QColor(230, 90, 60), QColor(120, 50, 30));
    const double m = d.monitorM;
    const double back = d.depthM - 0.18;
    box(p, v, d, back, back + 0.05, m - 0.04, m + 0.04, kDeskTopM, kDeskTopM + 0.14,
        QColor(50, 52, 58), QColor(50, 52, 58));
    box(p, v, d, back - 0.03, back + 0.02, m - 0.28, m + 0.28, kDeskTopM + 0.12, kDeskTopM + 0.46,
        QColor(44, 46, 52), QColor(60, 62, 68));
}

void paintPlant(QPainter &p, const ViewProjection &v, double az, double distM, double scale)
{
    const double b = v.bearingDeg(az);
    if (std::abs(b) > v.drawHalfAngleDeg() + 8)
        return;
    const auto base = v.toCamera(atAzimuth(az, distM, 0));
    if (base.z < 0.3)
        return;
    const double s = v.scaleAtDepth(base.z);
    const QPointF foot = v.toScreen({base.x, 0, base.z});
    p.save();
    p.setTransform(
        QTransform(s * scale, 0, 0, -s * scale, foot.x(), v.centreY() + s * v.cameraHeight()));
    p.setPen(Qt::NoPen);
    const QColor leaves[] = {QColor(50, 110, 50), QColor(70, 135, 60), QColor(40, 95, 45)};
    for (int i = 0; i < 9; ++i) {
        p.save();
        p.translate(0, 0.45);
        p.rotate(-80 + i * 20);
        p.setBrush(leaves[i % 3]);
        p.drawEllipse(QRectF(-0.07, 0.05, 0.14, 0.55 + 0.08 * (i % 3)));
        p.restore();
    }
    QLinearGradient pot(-0.2, 0, 0.2, 0);
    pot.setColorAt(0, QColor(150, 80, 50));
    pot.setColorAt(1, QColor(190, 110, 70));
    p.setBrush(pot);
    p.drawPolygon(
        QPolygonF({QPointF(-0.2, 0.48), QPointF(0.2, 0.48), QPointF(0.15, 0), QPointF(-0.15, 0)}));
    p.restore();
}
}  // namespace

QList<Standing> standingProps()
{
    QList<Standing> out;
    const Desk desks[] = {
        {-45, 2.2, 1.5, 0.75, -0.45},
        {20, 3.3, 1.6, 0.75, 0.40},
        {74, 2.0, 1.3, 0.70, 0.35},
        {-120, 2.4, 1.6, 0.75, 0.0},
        {160, 2.8, 1.4, 0.70, -0.3},
    };
    for (const Desk &d : desks)
        out.append({d.frontM + d.depthM / 2,
            [d](QPainter &p, const ViewProjection &v) { paintDesk(p, v, d); }});
    const struct {
        double az, dist, scale;
    } plants[] = {{-58, 4.0, 1.0}, {86, 4.0, 1.2}, {-100, 3.9, 0.9}, {135, 4.0, 1.1}};
    for (const auto &pl : plants) {
        out.append({pl.dist, [pl](QPainter &p, const ViewProjection &v) {
                        paintPlant(p, v, pl.az, pl.dist, pl.scale);
                    }});
    }
    return out;
}

}  // namespace rudebot::office
