// The station's half for media tests: the timecode camera feeding a MediaSender, every frame
// stamped (its own timecode counter in logicalDeg, so a receiver can prove each stamp is its
// frame's); optionally the rig sweeping, so the encoder has motion to spend bits on.
#pragma once
#include <QTimer>
#include <vector>

#include "media/media_sender.h"
#include "video/timecode.h"
#include "video/virtual_camera.h"

struct CameraSender {
    CameraSender(const rudebot::MediaSenderSettings &settings, double cameraFps)
        : camera(cameraSettings(settings.size, cameraFps)), sender(settings)
    {
        QObject::connect(
            &camera, &rudebot::VirtualCamera::frameReady, &sender, [this](const QImage &frame) {
                rudebot::FrameStamp stamp;
                stamp.captureMs = rudebot::monotonicMs();
                if (lastCaptureMs > 0)
                    cameraMaxGapMs = std::max(cameraMaxGapMs, stamp.captureMs - lastCaptureMs);
                lastCaptureMs = stamp.captureMs;
                if (const auto code = rudebot::readTimecode(frame)) {
                    stamp.hasAngle = true;
                    stamp.servoDeg = camera.servoAngle();
                    stamp.logicalDeg = code->frame;
                }
                sender.pushFrame(frame, stamp);
            });
        // 60..120 servo degrees and back at 20 degrees a second: the scene moves in every frame.
        sweep.setInterval(50);
        QObject::connect(&sweep, &QTimer::timeout, &camera, [this] {
            double a = camera.servoAngle() + direction;
            if (a > 120 || a < 60)
                direction = -direction, a = camera.servoAngle() + direction;
            camera.setServoAngle(a);
        });
    }
    static rudebot::VirtualCameraSettings cameraSettings(QSize size, double fps)
    {
        rudebot::VirtualCameraSettings s;
        s.resolution = size;
        s.fps = fps;
        s.timecode = true;
        return s;
    }
    rudebot::VirtualCamera camera;
    rudebot::MediaSender sender;
    QTimer sweep;
    double direction = 1.0;
    qint64 lastCaptureMs = 0;
    qint64 cameraMaxGapMs = 0;
};
