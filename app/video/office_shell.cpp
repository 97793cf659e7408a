// The room's shell: ceiling, carpet and a cylindrical wall whose panels, seams and coloured
// sections repeat around the room, so that turning by any angle visibly moves the picture.
#include <QLinearGradient>
#include <QPainter>
#include <cmath>

#include "video/office_props.h"
#include "video/office_scene.h"

namespace rudebot::office {

namespace {
constexpr double kR = OfficeScene::kWallRadiusM;
constexpr double kTop = OfficeScene::kWallHeightM;
constexpr double kPanelDeg = 6.0;
constexpr double kRailM = 0.9;
constexpr double kSkirtM = 0.1;
constexpr double kCorniceM = 2.6;

// A band of the wall between two azimuths and two heights, curved as the cylinder is.
QPolygonF wallBand(const ViewProjection &v, double a0, double a1, double h0, double h1)
{
    const int steps = std::max(1, int(std::ceil((a1 - a0) / 1.0)));
    QList<WorldPoint> pts;
    for (int i = 0; i <= steps; ++i)
        pts.append(atAzimuth(a0 + (a1 - a0) * i / steps, kR, h1));
    for (int i = steps; i >= 0; --i)
        pts.append(atAzimuth(a0 + (a1 - a0) * i / steps, kR, h0));
    return v.projectPolygon(pts);
}

QPolygonF arcAt(const ViewProjection &v, double distM, double hM)
{
    const double a0 = v.yawDeg() - v.drawHalfAngleDeg();
    const double a1 = v.yawDeg() + v.drawHalfAngleDeg();
    QPolygonF line;
    for (double a = a0; a <= a1 + 1e-9; a += 1.0) {
        if (auto p = v.project(atAzimuth(a, distM, hM)))
            line.append(*p);
    }
    return line;
}

// Paint colour of the upper wall at a panel: sections of colour around the room, and
// alternate panels a shade apart.
QColor panelColour(int k)
{
    const int n = int(360 / kPanelDeg);
    const int i = ((k % n) + n) % n;
    const double az = i * kPanelDeg;  // 0..360
    QColor base(228, 223, 212);  // warm white: most of the room
    if (az >= 96 && az < 156)
        base = QColor(176, 200, 196);  // muted teal behind the right-hand windows
    else if (az >= 204 && az < 264)
        base = QColor(214, 196, 170);  // sand at the back left
    else if (az >= 330 || az < 6)
        base = QColor(222, 216, 228);  // lilac tint behind the whiteboard
    return (i % 2) ? base.darker(104) : base;
}
}  // namespace

void paintShell(QPainter &p, const ViewProjection &v)
{
    const double w = v.size().width();
    const double h = v.size().height();
    const double cy = v.centreY();

    QLinearGradient ceiling(0, 0, 0, cy);
    ceiling.setColorAt(0, QColor(238, 238, 234));
    ceiling.setColorAt(1, QColor(214, 214, 208));
    p.fillRect(QRectF(0, 0, w, cy), ceiling);
    QLinearGradient floor(0, cy, 0, h);
    floor.setColorAt(0, QColor(104, 110, 122));
    floor.setColorAt(1, QColor(72, 77, 88));
    p.fillRect(QRectF(0, cy, w, h - cy), floor);

    // Carpet tiles and ceiling grid: arcs and spokes around the rig, in perspective.
    p.setPen(QPen(QColor(86, 92, 104), 1.2));
    for (double d = 1.5; d < kR; d += 1.0)
        p.drawPolyline(arcAt(v, d, 0));
    p.setPen(QPen(QColor(200, 200, 196), 1.0));
    for (double d = 1.5; d < kR; d += 1.0)
        p.drawPolyline(arcAt(v, d, kTop));
    const double a0 = v.yawDeg() - v.drawHalfAngleDeg();
    const double a1 = v.yawDeg() + v.drawHalfAngleDeg();
    for (double a = std::ceil(a0 / 15.0) * 15.0; a <= a1; a += 15.0) {
        p.setPen(QPen(QColor(86, 92, 104), 1.2));
        p.drawPolyline(v.projectPolygon({atAzimuth(a, 0.8, 0), atAzimuth(a, kR, 0)}));
        p.setPen(QPen(QColor(200, 200, 196), 1.0));
        p.drawPolyline(v.projectPolygon({atAzimuth(a, 0.8, kTop), atAzimuth(a, kR, kTop)}));
    }
    // Ceiling lights: glowing panels every 45 degrees.
    p.setPen(Qt::NoPen);
    for (double a = std::ceil((a0 - 10) / 45.0) * 45.0; a <= a1 + 10; a += 45.0) {
        p.setBrush(QColor(252, 252, 240));
        p.drawPolygon(v.projectPolygon({atAzimuth(a - 7, 2.6, kTop), atAzimuth(a + 7, 2.6, kTop),
            atAzimuth(a + 6, 3.3, kTop), atAzimuth(a - 6, 3.3, kTop)}));
    }

    // The wall, panel by panel.
    const int k0 = int(std::floor(a0 / kPanelDeg));
    const int k1 = int(std::floor(a1 / kPanelDeg));
    const double top = v.project(atAzimuth(v.yawDeg(), kR, kTop))->y();
    const double rail = v.project(atAzimuth(v.yawDeg(), kR, kRailM))->y();
    for (int k = k0; k <= k1; ++k) {
        const double pa = std::max(a0, k * kPanelDeg);
        const double pb = std::min(a1, (k + 1) * kPanelDeg);
        const QColor paint = panelColour(k);
        QLinearGradient upper(0, top, 0, rail);
        upper.setColorAt(0, paint.darker(112));
        upper.setColorAt(0.35, paint);
        upper.setColorAt(1, paint.darker(106));
        p.setBrush(upper);
        p.drawPolygon(wallBand(v, pa, pb, kRailM, kCorniceM));
        p.setBrush(QColor(128, 140, 152).darker(k % 2 ? 104 : 100));  // wainscot
        p.drawPolygon(wallBand(v, pa, pb, kSkirtM, kRailM));
    }
    p.setBrush(QColor(245, 245, 242));
    p.drawPolygon(wallBand(v, a0, a1, kCorniceM, kTop));
    p.setBrush(QColor(58, 62, 70));
    p.drawPolygon(wallBand(v, a0, a1, 0, kSkirtM));
    p.setBrush(QColor(236, 236, 232));
    p.drawPolygon(wallBand(v, a0, a1, kRailM - 0.02, kRailM + 0.03));

    // Seams between panels, and a thin groove in the wainscot between them.
    for (int k = k0 + 1; k <= k1; ++k) {
        const double a = k * kPanelDeg;
        p.setPen(QPen(QColor(150, 146, 138), 1.4));
        p.drawPolyline(
            v.projectPolygon({atAzimuth(a, kR, kRailM + 0.03), atAzimuth(a, kR, kCorniceM)}));
        p.setPen(QPen(QColor(96, 106, 118), 1.4));
        p.drawPolyline(
            v.projectPolygon({atAzimuth(a, kR, kSkirtM), atAzimuth(a, kR, kRailM - 0.02)}));
    }
    p.setPen(Qt::NoPen);
}

}  // namespace rudebot::office
