#include "video/view_projection.h"

#include <cmath>

#include "video/lens.h"

namespace rudebot {

namespace {
constexpr double kPi = 3.14159265358979323846;
constexpr double kNearM = 0.05;  // polygons are clipped here, so nothing divides by ~0
}  // namespace

WorldPoint atAzimuth(double azDeg, double distM, double hM)
{
    const double a = azDeg * kPi / 180.0;
    return {distM * std::sin(a), distM * std::cos(a), hM};
}

ViewProjection::ViewProjection(QSize size, double yawDeg, double hfovDeg, double cameraHeightM)
    : m_size(size), m_yaw(yawDeg), m_f(lens::focalPx(size.width(), hfovDeg)), m_camH(cameraHeightM),
      m_drawHalf(std::min(hfovDeg / 2.0 + 3.0, 89.0)), m_cos(std::cos(yawDeg * kPi / 180.0)),
      m_sin(std::sin(yawDeg * kPi / 180.0))
{
}

double ViewProjection::bearingDeg(double azDeg) const
{
    return lens::wrapDeg(azDeg - m_yaw);
}

ViewProjection::CameraPoint ViewProjection::toCamera(const WorldPoint &p) const
{
    // Rotating the world by -yaw about the vertical axis puts the optical axis on +z.
    return {p.x * m_cos - p.z * m_sin, p.h - m_camH, p.x * m_sin + p.z * m_cos};
}

QPointF ViewProjection::toScreen(const CameraPoint &c) const
{
    return {centreX() + m_f * c.x / c.z, centreY() - m_f * c.y / c.z};
}

std::optional<QPointF> ViewProjection::project(const WorldPoint &p) const
{
    const CameraPoint c = toCamera(p);
    if (c.z < kNearM)
        return std::nullopt;
    return toScreen(c);
}

QPolygonF ViewProjection::projectPolygon(const QList<WorldPoint> &points) const
{
    QList<CameraPoint> in;
    for (const WorldPoint &p : points)
        in.append(toCamera(p));
    // Sutherland-Hodgman against the near plane z = kNearM.
    QPolygonF out;
    for (qsizetype i = 0; i < in.size(); ++i) {
        const CameraPoint &a = in.at(i);
        const CameraPoint &b = in.at((i + 1) % in.size());
        const bool aIn = a.z >= kNearM;
        const bool bIn = b.z >= kNearM;
        if (aIn)
            out.append(toScreen(a));
        if (aIn != bIn) {
            const double t = (kNearM - a.z) / (b.z - a.z);
            out.append(toScreen({a.x + t * (b.x - a.x), a.y + t * (b.y - a.y), kNearM}));
        }
    }
    return out;
}

}  // namespace rudebot
