// Step 4: home, the direction the camera faces by default (logical 0): the team's table, the
// main door. Turned as on the limits page, within the marked ends. Complete once home is marked
// between the ends.
#pragma once
#include "calibration/mark_position_page.h"

namespace rudebot {

class PageHome : public MarkPositionPage {
    Q_OBJECT
public:
    PageHome(CalibrationDraft &draft, CalibrationRig *rig, QWidget *parent = nullptr);
    bool isComplete() const override;
    void initializePage() override;

private:
    void refresh() override;
};

}  // namespace rudebot
