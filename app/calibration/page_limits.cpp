#include "calibration/page_limits.h"

#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include "calibration/calibration_math.h"
#include "calibration/jog_panel.h"
#include "calibration/picture_row.h"
#include "ui/rig_dial.h"
#include "ui/video_view.h"

namespace rudebot {

PageLimits::PageLimits(CalibrationDraft &draft, CalibrationRig *rig, QWidget *parent)
    : RigPage(draft, rig, parent), m_video(new VideoView(this)), m_jog(new JogPanel(this)),
      m_markLeft(new QPushButton(tr("Mark left end"), this)),
      m_markRight(new QPushButton(tr("Mark right end"), this)), m_leftText(new QLabel(this)),
      m_rightText(new QLabel(this))
{
    setTitle(tr("How far can it turn?"));
    setSubTitle(tr("Turn the camera to one end of its useful range and mark it, then to the "
                   "other end. Stop before the cable pulls or the view becomes useless."));
    m_video->setObjectName(QStringLiteral("limitsVideo"));
    m_video->setPlaceholderText(tr("The camera's picture appears here."));
    m_markLeft->setObjectName(QStringLiteral("markLeft"));
    m_markRight->setObjectName(QStringLiteral("markRight"));
    m_markLeft->setToolTip(tr("One end of the range is where the camera points now"));
    m_markRight->setToolTip(tr("The other end of the range is where the camera points now"));
    m_leftText->setObjectName(QStringLiteral("leftEndText"));
    m_rightText->setObjectName(QStringLiteral("rightEndText"));
    // Clicking a button must not take the keyboard away from the dial.
    for (QPushButton *b : {m_markLeft, m_markRight})
        b->setFocusPolicy(Qt::TabFocus);

    auto *marks = new QHBoxLayout;
    marks->addWidget(m_markLeft);
    marks->addWidget(m_leftText, 1);
    marks->addSpacing(16);
    marks->addWidget(m_markRight);
    marks->addWidget(m_rightText, 1);

    auto *main = new QVBoxLayout;
    main->addWidget(new PictureRow({m_video}, this));
    main->addLayout(marks);
    main->addWidget(makeHint(tr("Turn with the dial or the keys: <b>\u2190 \u2192</b> 1\u00b0, "
                                "with <b>Shift</b> 10\u00b0. Mark each end where you want the "
                                "camera to stop. Which way is really left is checked in a later "
                                "step, so it does not matter here if left turns right."),
        this));
    main->addStretch(1);
    auto *side = new QVBoxLayout;
    side->addWidget(m_jog);
    side->addStretch(1);

    layOutColumns(main, side);

    connect(m_jog, &JogPanel::jogRequested, this, [this](double servo) { moveTo(servo); });
    connect(m_rig, &CalibrationRig::angleChanged, m_jog, &JogPanel::setActualServo);
    connect(m_markLeft, &QPushButton::clicked, this, [this] { mark(true); });
    connect(m_markRight, &QPushButton::clicked, this, [this] { mark(false); });
    refresh();
}

bool PageLimits::isComplete() const
{
    return m_draft.leftEndServo && m_draft.rightEndServo
        && std::abs(*m_draft.leftEndServo - *m_draft.rightEndServo) >= 2;
}

void PageLimits::initializePage()
{
    newVisit();
    // Jog around the previous home, in the previous direction: for a new rig that is servo 90
    // and "right = larger angle", which the direction step may then correct.
    Calibration mapping = m_draft.before;
    m_jog->setMapping(mapping);
    m_jog->setServoLimits(0, 180);
    m_jog->setTargetServo(m_rig->hasServoAngle() ? m_rig->servoAngle() : mapping.homeServoDeg);
    if (m_rig->hasServoAngle())
        m_jog->setActualServo(m_rig->servoAngle());
    m_jog->dial()->setFocus();
    refresh();
}

void PageLimits::mark(bool left)
{
    const double servo = markHere(m_jog);
    (left ? m_draft.leftEndServo : m_draft.rightEndServo) = servo;
    // A new end can leave an old home outside: home is marked again on the next page anyway.
    m_jog->dial()->setFocus();
    refresh();
    emit completeChanged();
}

void PageLimits::refresh()
{
    auto describe = [](const std::optional<double> &servo) {
        return servo ? tr("servo %1\u00b0").arg(*servo, 0, 'f', 0) : tr("not marked yet");
    };
    m_leftText->setText(describe(m_draft.leftEndServo));
    m_rightText->setText(describe(m_draft.rightEndServo));
    if (m_draft.leftEndServo && m_draft.rightEndServo
        && std::abs(*m_draft.leftEndServo - *m_draft.rightEndServo) < 2)
        showProblem(tr("The two ends are less than 2\u00b0 apart: turn further before marking "
                       "the second end."));
}

}  // namespace rudebot
