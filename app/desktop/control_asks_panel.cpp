#include "desktop/control_asks_panel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace rudebot {

ControlAsksPanel::ControlAsksPanel(QWidget *parent)
    : QGroupBox(tr("Asking for control"), parent), m_rows(new QVBoxLayout(this))
{
    setObjectName(QStringLiteral("controlAsks"));
    setAccessibleDescription(tr("Remote colleagues who ask to turn the rig"));
    hide();
}

void ControlAsksPanel::setAsks(const QList<ControlAskRow> &asks)
{
    while (QLayoutItem *item = m_rows->takeAt(0)) {
        if (QWidget *w = item->widget())
            w->deleteLater();
        delete item;
    }
    for (const ControlAskRow &ask : asks) {
        auto *row = new QWidget(this);
        auto *layout = new QHBoxLayout(row);
        layout->setContentsMargins(0, 0, 0, 0);
        const QString who = ask.verified
            ? ask.name
            : tr("%1 (shared link, name not verified)").arg(ask.name);
        auto *text = new QLabel(tr("%1 asks to turn the rig.").arg(who), row);
        text->setWordWrap(true);
        text->setObjectName(QStringLiteral("ask-%1").arg(ask.clientId));
        auto *grant = new QPushButton(tr("Grant"), row);
        grant->setObjectName(QStringLiteral("grant-%1").arg(ask.clientId));
        grant->setToolTip(tr("Give %1 control; your own moves still win").arg(ask.name));
        grant->setAccessibleName(tr("Grant control to %1").arg(ask.name));
        auto *decline = new QPushButton(tr("Decline"), row);
        decline->setObjectName(QStringLiteral("decline-%1").arg(ask.clientId));
        decline->setAccessibleName(tr("Decline %1's request").arg(ask.name));
        const int id = ask.clientId;
        connect(grant, &QPushButton::clicked, this, [this, id] { emit answered(id, true); });
        connect(decline, &QPushButton::clicked, this, [this, id] { emit answered(id, false); });
        layout->addWidget(text, 1);
        layout->addWidget(grant);
        layout->addWidget(decline);
        m_rows->addWidget(row);
    }
    setVisible(!asks.isEmpty());
}

}  // namespace rudebot
