#include "calibration/page_firmware.h"

#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace rudebot {

PageFirmware::PageFirmware(CalibrationDraft &draft, CalibrationRig *rig, QWidget *parent)
    : RigPage(draft, rig, parent), m_verdict(new QLabel(this)), m_explanation(makeHint({}, this)),
      m_install(new QPushButton(tr("Install Rudebot firmware\u2026"), this))
{
    setTitle(tr("Firmware"));
    setSubTitle(tr("The program on the rig's Arduino decides what the app can do with it."));
    m_verdict->setObjectName(QStringLiteral("firmwareVerdict"));
    QFont big = m_verdict->font();
    big.setPointSizeF(big.pointSizeF() * 1.2);
    big.setBold(true);
    m_verdict->setFont(big);
    m_install->setObjectName(QStringLiteral("installFirmware"));
    m_install->setToolTip(tr("Write the Rudebot firmware to the Arduino through its USB port "
                             "(about half a minute)"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_verdict);
    layout->addWidget(m_explanation);
    layout->addSpacing(8);
    auto *row = new QHBoxLayout;
    row->addWidget(m_install);
    row->addStretch(1);
    layout->addLayout(row);
    layout->addStretch(1);
    layout->addWidget(problemLabel());

    connect(m_install, &QPushButton::clicked, this, &PageFirmware::installFirmwareRequested);
    connect(m_rig, &CalibrationRig::statusChanged, this, &PageFirmware::refresh);
    refresh();
}

bool PageFirmware::isComplete() const
{
    return !m_installing && m_rig->firmware() != CalibrationRig::Firmware::None;
}

void PageFirmware::setInstallProgress(const QString &what, int percent)
{
    m_installing = true;
    m_installWhat = what;
    m_installPercent = qBound(0, percent, 100);
    showProblem({});
    refresh();
}

void PageFirmware::setInstallFinished(bool ok, const QString &message)
{
    m_installing = false;
    showProblem(ok ? QString() : tr("Installing the firmware failed: %1").arg(message));
    refresh();
}

void PageFirmware::initializePage()
{
    newVisit();
    refresh();
}

void PageFirmware::refresh()
{
    m_install->setEnabled(!m_installing);
    if (m_installing) {
        m_verdict->setText(tr("Installing the Rudebot firmware\u2026 %1 %").arg(m_installPercent));
        m_explanation->setText(tr("%1 Keep the cable plugged in: the board restarts when it is "
                                  "done, and this page then shows the firmware that answers.")
                                   .arg(m_installWhat));
        emit completeChanged();
        return;
    }
    switch (m_rig->firmware()) {
    case CalibrationRig::Firmware::Rudebot:
        m_verdict->setText(
            tr("\u2714 Rudebot firmware %1").arg(m_rig->firmwareVersion()).trimmed());
        m_explanation->setText(tr("The rig reports where it is, stops on request and turns at the "
                                  "speed you choose. Every step of the wizard is available."));
        break;
    case CalibrationRig::Firmware::Seed:
        m_verdict->setText(tr("The 2011 firmware"));
        m_explanation->setText(tr("It turns the camera, but it cannot say where it is, cannot stop "
                                  "halfway and always turns at 30 ms per degree. You can calibrate "
                                  "with it; installing the Rudebot firmware makes turning smoother "
                                  "and lets you choose the speed."));
        break;
    case CalibrationRig::Firmware::None:
        m_verdict->setText(tr("No firmware answers"));
        m_explanation->setText(tr("The board is connected but no program we know answers on it. "
                                  "Install the Rudebot firmware, or check that this is the rig's "
                                  "Arduino. Status: %1")
                                   .arg(m_rig->statusText()));
        break;
    }
    m_install->setVisible(m_rig->firmware() != CalibrationRig::Firmware::Rudebot);
    emit completeChanged();
}

}  // namespace rudebot
