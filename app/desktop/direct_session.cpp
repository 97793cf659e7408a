#include "desktop/direct_session.h"

#include "comms/link_factory.h"
#include "comms/rig_id.h"
#include "core/round_trip.h"

namespace rudebot {

DirectSession::DirectSession(const LinkSettings &link, const Calibration &calibration,
    const VideoSpec &video, QObject *parent)
    : RigSession(parent), m_settings(link), m_video(video), m_link(createLink(link)),
      m_rig(std::make_unique<RigClient>(m_link.get()))
{
    m_rig->setCalibration(calibration);
    connect(m_rig.get(), &RigClient::stateChanged, this, &DirectSession::update);
    connect(m_rig.get(), &RigClient::firmwareDetected, this, &DirectSession::update);
    connect(m_rig.get(), &RigClient::actualAngleChanged, this, &DirectSession::update);
    connect(m_rig.get(), &RigClient::targetChanged, this, &DirectSession::update);
    connect(m_rig.get(), &RigClient::arrived, this, &DirectSession::update);
    connect(m_rig.get(), &RigClient::errorOccurred, this,
        [this](RigClient::Error, const QString &message) { emit errorOccurred(message); });
    connect(m_rig.get(), &RigClient::lineReplied, this, [this](const QByteArray &line) {
        if (line == "?" && m_pingClock.isValid()) {
            m_rttMs = int(m_pingClock.elapsed());
            m_pingClock.invalidate();
            update();
        }
    });
    m_pingTimer.setInterval(kPingIntervalMs);
    connect(&m_pingTimer, &QTimer::timeout, this, &DirectSession::ping);
    update();
}

DirectSession::~DirectSession()
{
    m_rig->disconnect(this);
    m_rig->stop();
}

QString DirectSession::rigId() const
{
    return rigIdForLink(m_settings);
}

QString DirectSession::describe() const
{
    if (m_settings.kind == LinkSettings::Kind::Tcp)
        return tr("Bridge at %1:%2").arg(m_settings.host).arg(m_settings.port);
    return tr("Serial port %1").arg(m_settings.path);
}

void DirectSession::start()
{
    m_rig->start();
    m_pingTimer.start();
}

void DirectSession::stop()
{
    m_pingTimer.stop();
    m_rig->stop();
}

void DirectSession::setTargetLogical(double logicalDeg)
{
    m_rig->setTargetLogical(logicalDeg);
}

void DirectSession::stopMotion()
{
    if (m_rig->hasActualAngle())
        m_rig->setTargetServo(m_rig->actualServoDeg());
}

void DirectSession::ping()
{
    // Only a quiet rig: "?" queues behind moves, and the 2011 firmware blocks while it sweeps.
    if (m_rig->state() != RigClient::State::Ready || m_rig->isBusy() || m_rig->isMoving())
        return;
    if (m_pingClock.isValid() && m_pingClock.elapsed() < 4 * kPingIntervalMs)
        return;  // still waiting for the last answer (a lost one is given up after a while)
    m_pingClock.start();
    m_rig->sendLine("?");
}

void DirectSession::update()
{
    SessionSnapshot s;
    switch (m_rig->state()) {
    case RigClient::State::Disconnected:
        s.status = SessionSnapshot::Status::Disconnected;
        s.statusText = tr("Disconnected");
        break;
    case RigClient::State::Connecting:
        s.status = SessionSnapshot::Status::Connecting;
        s.statusText = tr("Opening %1…").arg(m_rig->describeLink());
        break;
    case RigClient::State::AwaitingBoard:
        s.status = SessionSnapshot::Status::Connecting;
        s.statusText = tr("Waiting for the board to answer…");
        break;
    case RigClient::State::Ready:
        s.status = SessionSnapshot::Status::Connected;
        s.statusText = tr("Connected");
        break;
    }
    const bool ready = m_rig->state() == RigClient::State::Ready;
    s.calibration = m_rig->calibration();
    // A direct connection runs on the app's default calibration: nobody checked the direction.
    s.directionUnchecked = ready;
    s.hasActual = ready && m_rig->hasActualAngle();
    s.actualLogical = m_rig->actualLogicalDeg();
    s.hasTarget = m_rig->hasTarget();
    s.targetLogical = m_rig->targetLogicalDeg();
    s.moving = m_rig->isMoving();
    s.parkLogical = 0;
    switch (m_rig->firmware()) {
    case RigClient::Firmware::Rudebot:
        s.firmware = tr("Rudebot firmware %1").arg(m_rig->firmwareVersion()).trimmed();
        break;
    case RigClient::Firmware::Seed: s.firmware = tr("2011 firmware (no position reports)"); break;
    case RigClient::Firmware::Unknown: break;
    }
    if (!ready) {
        m_rttMs = -1;
        m_pingClock.invalidate();
    }
    s.rttMs = m_rttMs;
    s.video = m_video;
    publish(s);
}

}  // namespace rudebot
