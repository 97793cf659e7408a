#include "calibration/jog_panel.h"

#include <QLabel>
#include <QVBoxLayout>
#include <cmath>

#include "ui/rig_dial.h"

namespace rudebot {

JogPanel::JogPanel(QWidget *parent)
    : QWidget(parent), m_dial(new RigDial(this)), m_readout(new QLabel(this))
{
    m_dial->setObjectName(QStringLiteral("jogDial"));
    m_dial->setFocusPolicy(Qt::StrongFocus);
    m_readout->setObjectName(QStringLiteral("jogReadout"));
    m_readout->setAlignment(Qt::AlignCenter);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_dial);
    layout->addWidget(m_readout);
    connect(m_dial, &RigDial::targetRequested, this, [this](double logical) {
        updateReadout();
        emit jogRequested(toServo(logical));
    });
    updateReadout();
}

double JogPanel::targetServo() const
{
    return toServo(m_dial->targetAngle());
}

void JogPanel::setMapping(const Calibration &mapping)
{
    m_map = mapping;
}

void JogPanel::setServoLimits(double lowServo, double highServo)
{
    double a = toLogical(lowServo);
    double b = toLogical(highServo);
    m_dial->setLimits(qMin(a, b), qMax(a, b));
}

void JogPanel::setTargetServo(double servoDeg)
{
    m_dial->setTargetAngle(toLogical(std::round(servoDeg)));
    updateReadout();
}

void JogPanel::setActualServo(double servoDeg)
{
    m_actualServo = servoDeg;
    m_dial->setActualAngle(toLogical(servoDeg));
    updateReadout();
}

double JogPanel::toLogical(double servoDeg) const
{
    return logicalFromServo(m_map, servoDeg);
}

double JogPanel::toServo(double logicalDeg) const
{
    // Not servoFromLogical(): that clamps to soft limits, and the wizard is finding them.
    return servoFromLogicalUnlimited(m_map, logicalDeg);
}

void JogPanel::updateReadout()
{
    const QString target = tr("Servo %1\u00b0").arg(targetServo(), 0, 'f', 0);
    if (m_actualServo < 0 || std::abs(m_actualServo - targetServo()) < 0.5)
        m_readout->setText(target);
    else
        m_readout->setText(
            tr("%1 \u2014 turning, now at %2\u00b0").arg(target).arg(m_actualServo, 0, 'f', 0));
}

}  // namespace rudebot
