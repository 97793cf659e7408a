#include "desktop/remote_side_panel.h"

#include <QGroupBox>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSlider>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "ui/presets_panel.h"
#include "ui/rig_dial.h"

namespace rudebot {

namespace {
// The firmware's slowest step is 99 ms per degree: about 10 degrees per second.
constexpr int kSlowestDegPerS = 11;

int msPerDegFor(int degPerS)
{
    return std::clamp(int(std::lround(1000.0 / std::max(1, degPerS))), 1, 99);
}

int degPerSFor(int msPerDeg)
{
    return int(std::lround(1000.0 / std::max(1, msPerDeg)));
}
}  // namespace

RemoteSidePanel::RemoteSidePanel(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("sidePanel"));
    auto *side = new QVBoxLayout(this);
    side->setContentsMargins(10, 8, 10, 8);
    side->setSpacing(10);

    auto *direction = new QGroupBox(tr("Direction"), this);
    auto *dirLayout = new QVBoxLayout(direction);
    m_dial = new RigDial(direction);
    m_stop = new QPushButton(tr("Stop"), direction);
    m_stop->setToolTip(tr("Stop turning where the rig is now (Esc)"));
    m_ask = new QPushButton(tr("Ask for control"), direction);
    m_ask->setObjectName(QStringLiteral("askForControl"));
    m_ask->setToolTip(tr("Ask the office to let you turn the rig"));
    m_ask->hide();
    dirLayout->addWidget(m_dial);
    dirLayout->addWidget(m_stop);
    dirLayout->addWidget(m_ask);
    // Slower turning keeps a low-frame-rate picture readable; the station caps it at the
    // rig's calibrated speed.
    m_speedRow = new QWidget(direction);
    auto *speedLayout = new QHBoxLayout(m_speedRow);
    speedLayout->setContentsMargins(0, 0, 0, 0);
    auto *speedLabel = new QLabel(tr("Speed"), m_speedRow);
    m_speed = new QSlider(Qt::Horizontal, m_speedRow);
    m_speed->setObjectName(QStringLiteral("turningSpeed"));
    m_speed->setAccessibleName(tr("Turning speed"));
    m_speedValue = new QLabel(m_speedRow);
    m_speedValue->setMinimumWidth(m_speedValue->fontMetrics().horizontalAdvance(QStringLiteral("100°/s")));
    speedLabel->setBuddy(m_speed);
    speedLayout->addWidget(speedLabel);
    speedLayout->addWidget(m_speed, 1);
    speedLayout->addWidget(m_speedValue);
    dirLayout->addWidget(m_speedRow);
    m_speedRow->hide();
    connect(m_speed, &QSlider::valueChanged, this, [this](int degPerS) {
        m_speedValue->setText(tr("%1°/s").arg(degPerS));
        emit speedChosen(degPerS >= m_speed->maximum() ? 0 : msPerDegFor(degPerS));
    });
    side->addWidget(direction);

    auto *presetsBox = new QGroupBox(tr("Presets"), this);
    auto *presetsLayout = new QVBoxLayout(presetsBox);
    m_presets = new PresetsPanel(presetsBox);
    presetsLayout->addWidget(m_presets);
    side->addWidget(presetsBox);

    side->addStretch(1);
    setFixedWidth(kWidth);
}

void RemoteSidePanel::setAskForControl(bool available, bool asked)
{
    m_ask->setVisible(available || asked);
    m_ask->setEnabled(available && !asked);
    m_ask->setText(asked ? tr("Asked: waiting for the office…") : tr("Ask for control"));
}

void RemoteSidePanel::setSpeedChoice(int fastestMsPerDeg, int chosenMsPerDeg)
{
    m_speedRow->setVisible(fastestMsPerDeg > 0);
    if (fastestMsPerDeg <= 0)
        return;
    const int fastest = degPerSFor(fastestMsPerDeg);
    const int chosen = chosenMsPerDeg <= 0 ? fastest : std::min(fastest, degPerSFor(chosenMsPerDeg));
    const QSignalBlocker quiet(m_speed);  // told, not chosen: no speedChosen()
    m_speed->setRange(kSlowestDegPerS, std::max(fastest, kSlowestDegPerS + 1));
    m_speed->setPageStep(std::max(1, (fastest - kSlowestDegPerS) / 4));
    m_speed->setValue(chosen);
    m_speedValue->setText(tr("%1°/s").arg(m_speed->value()));
    m_speed->setToolTip(tr("How fast the rig turns when you move it: this rig allows up to %1° "
                           "per second").arg(fastest));
    m_speed->setAccessibleDescription(m_speed->toolTip());
}

}  // namespace rudebot
