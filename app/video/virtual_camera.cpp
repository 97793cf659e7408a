#include "video/virtual_camera.h"

#include "video/timecode.h"

#include <QDateTime>
#include <QFont>
#include <QFontMetricsF>
#include <QPainter>
#include <algorithm>
#include <cmath>

namespace rudebot {

VirtualCamera::VirtualCamera(
    const VirtualCameraSettings &settings, OfficeScene scene, QObject *parent)
    : QObject(parent), m_settings(settings), m_scene(std::move(scene))
{
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(std::max(1, int(std::lround(1000.0 / std::max(0.1, m_settings.fps)))));
    connect(&m_timer, &QTimer::timeout, this, &VirtualCamera::emitFrame);
}

double VirtualCamera::yawForServo(const VirtualCameraSettings &settings, double servoDeg)
{
    return settings.mountOffsetDeg + settings.yawPerServoDeg * (servoDeg - 90.0);
}

void VirtualCamera::setServoAngle(double servoDeg)
{
    m_servoDeg = servoDeg;
}

void VirtualCamera::start()
{
    if (m_timer.isActive())
        return;
    m_timer.start();
    QTimer::singleShot(0, this, [this] {
        if (m_timer.isActive())
            emitFrame();
    });
}

void VirtualCamera::stop()
{
    m_timer.stop();
}

QImage VirtualCamera::grabFrame() const
{
    // The rig stands still most of the time: draw the scene only when the view has turned.
    if (m_sceneCache.isNull() || m_cachedYawDeg != yawDeg()) {
        m_sceneCache = QImage(m_settings.resolution, QImage::Format_RGB32);
        QPainter scenePainter(&m_sceneCache);
        m_scene.render(scenePainter, m_sceneCache.size(), yawDeg(), m_settings.hfovDeg);
        m_cachedYawDeg = yawDeg();
    }
    QImage image = m_sceneCache;  // detaches below, when the overlay is painted
    QPainter p(&image);

    // Bottom-left corner, away from the centre where people are placed and measured.
    const QString text =
        QStringLiteral("virtual camera  %1  servo %2\u00b0")
            .arg(QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss.zzz")))
            .arg(m_servoDeg, 0, 'f', 1);
    QFont font(QStringLiteral("DejaVu Sans Mono"));
    font.setPixelSize(std::max(9, image.height() / 45));
    p.setFont(font);
    const QFontMetricsF fm(font);
    const QRectF box(
        8, image.height() - fm.height() - 16, fm.horizontalAdvance(text) + 16, fm.height() + 8);
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(0, 0, 0, 140));
    p.drawRoundedRect(box, 4, 4);
    p.setPen(QColor(255, 255, 255));
    p.drawText(box, Qt::AlignCenter, text);
    if (m_settings.timecode) {
        // Here, in the one copy of the frame that is made anyway: stamping a copy of the
        // finished frame doubled the camera's memory traffic and at times halved its rate.
        p.end();
        paintTimecode(image, Timecode{quint32(monotonicMs()), m_timecodeFrame++});
    }
    return image;
}

void VirtualCamera::emitFrame()
{
    emit frameReady(grabFrame());
}

}  // namespace rudebot
