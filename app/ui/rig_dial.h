// The rig seen from above: where the camera points now (actual) and where it was asked to point
// (target), inside the calibrated limits. Passive: it emits what the user asks for and shows
// what it is told; the window connects it to the rig.
//
// Angles are logical degrees: 0 = home (straight ahead, drawn pointing up), positive = turned
// right as seen by the camera (drawn clockwise), limited to [minimumAngle, maximumAngle].
//
// Geometry (for pointing): a point's angle is its bearing from dialCentre(), clockwise from
// straight up, so a click anywhere on a ray from the centre asks for that ray's angle. Clicks
// and drags are rounded to whole degrees (the servo's resolution); keys and the wheel step from
// the current target by exactly 1 or 10 degrees. Requests are clamped to the limits and a
// request equal to the current target is not emitted again.
//
// Keys (with focus): Left/Right 1 degree, Shift+Left/Right and PageDown/PageUp 10 degrees,
// Home = 0. Wheel: 1 degree per notch, up = right.
#pragma once
#include <QPointF>
#include <QWidget>

namespace rudebot {

class RigDial : public QWidget {
    Q_OBJECT
public:
    explicit RigDial(QWidget *parent = nullptr);

    double targetAngle() const { return m_target; }
    double actualAngle() const { return m_actual; }
    bool hasActualAngle() const { return m_hasActual; }
    bool isDragging() const { return m_dragging; }  // the mouse holds the target marker
    double minimumAngle() const { return m_min; }
    double maximumAngle() const { return m_max; }

    QPointF dialCentre() const;
    double dialRadius() const;  // radius of the track the needles reach, pixels
    // Bearing of pos from dialCentre(), degrees clockwise from straight up, in (-180, 180].
    double bearingAt(QPointF pos) const;

    // "20° right", "5° left", "home": for readouts and screen readers.
    static QString describeAngle(double logicalDeg);
    // Where the limit's label ("−80°") is drawn: beside the stop, outside the reachable range,
    // so the target marker never covers it.
    QRectF limitLabelRect(bool maximum) const;

    QSize sizeHint() const override { return {220, heightForWidth(220)}; }
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;
    // Tall enough for the arc to stay readable above the readouts when a layout is tight.
    QSize minimumSizeHint() const override { return {140, 150}; }

public slots:
    void setActualAngle(double logicalDeg);
    void clearActualAngle();  // the rig's position is unknown (e.g. disconnected)
    // The target as decided elsewhere (a preset, another user, the office): shown, not emitted.
    void setTargetAngle(double logicalDeg);
    void setLimits(double minLogicalDeg, double maxLogicalDeg);

signals:
    void targetRequested(double logicalDeg);  // the Home key too: targetRequested(0)

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    friend class RigDialAccessible;

    struct Layout {
        QPointF centre;
        double radius = 0;
        double halfSpan = 90;  // the drawn arc covers [-halfSpan, +halfSpan]
        QRectF readouts;
    };
    Layout layoutFor(QSizeF size) const;
    Layout layout() const { return layoutFor(size()); }
    static QString limitLabel(double stop);
    double clampToLimits(double deg) const;
    double angleForPoint(QPointF pos) const;  // clamped, whole degrees
    void requestTarget(double logicalDeg);  // clamp, skip duplicates, show, emit
    void updateAccessibleText();

    double m_min = -90;
    double m_max = 90;
    double m_target = 0;
    double m_actual = 0;
    bool m_hasActual = false;
    bool m_dragging = false;
    int m_wheelRemainder = 0;  // eighths of a degree from high-resolution wheels and touchpads
};

}  // namespace rudebot
