#include "desktop/remote_side_panel.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include "ui/presets_panel.h"
#include "ui/rig_dial.h"

namespace rudebot {

namespace {
QLabel *valueLabel(QWidget *parent)
{
    auto *l = new QLabel(QStringLiteral("–"), parent);
    l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    l->setWordWrap(true);
    return l;
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
    side->addWidget(direction);

    auto *presetsBox = new QGroupBox(tr("Presets"), this);
    auto *presetsLayout = new QVBoxLayout(presetsBox);
    m_presets = new PresetsPanel(presetsBox);
    presetsLayout->addWidget(m_presets);
    side->addWidget(presetsBox);

    auto *connBox = new QGroupBox(tr("Connection"), this);
    auto *form = new QFormLayout(connBox);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_stateLabel = valueLabel(connBox);
    m_rttLabel = valueLabel(connBox);
    m_firmwareLabel = valueLabel(connBox);
    m_rigLabel = valueLabel(connBox);
    form->addRow(tr("State"), m_stateLabel);
    form->addRow(tr("Round trip"), m_rttLabel);
    form->addRow(tr("Firmware"), m_firmwareLabel);
    form->addRow(tr("Rig"), m_rigLabel);
    m_uncheckedLabel = valueLabel(connBox);
    m_uncheckedLabel->setObjectName(QStringLiteral("directionUnchecked"));
    m_uncheckedLabel->setText(tr("not checked: it may turn the other way than the dial says"));
    m_uncheckedLabel->setAccessibleName(tr("Turning direction"));
    form->addRow(tr("Turning"), m_uncheckedLabel);
    form->setRowVisible(m_uncheckedLabel, false);
    m_form = form;
    side->addWidget(connBox);
    side->addStretch(1);
    setFixedWidth(300);
}

void RemoteSidePanel::setAskForControl(bool available, bool asked)
{
    m_ask->setVisible(available || asked);
    m_ask->setEnabled(available && !asked);
    m_ask->setText(asked ? tr("Asked: waiting for the office…") : tr("Ask for control"));
}

void RemoteSidePanel::setConnection(
    const QString &state, const QString &roundTrip, const QString &firmware, const QString &rig)
{
    m_stateLabel->setText(state);
    m_rttLabel->setText(roundTrip);
    m_firmwareLabel->setText(firmware);
    m_rigLabel->setText(rig);
}

void RemoteSidePanel::setDirectionUnchecked(bool unchecked)
{
    m_form->setRowVisible(m_uncheckedLabel, unchecked);
}

bool RemoteSidePanel::directionUncheckedShown() const
{
    return !m_uncheckedLabel->isHidden();
}

}  // namespace rudebot
