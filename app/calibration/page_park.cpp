#include "calibration/page_park.h"

namespace rudebot {

namespace {

bool between(double v, double a, double b)
{
    return v >= qMin(a, b) && v <= qMax(a, b);
}

}  // namespace

PagePark::PagePark(CalibrationDraft &draft, CalibrationRig *rig, QWidget *parent)
    : MarkPositionPage(draft, rig, &CalibrationDraft::parkServo,
          {QStringLiteral("park"), tr("Mark park position"),
              tr("The park position is where the camera points now"),
              tr("The end farthest from home is suggested. Turn with the dial or the keys "
                 "(<b>\u2190 \u2192</b> 1\u00b0, with <b>Shift</b> 10\u00b0) until nobody is "
                 "in the picture, then mark it.")},
          parent)
{
    setTitle(tr("Turn the camera to the wall"));
    setSubTitle(tr("Where “Park and lock” turns the camera for privacy: away from the people, "
                   "at a wall or a window, so the room cannot be seen. Remotes get a privacy "
                   "card instead of the picture while it is parked."));
}

bool PagePark::isComplete() const
{
    if (!m_draft.parkServo || !m_draft.homeServo || !m_draft.leftEndServo || !m_draft.rightEndServo)
        return false;
    return between(*m_draft.parkServo, *m_draft.leftEndServo, *m_draft.rightEndServo)
        && std::abs(*m_draft.parkServo - *m_draft.homeServo) >= kMinAwayDeg;
}

void PagePark::initializePage()
{
    newVisit();
    // A park marked before the limits or home changed (Back) may no longer fit: suggest again.
    if (!isComplete())
        m_draft.parkServo = m_draft.suggestedParkServo();
    showDial(m_draft.working(), *m_draft.parkServo);
    moveTo(*m_draft.parkServo);  // show what the suggestion hides
    focusDial();
    refresh();
    emit completeChanged();
}

void PagePark::refresh()
{
    if (!m_draft.parkServo) {
        setMarkText(tr("not marked yet"));
        return;
    }
    const double away = m_draft.homeServo ? std::abs(*m_draft.parkServo - *m_draft.homeServo) : 0;
    setMarkText(tr("servo %1\u00b0, %2\u00b0 from home")
                    .arg(*m_draft.parkServo, 0, 'f', 0)
                    .arg(away, 0, 'f', 0));
    showProblem(isComplete() ? QString()
                             : tr("Turn at least %1\u00b0 away from home, between the ends you "
                                  "marked: home faces the people.")
                                   .arg(kMinAwayDeg, 0, 'f', 0));
}

}  // namespace rudebot
