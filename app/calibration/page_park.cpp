#include "calibration/page_park.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include "calibration/jog_panel.h"
#include "calibration/picture_row.h"
#include "ui/rig_dial.h"
#include "ui/video_view.h"

namespace rudebot {

namespace {

bool between(double v, double a, double b)
{
    return v >= qMin(a, b) && v <= qMax(a, b);
}

}  // namespace

PagePark::PagePark(CalibrationDraft &draft, CalibrationRig *rig, QWidget *parent)
    : RigPage(draft, rig, parent), m_video(new VideoView(this)), m_jog(new JogPanel(this)),
      m_markPark(new QPushButton(tr("Mark park position"), this)), m_parkText(new QLabel(this))
{
    setTitle(tr("Turn the camera to the wall"));
    setSubTitle(tr("Where “Park and lock” turns the camera for privacy: away from the people, "
                   "at a wall or a window, so the room cannot be seen. Remotes get a privacy "
                   "card instead of the picture while it is parked."));
    m_video->setObjectName(QStringLiteral("parkVideo"));
    m_video->setPlaceholderText(tr("The camera's picture appears here."));
    m_markPark->setObjectName(QStringLiteral("markPark"));
    m_markPark->setFocusPolicy(Qt::TabFocus);
    m_markPark->setToolTip(tr("The park position is where the camera points now"));
    m_parkText->setObjectName(QStringLiteral("parkText"));

    auto *markRow = new QHBoxLayout;
    markRow->addWidget(m_markPark);
    markRow->addWidget(m_parkText, 1);

    auto *main = new QVBoxLayout;
    main->addWidget(new PictureRow({m_video}, this));
    main->addLayout(markRow);
    main->addWidget(makeHint(tr("The end farthest from home is suggested. Turn with the dial or "
                                "the keys (<b>\u2190 \u2192</b> 1\u00b0, with <b>Shift</b> "
                                "10\u00b0) until nobody is in the picture, then mark it."),
        this));
    main->addStretch(1);
    auto *side = new QVBoxLayout;
    side->addWidget(m_jog);
    side->addStretch(1);
    layOutColumns(main, side);

    connect(m_jog, &JogPanel::jogRequested, this, [this](double servo) { moveTo(servo); });
    connect(m_rig, &CalibrationRig::angleChanged, m_jog, &JogPanel::setActualServo);
    connect(m_markPark, &QPushButton::clicked, this, [this] {
        m_draft.parkServo = markHere(m_jog);
        m_jog->dial()->setFocus();
        refresh();
        emit completeChanged();
    });
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
    const double lo = qMin(m_draft.leftEndServo.value_or(0), m_draft.rightEndServo.value_or(180));
    const double hi = qMax(m_draft.leftEndServo.value_or(0), m_draft.rightEndServo.value_or(180));
    // A park marked before the limits or home changed (Back) may no longer fit: suggest again.
    if (!isComplete())
        m_draft.parkServo = m_draft.suggestedParkServo();
    m_jog->setMapping(m_draft.working());
    m_jog->setServoLimits(lo, hi);
    m_jog->setTargetServo(*m_draft.parkServo);
    if (m_rig->hasServoAngle())
        m_jog->setActualServo(m_rig->servoAngle());
    moveTo(*m_draft.parkServo);  // show what the suggestion hides
    m_jog->dial()->setFocus();
    refresh();
    emit completeChanged();
}

void PagePark::refresh()
{
    if (!m_draft.parkServo) {
        m_parkText->setText(tr("not marked yet"));
        return;
    }
    const double away = m_draft.homeServo ? std::abs(*m_draft.parkServo - *m_draft.homeServo) : 0;
    m_parkText->setText(tr("servo %1\u00b0, %2\u00b0 from home")
                            .arg(*m_draft.parkServo, 0, 'f', 0)
                            .arg(away, 0, 'f', 0));
    showProblem(isComplete() ? QString()
                             : tr("Turn at least %1\u00b0 away from home, between the ends you "
                                  "marked: home faces the people.")
                                   .arg(kMinAwayDeg, 0, 'f', 0));
}

}  // namespace rudebot
