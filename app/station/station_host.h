// The office station assembled in one place: its identity (TLS certificate and pairing secret
// in a private directory), the rig (the Arduino on a serial port or bridge, or the virtual rig:
// rudebot-sim running the real firmware), the RigClient on it, the Station serving it, and the
// camera with its MJPEG stream (StationVideo). rudebot-bridge, the office view (rudebot
// --office) and the demo each fill a StationHostSettings and add only what they show.
//
// Extending it (e.g. another way to send the picture): take the frames from frameReady(), the
// identity from identity(), and start it in serve() next to the MJPEG stream.
#pragma once
#include <QElapsedTimer>
#include <QHostAddress>
#include <QImage>
#include <QObject>
#include <QTemporaryDir>
#include <memory>
#include <optional>

#include "comms/link_settings.h"
#include "core/calibration.h"
#include "simrig/sim_rig_process.h"
#include "station/pairing.h"
#include "station/station.h"
#include "station/tls_identity.h"
#include "video/camera_source.h"
#include "video/mjpeg_server.h"
#include "video/virtual_camera.h"

namespace rudebot {

class Keyring;
class Link;
class StationVideo;

struct StationIdentity {
    TlsIdentity tls;
    QByteArray secret;  // the shared pairing secret
    QString dir;  // where the files are (station_data.h: a private subdirectory of a shared folder)
    bool created = false;  // made on this start: the only time the link is printed unasked
    QString note;  // why dir is not the directory asked for; empty if it is
};

// Opens (station_data.h: checked, never chmodded, atomic) or makes on first use the pairing
// secret and the TLS identity in dataDir. std::nullopt with a sentence in *error (e.g. a
// secret others can read, a full disk).
std::optional<StationIdentity> loadStationIdentity(
    const QString &dataDir, const QString &certificateName, QString *error);

struct StationHostSettings {
    QString dataDir;  // the identity and pairing secret (see loadStationIdentity)
    QString certificateName;  // empty: station.name
    QString advertisedHost;  // the host name put in the pairing link

    // The rig: link, or with virtualRig the simulator (sim.link empty: a private temporary path;
    // sim.program must be set). Calibration maps logical to servo degrees (core/calibration.h).
    LinkSettings link;
    bool virtualRig = false;
    SimRigOptions sim;
    Calibration calibration;
    // Someone checked that calibration.inverted matches this rig (rudebot-bridge --inverted or
    // --direction-checked; the office view's saved calibration). A virtual rig always knows.
    bool directionChecked = false;
    int msPerDeg = 0;  // the rig's speed, milliseconds per degree; 0 = the firmware's default

    StationSettings station;

    // The picture. None: no video. Webcam: a CameraSource (webcam settings); with
    // webcamOptional a missing camera means serving without video (cameraProblem() says why)
    // instead of failing. Virtual: the drawn office, turned by where the servo points (measured
    // from the pulse on the virtual rig, else the angle the firmware reports). External: the
    // caller passes frames to setFrame().
    enum class Camera {
        None,
        Webcam,
        Virtual,
        External
    };
    Camera camera = Camera::None;
    CameraSourceSettings webcam;
    bool webcamOptional = false;
    VirtualCameraSettings virtualCamera;
    QHostAddress videoAddress = QHostAddress::Any;
    quint16 videoPort = 47801;  // MJPEG over HTTPS; 0 = any free port
    MjpegServerSettings mjpeg;
    bool videoRequired =
        true;  // false: a port that cannot be bound is videoProblem(), not a failure
};

class StationHost : public QObject {
    Q_OBJECT
public:
    enum class Failure {
        None,
        Identity,
        VirtualRig,
        Listen,
        Video,
        Camera
    };
    Q_ENUM(Failure)

    explicit StationHost(const StationHostSettings &settings, QObject *parent = nullptr);
    ~StationHost() override;

    // Loads the identity and serves. Without a virtual rig it serves on return (ready() has
    // been emitted) or returns false with *error and failure(). With one, it returns once the
    // simulator is starting; ready() or failed() follows.
    bool start(QString *error);
    bool isReady() const { return m_ready; }
    // As given, with what the host filled in (the virtual rig's link, the certificate's name).
    const StationHostSettings &settings() const { return m_settings; }
    Failure failure() const { return m_failure; }

    // Valid from construction: connect to their signals before start().
    RigClient *rig() const { return m_rig.get(); }
    Link *link() const { return m_link.get(); }
    SimRigProcess *simulator() const { return m_sim.get(); }  // null without a virtual rig
    // Valid once ready.
    Station *station() const { return m_station.get(); }
    StationVideo *video() const { return m_video.get(); }  // null when serving no video
    VirtualCamera *virtualCamera() const { return m_virtualCamera.get(); }  // Camera::Virtual
    const StationIdentity &identity() const { return *m_identity; }
    // Who may connect (keyring.h): the office view's model for links per person. Valid once
    // start() has loaded the identity.
    Keyring *keyring() const { return m_keyring.get(); }
    PairingInfo pairing() const;  // the advertised host, the bound port, fingerprint and secret
    QString cameraProblem() const { return m_cameraProblem; }  // why there is no webcam picture
    QString videoProblem() const { return m_videoProblem; }  // why there is no stream

public slots:
    void setFrame(const QImage &frame);  // Camera::External: a picture for the stream

signals:
    void ready();
    void failed(rudebot::StationHost::Failure failure, const QString &message);
    // Every picture served, whatever the camera; while the video is paused for privacy
    // (Station::videoPaused) the privacy card instead, once a second, never a camera frame.
    void frameReady(const QImage &frame);
    void cameraError(const QString &message);  // the webcam failed while running

private:
    bool serve(QString *error);
    bool startCamera(QString *error);
    bool startVideo(QString *error);
    bool fail(Failure failure, const QString &message, QString *error);

    StationHostSettings m_settings;
    std::optional<StationIdentity> m_identity;
    std::unique_ptr<Keyring> m_keyring;  // outlives the station and the video, which use it
    std::unique_ptr<QTemporaryDir> m_simDir;
    std::unique_ptr<SimRigProcess> m_sim;
    std::unique_ptr<Link> m_link;
    std::unique_ptr<RigClient> m_rig;
    std::unique_ptr<Station> m_station;
    std::unique_ptr<StationVideo> m_video;
    std::unique_ptr<CameraSource> m_webcam;
    std::unique_ptr<VirtualCamera> m_virtualCamera;
    QString m_cameraProblem;
    QString m_videoProblem;
    QElapsedTimer m_lastCard;  // privacy: when frameReady() last carried the card
    Failure m_failure = Failure::None;
    bool m_ready = false;
};

}  // namespace rudebot
