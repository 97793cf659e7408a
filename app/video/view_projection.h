// Where points of the office land in a camera image: the pinhole model of lens.h extended to
// 3-D, with the camera at the centre of the room at a fixed height, turned to a world yaw.
//
// World frame (metres): x to the right and z straight ahead of the rig at servo 90 degrees
// (world azimuth 0), h up from the floor. Azimuth a at distance d is (d sin a, d cos a).
// Camera frame: x right, y up, z along the optical axis. Screen: x right, y down, the optical
// axis through the image centre, focal length lens::focalPx() in both directions.
#pragma once
#include <QList>
#include <QPointF>
#include <QPolygonF>
#include <QSize>
#include <optional>

namespace rudebot {

struct WorldPoint {
    double x = 0;  // metres, right
    double z = 0;  // metres, ahead at azimuth 0
    double h = 0;  // metres above the floor
};

// The point at world azimuth azDeg (positive to the right), distance distM, height hM.
WorldPoint atAzimuth(double azDeg, double distM, double hM);

class ViewProjection {
public:
    struct CameraPoint {
        double x, y, z;
    };

    ViewProjection(QSize size, double yawDeg, double hfovDeg, double cameraHeightM);

    QSize size() const { return m_size; }
    double yawDeg() const { return m_yaw; }
    double focal() const { return m_f; }
    double centreX() const { return m_size.width() / 2.0; }
    double centreY() const { return m_size.height() / 2.0; }
    double cameraHeight() const { return m_camH; }
    // Half the horizontal field of view plus a small margin, capped below 90: the range of
    // bearings worth drawing.
    double drawHalfAngleDeg() const { return m_drawHalf; }
    // Bearing of world azimuth azDeg from the optical axis, in (-180, 180].
    double bearingDeg(double azDeg) const;

    CameraPoint toCamera(const WorldPoint &p) const;
    QPointF toScreen(const CameraPoint &c) const;  // c.z must be > 0
    std::optional<QPointF> project(const WorldPoint &p) const;  // nullopt when behind
    // A flat polygon, clipped to the part in front of the camera (may come back empty).
    QPolygonF projectPolygon(const QList<WorldPoint> &points) const;
    // Pixels per metre for something facing the camera at this depth.
    double scaleAtDepth(double zM) const { return m_f / zM; }

private:
    QSize m_size;
    double m_yaw;
    double m_f;
    double m_camH;
    double m_drawHalf;
    double m_cos;
    double m_sin;
};

}  // namespace rudebot
