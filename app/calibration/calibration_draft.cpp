#include "calibration/calibration_draft.h"

#include <cmath>

#include "calibration/calibration_math.h"

namespace rudebot {

Calibration CalibrationDraft::working() const
{
    Calibration c = before;
    c.homeServoDeg = homeServo.value_or(before.homeServoDeg);
    c.inverted = inverted.value_or(before.inverted);
    c.minLogicalDeg = -180;
    c.maxLogicalDeg = 180;
    c.hfovDeg = hfovDeg;
    return c;
}

double CalibrationDraft::suggestedParkServo() const
{
    const double home = homeServo.value_or(before.homeServoDeg);
    const double left = leftEndServo.value_or(0);
    const double right = rightEndServo.value_or(180);
    return std::abs(left - home) >= std::abs(right - home) ? left : right;
}

std::optional<Calibration> CalibrationDraft::result(QString *error) const
{
    QString why;
    if (!leftEndServo || !rightEndServo)
        why = QStringLiteral("Mark both ends on the limits page.");
    else if (!homeServo)
        why = QStringLiteral("Mark home on the home page.");
    else if (!inverted)
        why = QStringLiteral("Answer the question on the direction page.");
    Calibration c = working();
    if (why.isEmpty()) {
        const LogicalLimits limits =
            limitsFromMarks(*leftEndServo, *rightEndServo, *homeServo, *inverted);
        why = limits.error;
        c.minLogicalDeg = limits.minLogicalDeg;
        c.maxLogicalDeg = limits.maxLogicalDeg;
        // A calibrated rig always has its park position, away from home.
        c.parkLogicalDeg = logicalFromServo(c, parkServo.value_or(suggestedParkServo()));
    }
    if (why.isEmpty())
        why = validate(c);
    if (!why.isEmpty()) {
        if (error)
            *error = why;
        return std::nullopt;
    }
    return c;
}

}  // namespace rudebot
