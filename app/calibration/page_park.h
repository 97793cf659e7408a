// Step 5: the park position, where "Park and lock" turns the camera for privacy: away from the
// people, at a wall or a window. It starts at the marked end farthest from home (never home:
// home faces the people) and can be turned and marked like home. Complete once the park lies
// between the ends and away from home. Saved as the profile's park_logical.
#pragma once
#include "calibration/mark_position_page.h"

namespace rudebot {

class PagePark : public MarkPositionPage {
    Q_OBJECT
public:
    // Closer to home than this is not a privacy position (core/calibration.cpp says 1 degree;
    // the page asks for a real turn away).
    static constexpr double kMinAwayDeg = 20;

    PagePark(CalibrationDraft &draft, CalibrationRig *rig, QWidget *parent = nullptr);
    bool isComplete() const override;
    void initializePage() override;

private:
    void refresh() override;
};

}  // namespace rudebot
