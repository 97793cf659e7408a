// Flat things on the wall. Each is drawn in its own millimetre coordinates, mapped onto the
// picture with the perspective transform of its four projected corners.
#include <QFont>
#include <QLinearGradient>
#include <QPainter>
#include <QPainterPath>
#include <cmath>

#include "video/lens.h"
#include "video/office_props.h"
#include "video/office_scene.h"

namespace rudebot::office {

namespace {
constexpr double kPi = 3.14159265358979323846;
constexpr double kOnWall = OfficeScene::kWallRadiusM - 0.03;

// Maps a w x h millimetre rectangle (y down) to a flat item hanging on the wall, centred at
// azimuth azDeg, from height h0 to h1 metres. False when the item is out of view.
bool wallTransform(const ViewProjection &v, double azDeg, double h0, double h1, double wMm,
    double hMm, QTransform *out)
{
    const double halfW = wMm / 2000.0;
    const double halfAngle = std::atan2(halfW, kOnWall) * 180.0 / kPi;
    const double b = v.bearingDeg(azDeg);
    if (std::abs(b) - halfAngle > v.drawHalfAngleDeg() || std::abs(b) + halfAngle >= 89.0)
        return false;
    const double a = azDeg * kPi / 180.0;
    const double rx = std::sin(a), rz = std::cos(a);  // towards the wall
    const double tx = std::cos(a), tz = -std::sin(a);  // to the right along it
    auto corner = [&](double side, double hM) {
        return v.project({kOnWall * rx + side * halfW * tx, kOnWall * rz + side * halfW * tz, hM});
    };
    const auto tl = corner(-1, h1), tr = corner(1, h1), br = corner(1, h0), bl = corner(-1, h0);
    if (!tl || !tr || !br || !bl)
        return false;
    const QPolygonF from({QPointF(0, 0), QPointF(wMm, 0), QPointF(wMm, hMm), QPointF(0, hMm)});
    return QTransform::quadToQuad(from, QPolygonF({*tl, *tr, *br, *bl}), *out);
}

QFont font(int pixelSize, bool bold = false)
{
    QFont f(QStringLiteral("DejaVu Sans"));
    f.setPixelSize(pixelSize);
    f.setBold(bold);
    return f;
}

void paintWindow(QPainter &p)  // 2200 x 1300 mm
{
    p.fillRect(QRectF(0, 0, 2200, 1300), QColor(238, 238, 236));
    QLinearGradient sky(0, 60, 0, 1240);
    sky.setColorAt(0, QColor(120, 176, 228));
    sky.setColorAt(1, QColor(208, 228, 244));
    p.fillRect(QRectF(60, 60, 2080, 1180), sky);
    p.setBrush(QColor(255, 255, 255, 200));
    p.drawEllipse(QRectF(300, 200, 380, 110));
    p.drawEllipse(QRectF(460, 160, 300, 120));
    p.drawEllipse(QRectF(1400, 300, 420, 100));
    // The skyline across the street.
    const int heights[] = {520, 380, 640, 450, 300, 580, 420, 700, 360, 500, 440};
    for (int i = 0; i < 11; ++i) {
        p.setBrush(QColor(120 + 9 * (i % 3), 130 + 7 * (i % 4), 150 + 5 * (i % 2)));
        const QRectF r(60 + i * 189, 1240 - heights[i], 189, heights[i]);
        p.drawRect(r);
        p.setBrush(QColor(235, 225, 160, 150));
        for (double y = r.top() + 40; y < r.bottom() - 40; y += 80)
            for (double x = r.left() + 30; x < r.right() - 40; x += 55)
                p.drawRect(QRectF(x, y, 25, 40));
    }
    p.setBrush(QColor(238, 238, 236));
    p.drawRect(QRectF(1070, 60, 60, 1180));  // mullion
    p.drawRect(QRectF(60, 600, 2080, 40));  // transom
    p.setBrush(QColor(210, 210, 206));
    p.drawRect(QRectF(-40, 1240, 2280, 60));  // sill
}

void paintDoor(QPainter &p)  // 1100 x 2150 mm
{
    p.fillRect(QRectF(0, 0, 1100, 2150), QColor(236, 236, 232));
    QLinearGradient wood(0, 0, 1100, 0);
    wood.setColorAt(0, QColor(150, 108, 72));
    wood.setColorAt(1, QColor(128, 90, 58));
    p.fillRect(QRectF(60, 60, 980, 2090), wood);
    p.setPen(QPen(QColor(100, 70, 44), 8));
    p.setBrush(Qt::NoBrush);
    p.drawRect(QRectF(160, 160, 780, 800));
    p.drawRect(QRectF(160, 1080, 780, 950));
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(200, 200, 205));
    p.drawEllipse(QRectF(900, 1040, 70, 70));
    p.drawRoundedRect(QRectF(830, 1060, 120, 30), 12, 12);
    p.setBrush(QColor(40, 120, 60));  // exit sign above
    p.drawRect(QRectF(350, 10, 400, 40));
}

void paintWhiteboard(QPainter &p)  // 2000 x 1100 mm
{
    p.setBrush(QColor(170, 174, 180));
    p.drawRoundedRect(QRectF(0, 0, 2000, 1100), 20, 20);
    QLinearGradient surface(0, 0, 2000, 1100);
    surface.setColorAt(0, QColor(252, 252, 252));
    surface.setColorAt(1, QColor(236, 238, 240));
    p.fillRect(QRectF(30, 30, 1940, 1040), surface);

    p.setFont(font(90, true));
    p.setPen(QColor(30, 70, 170));
    p.drawText(QPointF(90, 150), QStringLiteral("Sprint 14: Rudebot"));
    p.setFont(font(66));
    p.setPen(QColor(30, 30, 30));
    p.drawText(QPointF(100, 290), QStringLiteral("\u2713 click to centre"));
    p.drawText(QPointF(100, 400), QStringLiteral("\u2022 servo calibration"));
    p.drawText(QPointF(100, 510), QStringLiteral("\u2022 MJPEG over TLS"));
    p.setPen(QColor(200, 40, 40));
    p.drawText(QPointF(100, 620), QStringLiteral("\u2022 demo Friday!"));

    // A hand-drawn chart.
    p.setPen(QPen(QColor(30, 30, 30), 8));
    p.drawLine(QPointF(1150, 200), QPointF(1150, 700));
    p.drawLine(QPointF(1150, 700), QPointF(1800, 700));
    p.setPen(QPen(QColor(200, 40, 40), 10, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    p.drawPolyline(QPolygonF({QPointF(1180, 650), QPointF(1300, 600), QPointF(1420, 630),
        QPointF(1540, 450), QPointF(1660, 380), QPointF(1780, 240)}));
    p.setPen(QColor(30, 110, 60));
    p.setFont(font(56));
    p.drawText(QPointF(1300, 800), QStringLiteral("latency \u2193"));

    p.setPen(Qt::NoPen);
    const QColor notes[] = {QColor(255, 236, 110), QColor(255, 180, 200), QColor(170, 220, 255)};
    for (int i = 0; i < 3; ++i) {
        p.setBrush(notes[i]);
        p.drawRect(QRectF(120 + i * 190, 740 + (i % 2) * 40, 160, 160));
    }
    p.setBrush(QColor(150, 154, 160));
    p.drawRect(QRectF(300, 1060, 1400, 40));  // marker tray
    p.setBrush(QColor(40, 40, 40));
    p.drawRoundedRect(QRectF(500, 1040, 140, 24), 8, 8);
    p.setBrush(QColor(200, 40, 40));
    p.drawRoundedRect(QRectF(700, 1040, 140, 24), 8, 8);
}

void paintPoster(QPainter &p, int kind)  // 700 x 950 mm
{
    p.setBrush(QColor(35, 35, 38));
    p.drawRect(QRectF(0, 0, 700, 950));
    const QRectF in(30, 30, 640, 890);
    if (kind == 0) {  // mountains
        QLinearGradient sky(0, 30, 0, 920);
        sky.setColorAt(0, QColor(250, 170, 90));
        sky.setColorAt(1, QColor(250, 220, 160));
        p.fillRect(in, sky);
        p.setBrush(QColor(255, 240, 200));
        p.drawEllipse(QRectF(420, 150, 140, 140));
        p.setBrush(QColor(90, 70, 110));
        p.drawPolygon(QPolygonF({QPointF(30, 920), QPointF(250, 420), QPointF(470, 920)}));
        p.setBrush(QColor(60, 50, 80));
        p.drawPolygon(QPolygonF(
            {QPointF(230, 920), QPointF(480, 520), QPointF(670, 800), QPointF(670, 920)}));
    } else {  // a motto
        p.fillRect(in, QColor(30, 90, 140));
        p.setPen(QColor(250, 250, 250));
        p.setFont(font(120, true));
        p.drawText(in.adjusted(0, 120, 0, -420), Qt::AlignCenter, QStringLiteral("SHIP\nIT"));
        p.setFont(font(50));
        p.drawText(in.adjusted(0, 560, 0, -120), Qt::AlignCenter, QStringLiteral("then polish"));
        p.setPen(Qt::NoPen);
    }
}

void paintClock(QPainter &p)  // 400 x 400 mm, shows ten past ten
{
    p.setBrush(QColor(30, 30, 30));
    p.drawEllipse(QRectF(0, 0, 400, 400));
    p.setBrush(QColor(250, 250, 248));
    p.drawEllipse(QRectF(20, 20, 360, 360));
    p.translate(200, 200);
    p.setPen(QPen(QColor(30, 30, 30), 10));
    for (int i = 0; i < 12; ++i) {
        p.drawLine(QPointF(0, -160), QPointF(0, -135));
        p.rotate(30);
    }
    p.setPen(QPen(QColor(30, 30, 30), 16, Qt::SolidLine, Qt::RoundCap));
    p.drawLine(
        QPointF(0, 0), QPointF(-95 * std::sin(55 * kPi / 180), -95 * std::cos(55 * kPi / 180)));
    p.setPen(QPen(QColor(30, 30, 30), 10, Qt::SolidLine, Qt::RoundCap));
    p.drawLine(
        QPointF(0, 0), QPointF(140 * std::sin(60 * kPi / 180), -140 * std::cos(60 * kPi / 180)));
    p.setPen(Qt::NoPen);
}

template <typename Paint>
void onWall(QPainter &p, const ViewProjection &v, double az, double h0, double h1, double wMm,
    double hMm, Paint paint)
{
    QTransform t;
    if (!wallTransform(v, az, h0, h1, wMm, hMm, &t))
        return;
    p.save();
    p.setTransform(t);
    p.setPen(Qt::NoPen);
    paint(p);
    p.restore();
}
}  // namespace

void paintWallItems(QPainter &p, const ViewProjection &v)
{
    for (double az : {-88.0, 100.0, -140.0, 180.0})
        onWall(p, v, az, 0.85, 2.15, 2200, 1300, paintWindow);
    onWall(p, v, 150, 0, 2.15, 1100, 2150, paintDoor);
    onWall(p, v, -3, 0.95, 2.05, 2000, 1100, paintWhiteboard);
    onWall(p, v, -32, 1.3, 2.25, 700, 950, [](QPainter &q) { paintPoster(q, 0); });
    onWall(p, v, 27, 1.35, 2.3, 700, 950, [](QPainter &q) { paintPoster(q, 1); });
    onWall(p, v, 120, 1.3, 2.25, 700, 950, [](QPainter &q) { paintPoster(q, 0); });
    onWall(p, v, 52, 2.0, 2.4, 400, 400, paintClock);
}

}  // namespace rudebot::office
