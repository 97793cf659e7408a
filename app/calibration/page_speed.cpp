#include "calibration/page_speed.h"

#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <cmath>

#include "calibration/calibration_math.h"
#include "calibration/picture_row.h"
#include "ui/video_view.h"

namespace rudebot {

PageSpeed::PageSpeed(CalibrationDraft &draft, CalibrationRig *rig, QWidget *parent)
    : RigPage(draft, rig, parent), m_video(new VideoView(this)), m_speed(new QSpinBox(this)),
      m_setting(new QLabel(this)), m_try(new QPushButton(tr("Try this speed"), this)),
      m_measured(new QLabel(this))
{
    setTitle(tr("How fast should it turn?"));
    setSubTitle(tr("Fast turns get there sooner; slow ones are smoother to watch and kinder to "
                   "a wobbly platform."));
    m_video->setObjectName(QStringLiteral("speedVideo"));
    m_video->setPlaceholderText(tr("The camera's picture appears here."));
    m_speed->setObjectName(QStringLiteral("speedSpin"));
    m_speed->setRange(int(std::ceil(speedForMsPerDegree(kMaxMsPerDegree))),
        int(speedForMsPerDegree(kMinMsPerDegree)));
    m_speed->setSuffix(tr(" \u00b0/s"));
    m_speed->setMaximumWidth(m_speed->sizeHint().width() * 3 / 2);
    m_setting->setObjectName(QStringLiteral("speedSetting"));
    m_try->setObjectName(QStringLiteral("trySpeed"));
    m_try->setToolTip(tr("Turn from home at this speed and time the turn"));
    m_speed->setToolTip(tr("Degrees per second the camera turns"));
    m_measured->setObjectName(QStringLiteral("speedMeasured"));
    m_measured->setWordWrap(true);
    QFont big = m_measured->font();
    big.setPointSizeF(big.pointSizeF() * 1.2);
    big.setBold(true);
    m_measured->setFont(big);

    // The picture beside the controls, like the limits and home steps: the trial turn is
    // something to watch.
    m_setting->setWordWrap(true);
    auto *main = new QVBoxLayout;
    main->addWidget(new PictureRow({m_video}, this));
    main->addWidget(m_measured);
    main->addStretch(1);
    auto *side = new QVBoxLayout;
    auto *speedLabel = new QLabel(tr("&Turning speed:"), this);
    speedLabel->setBuddy(m_speed);
    side->addWidget(speedLabel);
    side->addWidget(m_speed);
    side->addWidget(m_setting);
    side->addWidget(m_try);
    side->addSpacing(8);
    side->addWidget(makeHint(tr("<small>About 30\u201360\u00b0/s suits most rigs. The original "
                                "firmware turned at 33\u00b0/s.</small>"),
        this));
    side->addStretch(1);
    layOutColumns(main, side);

    connect(m_speed, &QSpinBox::valueChanged, this, &PageSpeed::updateSetting);
    connect(m_try, &QPushButton::clicked, this, &PageSpeed::tryIt);
}

void PageSpeed::initializePage()
{
    newVisit();
    m_measuredMs = -1;
    m_measured->clear();
    if (!m_rig->canSetSpeed())
        m_draft.msPerDegree = kSeedMsPerDegree;
    m_speed->setValue(int(std::lround(speedForMsPerDegree(m_draft.msPerDegree))));
    m_speed->setEnabled(m_rig->canSetSpeed());
    m_try->setEnabled(true);
    updateSetting();
}

void PageSpeed::moveFailed()
{
    m_measured->clear();
    m_try->setEnabled(true);
}

void PageSpeed::updateSetting()
{
    if (m_rig->canSetSpeed())
        m_draft.msPerDegree = msPerDegreeForSpeed(m_speed->value());
    const int ms = m_draft.msPerDegree;
    m_setting->setText(m_rig->canSetSpeed()
            ? tr("%1 ms per degree, really %2\u00b0/s")
                  .arg(ms)
                  .arg(speedForMsPerDegree(ms), 0, 'f', 1)
            : tr("The 2011 firmware always turns at %1 ms per degree.").arg(ms));
}

void PageSpeed::tryIt()
{
    const Calibration w = m_draft.working();
    const double lo = qMin(m_draft.leftEndServo.value_or(0), m_draft.rightEndServo.value_or(180));
    const double hi = qMax(m_draft.leftEndServo.value_or(0), m_draft.rightEndServo.value_or(180));
    const double home = w.homeServoDeg;
    // Towards the larger room, at most kTestTurnLogicalDeg.
    const double servoTurn = hi - home >= home - lo ? qMin(kTestTurnLogicalDeg, hi - home)
                                                    : -qMin(kTestTurnLogicalDeg, home - lo);
    m_testDeg = std::abs(servoTurn);
    m_try->setEnabled(false);
    m_measured->setText(tr("Turning to home\u2026"));
    m_rig->setMsPerDegree(m_draft.msPerDegree);
    moveTo(home, [this, home, servoTurn] {
        m_measured->setText(tr("Turning %1\u00b0\u2026").arg(m_testDeg, 0, 'f', 0));
        m_clock.start();
        moveTo(home + servoTurn, [this, home] {
            m_measuredMs = int(m_clock.elapsed());
            const double expected = expectedMoveMs(m_testDeg, m_draft.msPerDegree);
            m_measured->setText(tr("Turned %1\u00b0 in %2 s: %3\u00b0/s (expected %4 s)")
                                    .arg(m_testDeg, 0, 'f', 0)
                                    .arg(m_measuredMs / 1000.0, 0, 'f', 2)
                                    .arg(measuredSpeed(m_testDeg, m_measuredMs), 0, 'f', 0)
                                    .arg(expected / 1000.0, 0, 'f', 2));
            m_try->setEnabled(true);
            moveTo(home);
        });
    });
}

}  // namespace rudebot
