#include "calibration/step_list.h"

#include <QLabel>
#include <QVBoxLayout>

namespace rudebot {

StepList::StepList(const QStringList &steps, QWidget *parent) : QWidget(parent), m_steps(steps)
{
    setObjectName(QStringLiteral("stepList"));
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::AlternateBase);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 20, 16, 16);
    layout->setSpacing(10);
    for (int i = 0; i < steps.size(); ++i) {
        auto *label = new QLabel(this);
        label->setTextFormat(Qt::RichText);
        m_labels.append(label);
        layout->addWidget(label);
    }
    layout->addStretch(1);
    setMinimumWidth(170);
    setCurrent(0);
}

void StepList::setCurrent(int index)
{
    m_current = index;
    const QColor dim = palette().color(QPalette::Disabled, QPalette::WindowText);
    const QColor accent = palette().color(QPalette::Highlight);
    for (int i = 0; i < m_labels.size(); ++i) {
        const QString n = QString::number(i + 1);
        QString html;
        if (i < index)
            html = QStringLiteral("<span style='color:%1'>\u2714&nbsp; %2</span>")
                       .arg(accent.name(), m_steps[i].toHtmlEscaped());
        else if (i == index)
            html = QStringLiteral("<b>%1.&nbsp; %2</b>").arg(n, m_steps[i].toHtmlEscaped());
        else
            html = QStringLiteral("<span style='color:%1'>%2.&nbsp; %3</span>")
                       .arg(dim.name(), n, m_steps[i].toHtmlEscaped());
        m_labels[i]->setText(html);
    }
}

}  // namespace rudebot
