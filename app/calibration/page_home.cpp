#include "calibration/page_home.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include "calibration/calibration_math.h"
#include "calibration/jog_panel.h"
#include "calibration/picture_row.h"
#include "ui/rig_dial.h"
#include "ui/video_view.h"

namespace rudebot {

PageHome::PageHome(CalibrationDraft &draft, CalibrationRig *rig, QWidget *parent)
    : RigPage(draft, rig, parent), m_video(new VideoView(this)), m_jog(new JogPanel(this)),
      m_markHome(new QPushButton(tr("Mark home"), this)), m_homeText(new QLabel(this))
{
    setTitle(tr("Where is home?"));
    setSubTitle(tr("Turn the camera to face what people will look at most, such as the team's "
                   "table, and mark it. The Home key and the Home preset come back here."));
    m_video->setObjectName(QStringLiteral("homeVideo"));
    m_video->setPlaceholderText(tr("The camera's picture appears here."));
    m_markHome->setObjectName(QStringLiteral("markHome"));
    m_markHome->setFocusPolicy(Qt::TabFocus);
    m_markHome->setToolTip(tr("Home is where the camera points now"));
    m_homeText->setObjectName(QStringLiteral("homeText"));

    auto *markRow = new QHBoxLayout;
    markRow->addWidget(m_markHome);
    markRow->addWidget(m_homeText, 1);

    auto *main = new QVBoxLayout;
    main->addWidget(new PictureRow({m_video}, this));
    main->addLayout(markRow);
    main->addWidget(makeHint(tr("Turn with the dial or the keys: <b>\u2190 \u2192</b> 1\u00b0, "
                                "with <b>Shift</b> 10\u00b0. The dial stops at the ends you "
                                "marked."),
        this));
    main->addStretch(1);
    auto *side = new QVBoxLayout;
    side->addWidget(m_jog);
    side->addStretch(1);

    layOutColumns(main, side);

    connect(m_jog, &JogPanel::jogRequested, this, [this](double servo) { moveTo(servo); });
    connect(m_rig, &CalibrationRig::angleChanged, m_jog, &JogPanel::setActualServo);
    connect(m_markHome, &QPushButton::clicked, this, [this] {
        m_draft.homeServo = markHere(m_jog);
        m_jog->dial()->setFocus();
        refresh();
        emit completeChanged();
    });
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
    const double lo = qMin(m_draft.leftEndServo.value_or(0), m_draft.rightEndServo.value_or(180));
    const double hi = qMax(m_draft.leftEndServo.value_or(0), m_draft.rightEndServo.value_or(180));
    m_jog->setMapping(m_draft.before);
    m_jog->setServoLimits(lo, hi);
    const double at = m_rig->hasServoAngle() ? m_rig->servoAngle() : m_draft.before.homeServoDeg;
    m_jog->setTargetServo(qBound(lo, at, hi));
    if (m_rig->hasServoAngle())
        m_jog->setActualServo(m_rig->servoAngle());
    if (at < lo || at > hi)
        moveTo(qBound(lo, at, hi));
    m_jog->dial()->setFocus();
    refresh();
}

void PageHome::refresh()
{
    if (!m_draft.homeServo) {
        m_homeText->setText(tr("not marked yet"));
        return;
    }
    m_homeText->setText(tr("servo %1\u00b0").arg(*m_draft.homeServo, 0, 'f', 0));
    if (m_draft.leftEndServo && m_draft.rightEndServo) {
        const LogicalLimits l = limitsFromMarks(
            *m_draft.leftEndServo, *m_draft.rightEndServo, *m_draft.homeServo, false);
        showProblem(l.error);
    }
}

}  // namespace rudebot
