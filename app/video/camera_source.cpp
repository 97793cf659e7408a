#include "video/camera_source.h"

#include <QCameraDevice>
#include <QMediaDevices>
#include <QVideoFrame>

namespace rudebot {

CameraSource::CameraSource(const CameraSourceSettings &settings, QObject *parent)
    : QObject(parent), m_settings(settings)
{
    m_session.setVideoSink(&m_sink);
    connect(&m_sink, &QVideoSink::videoFrameChanged, this, &CameraSource::onFrame);
}

CameraSource::~CameraSource()
{
    stop();
}

QStringList CameraSource::availableCameras()
{
    QStringList out;
    for (const QCameraDevice &d : QMediaDevices::videoInputs())
        out << QStringLiteral("%1 (%2)").arg(d.description(), QString::fromUtf8(d.id()));
    return out;
}

bool CameraSource::start(QString *error)
{
    const QList<QCameraDevice> devices = QMediaDevices::videoInputs();
    if (devices.isEmpty()) {
        *error = tr("No camera found. Plug in a webcam (and check that this user may use "
                    "/dev/video*: the 'video' group), %1")
                     .arg(m_settings.noCameraHint);
        return false;
    }
    QCameraDevice chosen = QMediaDevices::defaultVideoInput();
    const QString want = m_settings.device;
    if (!want.isEmpty() && want != QLatin1String("default")) {
        chosen = {};
        for (const QCameraDevice &d : devices)
            if (d.description().contains(want, Qt::CaseInsensitive)
                || QString::fromUtf8(d.id()) == want)
                chosen = d;
        if (chosen.isNull()) {
            *error = tr("No camera matches '%1'. Cameras here: %2.")
                         .arg(want, availableCameras().join(", "));
            return false;
        }
    }
    // The smallest format that still covers the wanted size and rate: less USB bandwidth and
    // less decoding than the camera's largest.
    QCameraFormat best;
    for (const QCameraFormat &f : chosen.videoFormats()) {
        const bool covers = f.resolution().width() >= m_settings.resolution.width()
            && f.maxFrameRate() >= m_settings.fps - 0.5;
        const bool bestCovers = !best.isNull()
            && best.resolution().width() >= m_settings.resolution.width()
            && best.maxFrameRate() >= m_settings.fps - 0.5;
        if (best.isNull()
            || (covers && (!bestCovers || f.resolution().width() < best.resolution().width()))
            || (!covers && !bestCovers && f.resolution().width() > best.resolution().width()))
            best = f;
    }
    m_camera = std::make_unique<QCamera>(chosen);
    if (!best.isNull())
        m_camera->setCameraFormat(best);
    connect(
        m_camera.get(), &QCamera::errorOccurred, this, [this](QCamera::Error, const QString &text) {
            emit errorOccurred(tr("The camera failed: %1. Check its cable; the station keeps "
                                  "serving the rig without video.")
                                   .arg(text));
        });
    m_session.setCamera(m_camera.get());
    m_camera->start();
    return true;
}

void CameraSource::stop()
{
    if (m_camera)
        m_camera->stop();
    m_session.setCamera(nullptr);
    m_camera.reset();
}

void CameraSource::onFrame(const QVideoFrame &frame)
{
    const qint64 minGapMs = m_settings.fps > 0 ? qint64(1000 / m_settings.fps) - 2 : 0;
    if (m_sinceLast.isValid() && m_sinceLast.elapsed() < minGapMs)
        return;  // thinned here so JPEG encoding runs only for frames someone will get
    m_sinceLast.start();
    QImage image = frame.toImage();
    if (image.isNull())
        return;
    if (image.size() != m_settings.resolution)
        image = image.scaled(m_settings.resolution, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    emit frameReady(image);
}

}  // namespace rudebot
