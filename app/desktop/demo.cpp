#include "desktop/demo.h"

#include <QDir>
#include <QFileInfo>
#include <cmath>

#include "comms/rig_client.h"
#include "simrig/sim_rig_process.h"
#include "station/station.h"

namespace rudebot {

namespace {
StationHostSettings hostSettings(const DemoOptions &options, const QTemporaryDir &dir)
{
    StationHostSettings h;
    h.dataDir = options.identityDir.isEmpty() ? dir.path() : options.identityDir;
    h.advertisedHost = QStringLiteral("127.0.0.1");
    h.virtualRig = true;
    h.sim.program = DemoSystem::simulatorProgram(options.simProgram);
    h.sim.elf = options.firmwareElf;
    h.sim.link = dir.filePath(QStringLiteral("rig"));
    h.sim.speed = options.speed;
    h.sim.resetOnOpen = true;  // like a Uno on USB: opening the port reboots the board
    h.calibration = DemoSystem::calibrationFor(options.camera);
    h.station.name = options.stationName;
    h.station.listenAddress = QHostAddress::LocalHost;
    h.station.port = 0;
    h.camera = StationHostSettings::Camera::Virtual;
    h.virtualCamera = options.camera;
    h.videoAddress = QHostAddress::LocalHost;
    h.videoPort = 0;
    h.mjpeg.maxFpsPerViewer = std::max(1.0, options.camera.fps);
    return h;
}
}  // namespace

DemoSystem::DemoSystem(const DemoOptions &options, QObject *parent)
    : QObject(parent), m_options(options),
      m_host(std::make_unique<StationHost>(hostSettings(options, m_dir)))
{
    connect(m_host.get(), &StationHost::ready, this, [this] {
        m_ready = true;
        emit ready();
    });
    connect(m_host.get(), &StationHost::failed, this, &DemoSystem::fail);
    connect(m_host->simulator(), &SimRigProcess::servoChanged, this,
        [this](const ServoSample &s) { m_servoDeg = s.angleDeg; });
}

DemoSystem::~DemoSystem()
{
    // The host stops the simulator and reads its last output: nothing of it may reach this
    // object while it is destroyed (quitting during start-up crashed).
    m_host->disconnect(this);
    m_host->simulator()->disconnect(this);
    m_host->rig()->disconnect(this);
    m_host.reset();
}

Calibration DemoSystem::calibrationFor(const VirtualCameraSettings &camera)
{
    Calibration c;
    c.homeServoDeg = 90 - camera.mountOffsetDeg / std::abs(camera.yawPerServoDeg);
    c.inverted = camera.yawPerServoDeg < 0;
    c.minLogicalDeg = -80;
    c.maxLogicalDeg = 80;
    c.hfovDeg = camera.hfovDeg;
    return c;
}

QString DemoSystem::simulatorProgram(const QString &preferred)
{
    if (!preferred.isEmpty())
        return preferred;
    const QString found = SimRigProcess::defaultProgram();
    if (QFileInfo(found).isExecutable())
        return found;
#ifdef RUDEBOT_SIM_FALLBACK
    if (QFileInfo(QStringLiteral(RUDEBOT_SIM_FALLBACK)).isExecutable())
        return QStringLiteral(RUDEBOT_SIM_FALLBACK);
#endif
    return found;
}

void DemoSystem::start()
{
    if (!m_dir.isValid()) {
        fail(StationHost::Failure::None,
            tr("Cannot create a temporary directory for the demo: %1. "
               "Free some space in %2.")
                .arg(m_dir.errorString(), QDir::tempPath()));
        return;
    }
    QString error;
    if (!m_host->start(&error))
        fail(m_host->failure(), error);
}

PairingInfo DemoSystem::pairing() const
{
    return m_host->pairing();
}

void DemoSystem::fail(StationHost::Failure failure, const QString &message)
{
    if (m_failed)
        return;
    m_failed = true;
    switch (failure) {
    case StationHost::Failure::VirtualRig:
        emit failed(tr("The virtual rig did not start: %1. Build it with “cmake --build build” (it "
                       "needs simavr), or connect to a real rig with File › Connect.")
                        .arg(message));
        return;
    case StationHost::Failure::Identity:
        emit failed(tr("The demo station cannot make its identity: %1").arg(message));
        return;
    case StationHost::Failure::Listen:
        emit failed(tr("The demo station cannot start: %1").arg(message));
        return;
    case StationHost::Failure::Video:
    case StationHost::Failure::Camera:
        emit failed(tr("The demo camera cannot be served: %1").arg(message));
        return;
    case StationHost::Failure::None: break;
    }
    emit failed(message);
}

}  // namespace rudebot
