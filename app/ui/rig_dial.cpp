#include "ui/rig_dial.h"

#include "ui/rig_dial_accessible.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QWheelEvent>
#include <QtMath>
#include <algorithm>
#include <cmath>

namespace rudebot {

namespace {

constexpr int kMargin = 8;
constexpr double kTrackRatio = 0.07;  // track width as a fraction of the radius
constexpr double kSmallStep = 1;
constexpr double kLargeStep = 10;

QColor mix(const QColor &a, const QColor &b, double t)
{
    return QColor::fromRgbF(a.redF() + (b.redF() - a.redF()) * t,
        a.greenF() + (b.greenF() - a.greenF()) * t, a.blueF() + (b.blueF() - a.blueF()) * t);
}

// A point at logical angle deg (clockwise from up) and distance r from c.
QPointF polar(QPointF c, double r, double deg)
{
    const double a = qDegreesToRadians(deg);
    return {c.x() + r * std::sin(a), c.y() - r * std::cos(a)};
}

// QPainter arcs start at 3 o'clock and run counter-clockwise, in 1/16 degree.
int qtArcAngle(double logicalDeg)
{
    return qRound((90 - logicalDeg) * 16);
}

QFont captionFont(QFont f)
{
    f.setPointSizeF(f.pointSizeF() * 0.85);
    return f;
}

QFont valueFont(QFont f)
{
    f.setPointSizeF(f.pointSizeF() * 1.1);
    f.setBold(true);
    return f;
}

}  // namespace

RigDial::RigDial(QWidget *parent) : QWidget(parent)
{
    installRigDialAccessibility();
    setFocusPolicy(Qt::StrongFocus);
    setAccessibleName(tr("Rig direction"));
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    updateAccessibleText();
}

QString RigDial::describeAngle(double logicalDeg)
{
    const int deg = qRound(logicalDeg);
    if (deg == 0)
        return tr("home");
    return deg > 0 ? tr("%1° right").arg(deg) : tr("%1° left").arg(-deg);
}

RigDial::Layout RigDial::layoutFor(QSizeF size) const
{
    Layout l;
    // Show a little beyond the wider limit so the end stops read as stops, at least a half circle.
    l.halfSpan = std::clamp(std::max(std::abs(m_min), std::abs(m_max)) + 10, 90.0, 170.0);
    const double dip = std::max(0.0, -std::cos(qDegreesToRadians(l.halfSpan)));
    const double readoutH =
        QFontMetricsF(captionFont(font())).height() + QFontMetricsF(valueFont(font())).height();
    const double homeTick = 8;

    const QRectF area = QRectF(QPointF(0, 0), size).adjusted(kMargin, kMargin, -kMargin, -kMargin);
    const double byWidth = (area.width() - 4) / (2 + kTrackRatio);
    const double byHeight = (area.height() - homeTick - 4 - readoutH) / (1 + dip + kTrackRatio);
    l.radius = std::max(10.0, std::min(byWidth, byHeight));

    const double contentH = homeTick + l.radius * (1 + dip + kTrackRatio) + 4 + readoutH;
    const double top = area.top() + std::max(0.0, (area.height() - contentH) / 2);
    l.centre = QPointF(area.center().x(), top + homeTick + l.radius * (1 + kTrackRatio / 2));
    const double readoutTop = l.centre.y() + l.radius * (dip + kTrackRatio / 2) + 4;
    l.readouts = QRectF(area.left(), readoutTop, area.width(), readoutH);
    return l;
}

QString RigDial::limitLabel(double stop)
{
    const int deg = qRound(stop);
    // A real minus sign: a hyphen looks like a dash at this size.
    return (deg < 0 ? QStringLiteral("\u2212%1°") : QStringLiteral("%1°")).arg(std::abs(deg));
}

QRectF RigDial::limitLabelRect(bool maximum) const
{
    const Layout l = layout();
    const double stop = maximum ? m_max : m_min;
    const QFontMetricsF cfm(captionFont(font()));
    const QString text = limitLabel(stop);
    const QSizeF s(cfm.horizontalAdvance(text), cfm.height());
    const double tw = std::max(4.0, l.radius * kTrackRatio);
    const double along = l.radius - tw * 1.6 - 2 - s.width() / 2;
    // Sideways off the stop's ray, away from the reachable range, by the label's half extent
    // in that direction plus a gap: clockwise beyond the maximum, anticlockwise beyond the minimum.
    const double a = qDegreesToRadians(stop);
    const QPointF away =
        maximum ? QPointF(std::cos(a), std::sin(a)) : QPointF(-std::cos(a), -std::sin(a));
    const double half = std::abs(away.x()) * s.width() / 2 + std::abs(away.y()) * s.height() / 2;
    const QPointF c = polar(l.centre, along, stop) + away * (half + 3);
    return QRectF(c - QPointF(s.width() / 2, s.height() / 2), s);
}

int RigDial::heightForWidth(int width) const
{
    // The height at which the width, not the height, limits the radius.
    const Layout l = layoutFor(QSizeF(width, 100000));
    return int(std::ceil(
        l.readouts.bottom() - (l.centre.y() - l.radius * (1 + kTrackRatio / 2) - 8) + 2 * kMargin));
}

QPointF RigDial::dialCentre() const
{
    return layout().centre;
}
double RigDial::dialRadius() const
{
    return layout().radius;
}

double RigDial::bearingAt(QPointF pos) const
{
    const QPointF d = pos - dialCentre();
    double deg = qRadiansToDegrees(std::atan2(d.x(), -d.y()));
    return deg <= -180 ? deg + 360 : deg;
}

double RigDial::clampToLimits(double deg) const
{
    return std::clamp(deg, m_min, m_max);
}

double RigDial::angleForPoint(QPointF pos) const
{
    double b = bearingAt(pos);
    if (b < m_min || b > m_max) {
        // Behind the rig: snap to whichever stop is nearer around the circle.
        auto gap = [](double a, double c) {
            const double d = std::fmod(std::abs(a - c), 360.0);
            return std::min(d, 360 - d);
        };
        b = gap(b, m_min) <= gap(b, m_max) ? m_min : m_max;
    }
    return clampToLimits(std::round(b));
}

void RigDial::requestTarget(double logicalDeg)
{
    const double t = clampToLimits(logicalDeg);
    if (t == m_target)
        return;
    m_target = t;
    updateAccessibleText();
    update();
    emit targetRequested(t);
}

void RigDial::setActualAngle(double logicalDeg)
{
    if (m_hasActual && logicalDeg == m_actual)
        return;
    m_actual = logicalDeg;  // not clamped: show reality, even past a limit
    m_hasActual = true;
    updateAccessibleText();
    update();
}

void RigDial::clearActualAngle()
{
    m_hasActual = false;
    updateAccessibleText();
    update();
}

void RigDial::setTargetAngle(double logicalDeg)
{
    const double t = clampToLimits(logicalDeg);
    if (t == m_target)
        return;
    m_target = t;
    updateAccessibleText();
    update();
}

void RigDial::setLimits(double minLogicalDeg, double maxLogicalDeg)
{
    if (minLogicalDeg > maxLogicalDeg)
        std::swap(minLogicalDeg, maxLogicalDeg);
    m_min = minLogicalDeg;
    m_max = maxLogicalDeg;
    m_target = clampToLimits(m_target);  // shown only; the rig client enforces its own limits
    updateAccessibleText();
    update();
}

void RigDial::updateAccessibleText()
{
    const QString actual = m_hasActual ? describeAngle(m_actual) : tr("unknown");
    setAccessibleDescription(tr("Target %1, actual %2").arg(describeAngle(m_target), actual));
    notifyRigDialValueChanged(this);
}

void RigDial::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return QWidget::mousePressEvent(event);
    m_dragging = true;
    mouseMoveEvent(event);
}

void RigDial::mouseMoveEvent(QMouseEvent *event)
{
    if (!m_dragging)
        return QWidget::mouseMoveEvent(event);
    // Near the hub the bearing jumps about with every pixel: ignore it.
    if (QLineF(dialCentre(), event->position()).length() < dialRadius() * 0.15)
        return;
    requestTarget(angleForPoint(event->position()));
}

void RigDial::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton)
        m_dragging = false;
    QWidget::mouseReleaseEvent(event);
}

void RigDial::wheelEvent(QWheelEvent *event)
{
    const QPoint d = event->angleDelta();
    m_wheelRemainder += d.y() != 0 ? d.y() : d.x();
    const int notches = m_wheelRemainder / QWheelEvent::DefaultDeltasPerStep;
    m_wheelRemainder %= QWheelEvent::DefaultDeltasPerStep;
    if (notches != 0)
        requestTarget(m_target + notches * kSmallStep);
    event->accept();
}

void RigDial::keyPressEvent(QKeyEvent *event)
{
    const bool shift = event->modifiers() & Qt::ShiftModifier;
    const double arrowStep = shift ? kLargeStep : kSmallStep;
    switch (event->key()) {
    case Qt::Key_Left: requestTarget(m_target - arrowStep); break;
    case Qt::Key_Right: requestTarget(m_target + arrowStep); break;
    case Qt::Key_PageDown: requestTarget(m_target - kLargeStep); break;
    case Qt::Key_PageUp: requestTarget(m_target + kLargeStep); break;
    case Qt::Key_Home: requestTarget(0); break;
    default: return QWidget::keyPressEvent(event);
    }
    event->accept();
}

void RigDial::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::EnabledChange) {
        m_dragging = false;
        update();
    }
    QWidget::changeEvent(event);
}

void RigDial::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const Layout l = layout();
    const QPalette &pal = palette();
    const bool on = isEnabled();
    const QColor bg = pal.color(QPalette::Window);
    const QColor fg = pal.color(QPalette::WindowText);
    const QColor accent = on ? pal.color(QPalette::Highlight) : mix(bg, fg, 0.35);
    const QColor track = mix(bg, fg, 0.18);
    const QColor tick = mix(bg, fg, 0.45);
    const double r = l.radius;
    const double tw = std::max(4.0, r * kTrackRatio);
    const QRectF arcRect(l.centre.x() - r, l.centre.y() - r, 2 * r, 2 * r);

    // Out of reach: a thin dotted line. Within the limits: the solid track.
    p.setPen(QPen(track, 1.5, Qt::DotLine, Qt::FlatCap));
    p.drawArc(arcRect, qtArcAngle(-l.halfSpan), qtArcAngle(m_min) - qtArcAngle(-l.halfSpan));
    p.drawArc(arcRect, qtArcAngle(m_max), qtArcAngle(l.halfSpan) - qtArcAngle(m_max));
    p.setPen(QPen(track, tw, Qt::SolidLine, Qt::FlatCap));
    p.drawArc(arcRect, qtArcAngle(m_max), qtArcAngle(m_min) - qtArcAngle(m_max));

    // Scale every 10 degrees inside the track, longer every 30; stops at the limits; home on top.
    p.setPen(QPen(tick, 1));
    for (int deg = int(std::ceil(m_min / 10)) * 10; deg <= m_max; deg += 10) {
        const double len = deg % 30 == 0 ? tw * 1.1 : tw * 0.6;
        p.drawLine(
            polar(l.centre, r - tw / 2 - 2, deg), polar(l.centre, r - tw / 2 - 2 - len, deg));
    }
    p.setPen(QPen(on ? fg : tick, 2, Qt::SolidLine, Qt::RoundCap));
    for (double stop : {m_min, m_max})
        p.drawLine(polar(l.centre, r - tw * 0.9, stop), polar(l.centre, r + tw * 0.9, stop));
    QPainterPath home;
    const QPointF homeTip = polar(l.centre, r + tw / 2 + 1, 0);
    home.moveTo(homeTip);
    home.lineTo(homeTip + QPointF(-4.5, -7));
    home.lineTo(homeTip + QPointF(4.5, -7));
    home.closeSubpath();
    p.fillPath(home, on ? fg : tick);

    // Limit labels inside the track, just beyond the stops: where the target can never be, so
    // no target line or ring ever covers them.
    p.setFont(captionFont(font()));
    p.setPen(on ? mix(bg, fg, 0.7) : tick);
    const QFontMetricsF cfm(p.font());
    for (bool maximum : {false, true})
        p.drawText(limitLabelRect(maximum), Qt::AlignCenter, limitLabel(maximum ? m_max : m_min));

    // Target: hollow ring on the track and a dashed line from the hub. Actual: filled needle.
    const QPointF ringAt = polar(l.centre, r, m_target);
    p.setPen(QPen(on ? fg : tick, 1.2, Qt::DashLine, Qt::FlatCap));
    p.drawLine(polar(l.centre, r * 0.16, m_target), polar(l.centre, r - tw, m_target));
    if (m_hasActual) {
        const double a = std::clamp(m_actual, -l.halfSpan, l.halfSpan);
        QPainterPath needle;
        needle.moveTo(polar(l.centre, r * 0.09, a - 90));
        needle.lineTo(polar(l.centre, r - tw * 0.2, a));
        needle.lineTo(polar(l.centre, r * 0.09, a + 90));
        needle.closeSubpath();
        p.fillPath(needle, accent);
    }
    p.setPen(Qt::NoPen);
    p.setBrush(m_hasActual ? accent : track);
    p.drawEllipse(l.centre, r * 0.11, r * 0.11);
    p.setBrush(bg);
    p.drawEllipse(l.centre, r * 0.04, r * 0.04);
    p.setPen(QPen(on ? fg : tick, 2));
    p.setBrush(bg);
    p.drawEllipse(ringAt, tw * 0.95, tw * 0.95);

    // Readouts: target bottom left, actual bottom right, each led by its needle's symbol.
    auto readout = [&](const QString &caption, const QString &value, bool right, bool filled) {
        const QFontMetricsF vfm(valueFont(font()));
        QRectF capRect(l.readouts.left(), l.readouts.top(), l.readouts.width(), cfm.height());
        const QRectF valRect(l.readouts.left(), capRect.bottom(), l.readouts.width(), vfm.height());
        const double sym = cfm.height() * 0.32;
        const double capW = cfm.horizontalAdvance(caption);
        const double symX = right ? capRect.right() - capW - sym - 4 : capRect.left() + sym;
        p.setPen(filled ? Qt::NoPen : QPen(on ? fg : tick, 1.5));
        p.setBrush(filled ? accent : bg);
        p.drawEllipse(QPointF(symX, capRect.center().y()), sym, sym);
        if (!right)
            capRect.setLeft(capRect.left() + 2 * sym + 4);
        p.setFont(captionFont(font()));
        p.setPen(on ? mix(bg, fg, 0.7) : tick);
        p.drawText(capRect, (right ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter, caption);
        p.setFont(valueFont(font()));
        p.setPen(on ? fg : tick);
        p.drawText(valRect, (right ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter, value);
    };
    readout(tr("Target"), describeAngle(m_target), false, false);
    readout(tr("Actual"), m_hasActual ? describeAngle(m_actual) : QStringLiteral("—"), true, true);

    // Our own focus frame: Fusion draws one only after Tab, but arrow keys act on the dial
    // whenever it has focus, so the user should always see where they go.
    if (hasFocus()) {
        p.setPen(QPen(pal.color(QPalette::Highlight), 1.5));
        p.setBrush(Qt::NoBrush);
        p.drawRoundedRect(QRectF(rect()).adjusted(1, 1, -1, -1), 4, 4);
    }
}

}  // namespace rudebot
