// What the wizard knows so far: the rig's calibration before it opened (restored on Cancel)
// and what its pages have measured. Plain data shared by the pages; no logic beyond combining.
// Servo degrees unless a name says logical.
#pragma once
#include <QString>
#include <optional>

#include "core/calibration.h"

namespace rudebot {

struct CalibrationDraft {
    // Before the wizard.
    Calibration before;
    int msPerDegreeBefore = 30;
    QString nameBefore;  // empty: the rig had no profile
    double servoBefore = -1;  // where the rig stood when the wizard opened; -1 unknown

    // Measured in this session.
    std::optional<double> leftEndServo;  // "left" as the user saw it while marking
    std::optional<double> rightEndServo;
    std::optional<double> homeServo;
    std::optional<double> parkServo;  // the privacy park position ("turn the camera to the wall")
    std::optional<bool> inverted;
    double hfovDeg = 60;
    int msPerDegree = 30;
    QString name;

    // For turning and showing while the wizard runs: home and direction as measured where
    // known, else as before; the soft limits wide open (the servo's 0..180 only).
    Calibration working() const;
    // Where the park step starts: the marked end farthest from home (never home itself).
    double suggestedParkServo() const;
    // The finished calibration; an error sentence in *error if something is missing or wrong.
    std::optional<Calibration> result(QString *error) const;
};

}  // namespace rudebot
