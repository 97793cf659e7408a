// Step 2: which firmware answers. With the 2011 firmware or none, offers to install ours
// (installFirmwareRequested(); the app runs the flasher). Complete once some firmware answers:
// the 2011 firmware can be calibrated too, only its speed is fixed.
#pragma once
#include "calibration/rig_page.h"

class QLabel;
class QPushButton;

namespace rudebot {

class PageFirmware : public RigPage {
    Q_OBJECT
public:
    PageFirmware(CalibrationDraft &draft, CalibrationRig *rig, QWidget *parent = nullptr);
    bool isComplete() const override;
    bool isInstalling() const { return m_installing; }
    void initializePage() override;

    // While the app installs the firmware, the page shows that (what, 0..100 %) instead of
    // the rig's status, which then only says the port is closed.
    void setInstallProgress(const QString &what, int percent);
    void setInstallFinished(bool ok, const QString &message);

signals:
    void installFirmwareRequested();

private:
    void refresh();

    QLabel *m_verdict;
    QLabel *m_explanation;
    QPushButton *m_install;
    bool m_installing = false;
    QString m_installWhat;
    int m_installPercent = 0;
};

}  // namespace rudebot
