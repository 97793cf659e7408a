// The demo, the whole system on one machine with no hardware: a StationHost on the virtual rig
// (rudebot-sim running the real firmware at real time behind a pty), the office Station on
// 127.0.0.1 with its identity and pairing secret (DemoOptions::identityDir), the virtual camera
// turned by the servo angle the simulator measures from the pulse on pin 9, and its picture
// served as MJPEG over HTTPS. A remote then connects with pairing() exactly as it would to a
// real office.
//
// Calibration: the virtual camera turns left as the servo angle grows (yawPerServoDeg = -1, as
// a standard hobby servo does), so the rig is calibrated inverted; logical degrees then equal the
// camera's world yaw, and "right" on screen is right on the dial.
#pragma once
#include <QObject>
#include <QTemporaryDir>
#include <memory>

#include "core/calibration.h"
#include "station/pairing.h"
#include "station/station_host.h"
#include "video/virtual_camera.h"

namespace rudebot {

class RigClient;
class SimRigProcess;
class Station;
class StationVideo;

struct DemoOptions {
    QString simProgram;  // empty: next to this executable, on PATH, or the build tree's
    QString firmwareElf;  // empty: the simulator's default (our firmware)
    double speed = 1;  // rudebot-sim --speed: 1 = real time
    VirtualCameraSettings camera;
    QString stationName = QStringLiteral("Demo office");
    // Where the demo station keeps its TLS identity and pairing secret. The app passes a fixed
    // directory under its data location, so the fingerprint (and with it the presets, which
    // are kept per station) is the same every run instead of piling up in rudebot.conf.
    // Empty: the demo's temporary directory (a fresh identity, for tests).
    QString identityDir;
};

class DemoSystem : public QObject {
    Q_OBJECT
public:
    QString dataDir() const { return m_dir.path(); }  // temporary, removed with the demo
    explicit DemoSystem(const DemoOptions &options = {}, QObject *parent = nullptr);
    ~DemoSystem() override;

    void start();  // ready() or failed() follows
    bool isReady() const { return m_ready; }

    static Calibration calibrationFor(const VirtualCameraSettings &camera);
    static QString simulatorProgram(const QString &preferred);

    PairingInfo pairing() const;  // valid once ready
    StationHost *host() const { return m_host.get(); }
    Station *station() const { return m_host->station(); }
    RigClient *rig() const { return m_host->rig(); }
    VirtualCamera *camera() const { return m_host->virtualCamera(); }
    SimRigProcess *simulator() const { return m_host->simulator(); }
    StationVideo *video() const { return m_host->video(); }
    double measuredServoDeg() const { return m_servoDeg; }  // from the pulse; 90 before any

signals:
    void ready();
    void failed(const QString &message);  // what happened and what to do

private:
    void fail(StationHost::Failure failure, const QString &message);

    DemoOptions m_options;
    QTemporaryDir m_dir;
    std::unique_ptr<StationHost> m_host;
    bool m_ready = false;
    bool m_failed = false;
    double m_servoDeg = 90;
};

}  // namespace rudebot
