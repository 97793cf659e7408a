#include "calibration/page_fov.h"

#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QFrame>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include "calibration/calibration_math.h"
#include "calibration/picture_row.h"
#include "ui/video_view.h"

namespace rudebot {

PageFov::PageFov(CalibrationDraft &draft, CalibrationRig *rig, QWidget *parent)
    : RigPage(draft, rig, parent), m_video(new VideoView(this)), m_steps(makeHint({}, this)),
      m_result(new QLabel(this)), m_again(new QPushButton(tr("Measure again"), this)),
      m_hfov(new QDoubleSpinBox(this))
{
    setTitle(tr("What does the camera see?"));
    setSubTitle(tr("Click-to-turn needs the camera's horizontal field of view. Measure it with "
                   "two clicks, or type the value from the camera's data sheet."));
    m_video->setObjectName(QStringLiteral("fovVideo"));
    m_video->setPlaceholderText(tr("The camera's picture appears here."));
    m_result->setObjectName(QStringLiteral("fovResult"));
    m_result->setWordWrap(true);
    QFont big = m_result->font();
    big.setPointSizeF(big.pointSizeF() * 1.2);
    big.setBold(true);
    m_result->setFont(big);
    m_again->setObjectName(QStringLiteral("measureAgain"));
    m_again->setToolTip(tr("Forget the clicks and measure with two new ones"));
    m_hfov->setObjectName(QStringLiteral("hfovSpin"));
    m_hfov->setToolTip(tr("The camera's horizontal field of view in degrees, measured or typed"));
    m_hfov->setRange(kMinFovDeg, kMaxFovDeg);
    m_hfov->setDecimals(1);
    m_hfov->setSuffix(QStringLiteral("\u00b0"));
    m_steps->setObjectName(QStringLiteral("fovSteps"));

    auto *line = new QFrame(this);
    line->setFrameShape(QFrame::HLine);
    line->setFrameShadow(QFrame::Sunken);
    auto *typed = new QFormLayout;
    typed->addRow(tr("Horizontal field of view:"), m_hfov);

    auto *side = new QVBoxLayout;
    side->addWidget(m_steps);
    side->addWidget(m_result);
    auto *againRow = new QHBoxLayout;
    againRow->addWidget(m_again);
    againRow->addStretch(1);
    side->addLayout(againRow);
    side->addSpacing(8);
    side->addWidget(line);
    side->addLayout(typed);
    side->addWidget(makeHint(tr("<small>Or type it from the data sheet. If only the diagonal "
                                "is given, the horizontal is smaller: about 0.87\u00d7 for a "
                                "16:9 picture.</small>"),
        this));
    side->addStretch(1);

    auto *main = new QVBoxLayout;
    main->addWidget(new PictureRow({m_video}, this));
    main->addStretch(1);
    layOutColumns(main, side);

    connect(m_video, &VideoView::pictureClicked, this, &PageFov::onClicked);
    connect(m_again, &QPushButton::clicked, this, &PageFov::restart);
    connect(m_hfov, &QDoubleSpinBox::valueChanged, this, [this](double v) { m_draft.hfovDeg = v; });
}

void PageFov::initializePage()
{
    m_hfov->setValue(m_draft.hfovDeg);
    m_result->clear();
    restart();
}

void PageFov::restart()
{
    newVisit();
    m_video->clearClickMarker();
    setStage(Stage::TurningHome);
    moveTo(
        m_draft.working().homeServoDeg, [this] { setStage(Stage::FirstClick); }, true);
}

void PageFov::onClicked(QPointF normalized)
{
    const Calibration w = m_draft.working();
    const double lo = qMin(m_draft.leftEndServo.value_or(0), m_draft.rightEndServo.value_or(180));
    const double hi = qMax(m_draft.leftEndServo.value_or(0), m_draft.rightEndServo.value_or(180));
    if (m_stage == Stage::FirstClick) {
        m_x1 = normalized.x();
        m_servo1 = w.homeServoDeg;
        // Towards the feature, so it crosses the centre; the room each way is in logical degrees.
        const double roomLeft = qMin(logicalFromServo(w, lo), logicalFromServo(w, hi));
        const double roomRight = qMax(logicalFromServo(w, lo), logicalFromServo(w, hi));
        const double wantSign = m_x1 >= 0.5 ? 1 : -1;
        double turn =
            wantSign > 0 ? qMin(kTurnLogicalDeg, roomRight) : qMax(-kTurnLogicalDeg, roomLeft);
        if (std::abs(turn) < kMinTurnLogicalDeg)  // a limit is close: the other way, then
            turn =
                wantSign > 0 ? qMax(-kTurnLogicalDeg, roomLeft) : qMin(kTurnLogicalDeg, roomRight);
        if (std::abs(turn) < 2) {
            showProblem(tr("The limits leave too little room to measure: type the field of view "
                           "instead."));
            return;
        }
        m_servo2 = std::round(w.homeServoDeg + (w.inverted ? -turn : turn));
        m_turnLogical = logicalFromServo(w, m_servo2) - logicalFromServo(w, m_servo1);
        setStage(Stage::Turning);
        moveTo(
            m_servo2, [this] { setStage(Stage::SecondClick); }, true);
        return;
    }
    if (m_stage != Stage::SecondClick)
        return;
    const FovEstimate e = fovFromClicks(m_x1, normalized.x(), m_turnLogical);
    m_video->clearClickMarker();  // the camera turns back: the mark would point at nothing
    setStage(Stage::Done);
    if (e.ok()) {
        m_hfov->setValue(e.hfovDeg);  // also sets the draft
        m_result->setText(tr("\u2714 Measured: %1\u00b0").arg(e.hfovDeg, 0, 'f', 1));
    } else {
        m_result->setText(tr("No result"));
    }
    moveTo(m_servo1);
    showProblem(e.error);  // after moveTo(), which clears problems
}

void PageFov::setStage(Stage stage)
{
    m_stage = stage;
    const QString turn = tr("%1\u00b0 %2")
                             .arg(std::abs(m_turnLogical), 0, 'f', 0)
                             .arg(m_turnLogical >= 0 ? tr("right") : tr("left"));
    const QStringList steps = {
        tr("Click a feature that stands still, such as a door edge or a person's face, "
           "<b>away from the centre</b> of the picture."),
        stage >= Stage::Turning ? tr("The camera turns %1.").arg(turn)
                                : tr("The camera turns towards it."),
        tr("Click <b>the same feature</b> again, where it is now."),
    };
    int current = -1;
    switch (stage) {
    case Stage::TurningHome: current = -1; break;
    case Stage::FirstClick: current = 0; break;
    case Stage::Turning: current = 1; break;
    case Stage::SecondClick: current = 2; break;
    case Stage::Done: current = 3; break;
    }
    QString html =
        stage == Stage::TurningHome ? tr("<p><i>Turning to home\u2026</i></p>") : QString();
    html += QStringLiteral("<ol>");
    for (int i = 0; i < steps.size(); ++i) {
        const QString text = i < current
            ? QStringLiteral("<span style='color:gray'>%1</span>").arg(steps[i])
            : i == current ? QStringLiteral("<b>\u27a4</b> %1").arg(steps[i])
                           : steps[i];
        html += QStringLiteral("<li style='margin-bottom:6px'>%1</li>").arg(text);
    }
    html += QStringLiteral("</ol>");
    m_steps->setText(html);
    m_again->setEnabled(stage != Stage::TurningHome);
}

}  // namespace rudebot
