#include "support/virtual_rig.h"

#include "support/spin_until.h"

VirtualRig::VirtualRig(QObject *parent) : QObject(parent)
{
    connect(&m_proc, &rudebot::SimRigProcess::servoChanged, this, [this](const ServoSample &s) {
        m_samples.append(s);
        emit servoChanged(s);
    });
    connect(&m_proc, &rudebot::SimRigProcess::resetSeen, this, [this](double ms) {
        ++m_resets;
        emit resetSeen(ms);
    });
    connect(
        &m_proc, &rudebot::SimRigProcess::failed, this, [this](const QString &m) { m_error = m; });
    connect(&m_proc, &rudebot::SimRigProcess::finished, this, &VirtualRig::finished);
}

VirtualRig::~VirtualRig()
{
    stop();
}

QString VirtualRig::simulatorPath()
{
    return QStringLiteral(RUDEBOT_SIM_PATH);
}

QString VirtualRig::firmwarePath(const QString &name)
{
    return QStringLiteral(RUDEBOT_FIRMWARE_DIR "/%1.elf").arg(name);
}

bool VirtualRig::start(const Options &options, int timeoutMs)
{
    m_options = options;
    m_link = options.link.isEmpty() ? m_dir.filePath(QStringLiteral("rig")) : options.link;
    return restart(timeoutMs);
}

bool VirtualRig::restart(int timeoutMs)
{
    m_error.clear();
    rudebot::SimRigOptions o;
    o.program = simulatorPath();
    o.elf = m_options.elf;
    o.link = m_link;
    o.speed = m_options.speed;
    o.resetOnOpen = m_options.resetOnOpen;
    o.extraArgs = m_options.extraArgs;
    m_proc.start(o);
    if (!spinUntil([this] { return m_proc.isReady() || !m_error.isEmpty(); }, timeoutMs)
        || !m_proc.isReady()) {
        if (m_error.isEmpty())
            m_error = QStringLiteral("rudebot-sim did not become ready");
        return false;
    }
    return true;
}

void VirtualRig::kill()
{
    m_proc.kill();
}

void VirtualRig::stop()
{
    m_proc.stop();
}

bool VirtualRig::waitForAngle(double degrees, double toleranceDeg, int timeoutMs)
{
    return spinUntil(
        [&] { return hasServo() && qAbs(servo().angleDeg - degrees) <= toleranceDeg; }, timeoutMs);
}

bool VirtualRig::waitForResets(int count, int timeoutMs)
{
    return spinUntil([&] { return m_resets >= count; }, timeoutMs);
}
