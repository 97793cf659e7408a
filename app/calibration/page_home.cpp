#include "calibration/page_home.h"

#include "calibration/calibration_math.h"

namespace rudebot {

PageHome::PageHome(CalibrationDraft &draft, CalibrationRig *rig, QWidget *parent)
    : MarkPositionPage(draft, rig, &CalibrationDraft::homeServo,
          {QStringLiteral("home"), tr("Mark home"), tr("Home is where the camera points now"),
              tr("Turn with the dial or the keys: <b>\u2190 \u2192</b> 1\u00b0, with "
                 "<b>Shift</b> 10\u00b0. The dial stops at the ends you marked.")},
          parent)
{
    setTitle(tr("Where is home?"));
    setSubTitle(tr("Turn the camera to face what people will look at most, such as the team's "
                   "table, and mark it. The Home key and the Home preset come back here."));
}

bool PageHome::isComplete() const
{
    if (!m_draft.homeServo || !m_draft.leftEndServo || !m_draft.rightEndServo)
        return false;
    return limitsFromMarks(*m_draft.leftEndServo, *m_draft.rightEndServo, *m_draft.homeServo, false)
        .ok();
}

void PageHome::initializePage()
{
    newVisit();
    const double lo = lowEnd();
    const double hi = highEnd();
    const double at = m_rig->hasServoAngle() ? m_rig->servoAngle() : m_draft.before.homeServoDeg;
    showDial(m_draft.before, qBound(lo, at, hi));
    if (at < lo || at > hi)
        moveTo(qBound(lo, at, hi));
    focusDial();
    refresh();
}

void PageHome::refresh()
{
    if (!m_draft.homeServo) {
        setMarkText(tr("not marked yet"));
        return;
    }
    setMarkText(tr("servo %1\u00b0").arg(*m_draft.homeServo, 0, 'f', 0));
    if (m_draft.leftEndServo && m_draft.rightEndServo) {
        const LogicalLimits l = limitsFromMarks(
            *m_draft.leftEndServo, *m_draft.rightEndServo, *m_draft.homeServo, false);
        showProblem(l.error);
    }
}

}  // namespace rudebot
