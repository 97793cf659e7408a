#include "calibration/rig_client_calibration_rig.h"

#include "comms/rig_client.h"

#include <QTimer>
#include <cmath>

namespace rudebot {

RigClientCalibrationRig::RigClientCalibrationRig(RigClient *client, QObject *parent)
    : CalibrationRig(parent), m_client(client), m_before(client->calibration())
{
    m_opened = client->state() == RigClient::State::AwaitingBoard
        || client->state() == RigClient::State::Ready;
    connect(m_client, &RigClient::stateChanged, this, [this](RigClient::State state) {
        if (state == RigClient::State::AwaitingBoard || state == RigClient::State::Ready)
            m_opened = true;
        else if (state == RigClient::State::Disconnected)
            m_opened = false;
        emit statusChanged();
    });
    connect(m_client, &RigClient::firmwareDetected, this, &CalibrationRig::statusChanged);
    connect(m_client, &RigClient::actualAngleChanged, this,
        [this](int servoDeg, double) { emit angleChanged(servoDeg); });
    connect(m_client, &RigClient::arrived, this, [this](int servoDeg) { emit arrived(servoDeg); });
    connect(m_client, &RigClient::errorOccurred, this,
        [this](RigClient::Error error, const QString &message) {
            if (error == RigClient::Error::LinkFailed && m_opened) {
                m_opened = false;
                emit statusChanged();
            }
            emit errorOccurred(message);
        });
}

RigClientCalibrationRig::~RigClientCalibrationRig()
{
    if (m_inSession)
        m_client->setCalibration(m_before);
}

QString RigClientCalibrationRig::describe() const
{
    return m_client->describeLink();
}

bool RigClientCalibrationRig::isReady() const
{
    return m_client->state() == RigClient::State::Ready;
}

bool RigClientCalibrationRig::boardConnected() const
{
    return m_opened;
}

QString RigClientCalibrationRig::statusText() const
{
    if (m_opened && !isReady())
        return tr("Connected, but no firmware we know answers");
    switch (m_client->state()) {
    case RigClient::State::Disconnected: return tr("Not connected");
    case RigClient::State::Connecting: return tr("Connecting\u2026");
    case RigClient::State::AwaitingBoard: return tr("Waiting for the board to answer\u2026");
    case RigClient::State::Ready: return tr("Connected");
    }
    return {};
}

CalibrationRig::Firmware RigClientCalibrationRig::firmware() const
{
    if (!isReady())
        return Firmware::None;
    switch (m_client->firmware()) {
    case RigClient::Firmware::Rudebot: return Firmware::Rudebot;
    case RigClient::Firmware::Seed: return Firmware::Seed;
    case RigClient::Firmware::Unknown: break;
    }
    return Firmware::None;
}

QString RigClientCalibrationRig::firmwareVersion() const
{
    return m_client->firmwareVersion();
}

bool RigClientCalibrationRig::hasServoAngle() const
{
    return m_client->hasActualAngle();
}

double RigClientCalibrationRig::servoAngle() const
{
    return m_client->actualServoDeg();
}

Calibration RigClientCalibrationRig::calibration() const
{
    return m_inSession ? m_before : m_client->calibration();
}

void RigClientCalibrationRig::beginCalibration()
{
    if (!m_inSession)
        m_before = m_client->calibration();
    m_inSession = true;
    Calibration open;
    open.hfovDeg = m_before.hfovDeg;
    m_client->setCalibration(open);
}

void RigClientCalibrationRig::endCalibration(const Calibration &calibration)
{
    m_inSession = false;
    m_client->setCalibration(calibration);
}

void RigClientCalibrationRig::jogTo(double servoDeg)
{
    const int target = int(std::lround(qBound(0.0, servoDeg, 180.0)));
    const bool already = m_client->targetServoDeg() == target && m_client->isAtTarget();
    m_client->setTargetServo(target);
    // The client reports arrival once per target; a jog to where the rig stands still must
    // be answered too, after the caller has returned (as a real arrival would be).
    if (already)
        QTimer::singleShot(0, this, [this, target] {
            if (m_client->targetServoDeg() == target && m_client->isAtTarget())
                emit arrived(m_client->effectiveTargetServoDeg());
        });
}

bool RigClientCalibrationRig::canSetSpeed() const
{
    return firmware() == Firmware::Rudebot;
}

void RigClientCalibrationRig::setMsPerDegree(int msPerDegree)
{
    if (!canSetSpeed())
        return;
    const int ms = qBound(1, msPerDegree, 99);
    m_client->sendLine(QByteArrayLiteral("S") + QByteArray::number(ms));
}

}  // namespace rudebot
