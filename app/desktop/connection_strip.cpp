#include "desktop/connection_strip.h"

#include <QGridLayout>
#include <QLabel>

namespace rudebot {

namespace {
QLabel *valueLabel(QWidget *parent, const QString &accessibleName)
{
    auto *l = new QLabel(QStringLiteral("–"), parent);
    l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    l->setAccessibleName(accessibleName);
    return l;
}

QLabel *nameLabel(const QString &text, QWidget *parent)
{
    auto *l = new QLabel(text, parent);
    l->setForegroundRole(QPalette::PlaceholderText);  // secondary, in any theme
    return l;
}
}  // namespace

ConnectionStrip::ConnectionStrip(QWidget *parent) : QFrame(parent)
{
    setObjectName(QStringLiteral("connectionStrip"));
    setAccessibleName(tr("Connection"));
    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(2, 4, 8, 0);
    grid->setHorizontalSpacing(8);
    grid->setVerticalSpacing(2);
    m_stateLabel = valueLabel(this, tr("Connection state"));
    m_rttLabel = valueLabel(this, tr("Round trip"));
    m_firmwareLabel = valueLabel(this, tr("Firmware"));
    m_rigLabel = valueLabel(this, tr("Rig"));
    m_uncheckedLabel = valueLabel(this, tr("Turning direction"));
    m_uncheckedLabel->setObjectName(QStringLiteral("directionUnchecked"));
    m_uncheckedLabel->setText(tr("not checked: it may turn the other way than the dial says"));
    m_uncheckedName = nameLabel(tr("Turning"), this);
    // Two lines: what the link does, then what it reaches.
    grid->addWidget(nameLabel(tr("State"), this), 0, 0);
    grid->addWidget(m_stateLabel, 0, 1);
    grid->addWidget(nameLabel(tr("Round trip"), this), 0, 2);
    grid->addWidget(m_rttLabel, 0, 3);
    grid->addWidget(nameLabel(tr("Firmware"), this), 0, 4);
    grid->addWidget(m_firmwareLabel, 0, 5);
    grid->addWidget(nameLabel(tr("Rig"), this), 1, 0);
    grid->addWidget(m_rigLabel, 1, 1, 1, 3);
    grid->addWidget(m_uncheckedName, 1, 4);
    grid->addWidget(m_uncheckedLabel, 1, 5);
    grid->setColumnStretch(5, 1);
    setDirectionUnchecked(false);
}

void ConnectionStrip::setConnection(
    const QString &state, const QString &roundTrip, const QString &firmware, const QString &rig)
{
    m_stateLabel->setText(state);
    m_rttLabel->setText(roundTrip);
    m_firmwareLabel->setText(firmware);
    m_rigLabel->setText(rig);
}

void ConnectionStrip::setDirectionUnchecked(bool unchecked)
{
    m_uncheckedName->setVisible(unchecked);
    m_uncheckedLabel->setVisible(unchecked);
}

bool ConnectionStrip::directionUncheckedShown() const
{
    return !m_uncheckedLabel->isHidden();
}

}  // namespace rudebot
