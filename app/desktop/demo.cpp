#include "desktop/demo.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <cmath>

#include "comms/link_factory.h"
#include "comms/rig_client.h"
#include "simrig/sim_rig_process.h"
#include "station/station.h"
#include "station/station_video.h"
#include "station/tls_identity.h"

namespace rudebot {

DemoSystem::DemoSystem(const DemoOptions &options, QObject *parent)
    : QObject(parent), m_options(options), m_sim(std::make_unique<SimRigProcess>()),
      m_camera(std::make_unique<VirtualCamera>(options.camera))
{
    connect(m_sim.get(), &SimRigProcess::ready, this,
        [this](const QString &link, const QString &) { onSimReady(link); });
    connect(m_sim.get(), &SimRigProcess::failed, this, [this](const QString &m) {
        fail(tr("The virtual rig did not start: %1. Build it with “cmake --build build” (it needs "
                "simavr), or connect to a real rig with File › Connect….").arg(m));
    });
    connect(m_sim.get(), &SimRigProcess::servoChanged, this, [this](const ServoSample &s) {
        m_servoDeg = s.angleDeg;
        m_camera->setServoAngle(s.angleDeg);  // the physically measured angle, not the command
    });
}

DemoSystem::~DemoSystem()
{
    // stop() below waits for the simulator and reads its last output: a READY read then must
    // not start a station in an object being destroyed (quitting during start-up crashed).
    m_sim->disconnect(this);
    m_camera->stop();
    if (m_rig) {
        m_rig->disconnect(this);
        m_rig->stop();
    }
    m_station.reset();  // before the rig it points at
    m_sim->stop();
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
        fail(tr("Cannot create a temporary directory for the demo: %1. Free some space in %2.")
                 .arg(m_dir.errorString(), QDir::tempPath()));
        return;
    }
    SimRigOptions o;
    o.program = simulatorProgram(m_options.simProgram);
    o.elf = m_options.firmwareElf;
    o.link = m_dir.filePath(QStringLiteral("rig"));
    o.speed = m_options.speed;
    o.resetOnOpen = true;  // like a Uno on USB: opening the port reboots the board
    m_sim->start(o);
}

void DemoSystem::onSimReady(const QString &link)
{
    QString error;
    const QString idDir = m_options.identityDir.isEmpty() ? m_dir.path() : m_options.identityDir;
    if (!QDir().mkpath(idDir))
        error = tr("cannot create %1").arg(idDir);
    QFile::setPermissions(idDir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    const auto secret = error.isEmpty()
        ? loadOrCreatePairingSecret(QDir(idDir).filePath(QStringLiteral("pairing-secret")), &error)
        : std::nullopt;
    const auto identity = secret ? loadOrCreateTlsIdentity(idDir, m_options.stationName, &error)
                                 : std::nullopt;
    if (!secret || !identity) {
        fail(tr("The demo station cannot make its identity: %1").arg(error));
        return;
    }
    m_secret = *secret;

    LinkSettings ls;
    ls.kind = LinkSettings::Kind::Serial;
    ls.path = link;
    m_link = createLink(ls);
    m_rig = std::make_unique<RigClient>(m_link.get());
    m_rig->setCalibration(calibrationFor(m_options.camera));

    StationSettings ss;
    ss.name = m_options.stationName;
    ss.listenAddress = QHostAddress::LocalHost;
    ss.port = 0;
    m_station = std::make_unique<Station>(m_rig.get(), *identity, m_secret, ss);
    if (!m_station->start(&error)) {
        fail(tr("The demo station cannot start: %1").arg(error));
        return;
    }

    MjpegServerSettings vs;
    vs.maxFpsPerViewer = std::max(1.0, m_options.camera.fps);
    m_video = std::make_unique<StationVideo>(*identity, m_secret, vs);
    if (!m_video->listen(QHostAddress::LocalHost, 0, &error)) {
        fail(tr("The demo camera cannot be served: %1").arg(error));
        return;
    }
    m_station->attachVideo(m_video.get());
    connect(m_camera.get(), &VirtualCamera::frameReady, m_video.get(), &StationVideo::setFrame);
    m_camera->start();
    m_ready = true;
    emit ready();
}

PairingInfo DemoSystem::pairing() const
{
    if (!m_station)
        return {};
    return {QStringLiteral("127.0.0.1"), m_station->port(), m_station->fingerprint(), m_secret};
}

void DemoSystem::fail(const QString &message)
{
    if (m_failed)
        return;
    m_failed = true;
    emit failed(message);
}

} // namespace rudebot
