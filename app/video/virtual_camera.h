// A camera that does not exist: it draws the office (OfficeScene) as seen through a lens of the
// configured field of view, pointing where the virtual rig's servo physically points. Used on
// machines without a webcam, in tests and in demos.
//
// Mapping from servo to view: yawDeg = mountOffsetDeg + yawPerServoDeg * (servoDeg - 90).
// The default yawPerServoDeg is -1 because a standard hobby servo turns counter-clockwise seen
// from above as its angle grows, which swings a camera on top of it to the left (towards
// negative world azimuth). A servo mounted upside down, or a different servo, gives +1 or
// another factor; the calibration wizard's "direction" step exists to discover exactly this.
//
// Needs a QGuiApplication (fonts); run headless with QT_QPA_PLATFORM=offscreen.
#pragma once
#include <QImage>
#include <QObject>
#include <QSize>
#include <QTimer>

#include "video/office_scene.h"

namespace rudebot {

struct VirtualCameraSettings {
    QSize resolution = {1280, 720};  // pixels
    double fps = 15;  // frames per second emitted while started
    double hfovDeg = 60;  // horizontal field of view, degrees
    double yawPerServoDeg = -1.0;  // degrees of view yaw (positive right) per servo degree
    double mountOffsetDeg = 0;  // view yaw (world azimuth) when the servo is at 90 degrees
    bool timecode = false;  // stamp every frame with the time and a counter (timecode.h)
};

class VirtualCamera : public QObject {
    Q_OBJECT
public:
    explicit VirtualCamera(const VirtualCameraSettings &settings = {}, OfficeScene scene = {},
        QObject *parent = nullptr);

    const VirtualCameraSettings &settings() const { return m_settings; }
    const OfficeScene &scene() const { return m_scene; }
    double servoAngle() const { return m_servoDeg; }
    double yawDeg() const { return yawForServo(m_settings, m_servoDeg); }
    bool isActive() const { return m_timer.isActive(); }

    // World azimuth the optical axis points at for a servo angle (degrees, see above).
    static double yawForServo(const VirtualCameraSettings &settings, double servoDeg);

    // The picture the camera sees now, overlay included, without waiting for the timer.
    QImage grabFrame() const;

public slots:
    // The angle the virtual rig measured from its servo pulse, in servo degrees (90 = centre).
    void setServoAngle(double servoDeg);
    void start();  // the first frame follows at once, then one per 1/fps
    void stop();

signals:
    void frameReady(const QImage &frame);

private:
    void emitFrame();

    VirtualCameraSettings m_settings;
    OfficeScene m_scene;
    double m_servoDeg = 90;
    QTimer m_timer;
    mutable QImage m_sceneCache;
    mutable double m_cachedYawDeg = 0;
    mutable quint16 m_timecodeFrame = 0;
};

}  // namespace rudebot
