#include "calibration/page_connect.h"

#include <QFormLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace rudebot {

PageConnect::PageConnect(CalibrationDraft &draft, CalibrationRig *rig, QWidget *parent)
    : RigPage(draft, rig, parent), m_link(new QLabel(this)), m_status(new QLabel(this))
{
    setTitle(tr("Connect to the rig"));
    setSubTitle(tr("The wizard finds out where your rig can turn, which way is right and what "
                   "the camera sees. It takes about five minutes."));
    m_status->setObjectName(QStringLiteral("connectStatus"));
    m_link->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *form = new QFormLayout;
    form->addRow(tr("Rig:"), m_link);
    form->addRow(tr("Status:"), m_status);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addSpacing(12);
    layout->addWidget(makeHint(
        tr("<b>Before you start</b><ul>"
           "<li>The camera will turn. Make sure nothing stands in its way and that its cable has "
           "some slack.</li>"
           "<li>The steps that ask what the camera sees show its picture here, in the wizard. "
           "Without a camera, you answer by watching the rig itself.</li>"
           "<li>Nothing is saved until you press <i>Finish</i>. <i>Cancel</i> puts everything back "
           "as it was.</li></ul>"),
        this));
    layout->addStretch(1);
    layout->addWidget(problemLabel());

    connect(m_rig, &CalibrationRig::statusChanged, this, &PageConnect::refresh);
    refresh();
}

bool PageConnect::isComplete() const
{
    return m_rig->boardConnected();  // the next page installs the firmware if none answers
}

void PageConnect::initializePage()
{
    newVisit();
    refresh();
}

void PageConnect::refresh()
{
    m_link->setText(m_rig->describe());
    if (m_rig->isReady())
        m_status->setText(QStringLiteral("\u2714 ") + m_rig->statusText());
    else if (m_rig->boardConnected())
        m_status->setText(m_rig->statusText()
            + tr(" \u2014 press Next to install the Rudebot "
                 "firmware."));
    else
        m_status->setText(m_rig->statusText()
            + tr(" \u2014 check the cable and that no other "
                 "program uses the port."));
    emit completeChanged();
}

}  // namespace rudebot
