// Step 1: the rig is there. Complete once its port opens, even if no firmware we know answers:
// the firmware page can then install ours (a new Uno has only a bootloader).
#pragma once
#include "calibration/rig_page.h"

class QLabel;

namespace rudebot {

class PageConnect : public RigPage {
    Q_OBJECT
public:
    PageConnect(CalibrationDraft &draft, CalibrationRig *rig, QWidget *parent = nullptr);
    bool isComplete() const override;
    void initializePage() override;

private:
    void refresh();

    QLabel *m_link;
    QLabel *m_status;
};

}  // namespace rudebot
