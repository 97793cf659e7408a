// A real webcam as a source of QImage frames for the station: QCamera through a
// QMediaCaptureSession into a QVideoSink (not a QVideoWidget: we encode the frames ourselves).
// Frames are thinned to the requested rate and scaled to the requested size; the camera format
// closest to them is chosen so the camera does not work harder than needed.
#pragma once
#include <QCamera>
#include <QElapsedTimer>
#include <QImage>
#include <QMediaCaptureSession>
#include <QObject>
#include <QSize>
#include <QVideoSink>
#include <memory>

namespace rudebot {

struct CameraSourceSettings {
    QString device;  // empty or "default": the system's default camera;
                     // otherwise part of a camera's description or id
    QSize resolution = {1280, 720};  // frames are scaled to fit this
    double fps = 15;  // at most this many frames per second are passed on
    // What to do without a camera, in the caller's terms (the bridge has --camera none, the
    // office view has none); ends the "No camera found" message.
    QString noCameraHint = QStringLiteral("or serve no video with --camera none.");
};

class CameraSource : public QObject {
    Q_OBJECT
public:
    explicit CameraSource(const CameraSourceSettings &settings, QObject *parent = nullptr);
    ~CameraSource() override;

    // The cameras Qt sees, "description (id)" each, for --help and error messages.
    static QStringList availableCameras();

    // Finds and starts the camera; false with a sentence in *error (none found, busy...).
    bool start(QString *error);
    void stop();

signals:
    void frameReady(const QImage &frame);
    void errorOccurred(const QString &message);  // the camera failed while running

private:
    void onFrame(const QVideoFrame &frame);

    CameraSourceSettings m_settings;
    std::unique_ptr<QCamera> m_camera;
    QMediaCaptureSession m_session;
    QVideoSink m_sink;
    QElapsedTimer m_sinceLast;
};

}  // namespace rudebot
