#include "calibration/mark_position_page.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include "calibration/jog_panel.h"
#include "calibration/picture_row.h"
#include "ui/rig_dial.h"
#include "ui/video_view.h"

namespace rudebot {

MarkPositionPage::MarkPositionPage(CalibrationDraft &draft, CalibrationRig *rig,
    std::optional<double> CalibrationDraft::*marked, const Texts &texts, QWidget *parent)
    : RigPage(draft, rig, parent), m_video(new VideoView(this)), m_jog(new JogPanel(this)),
      m_mark(new QPushButton(texts.mark, this)), m_text(new QLabel(this))
{
    QString capitalized = texts.name;
    capitalized[0] = capitalized[0].toUpper();
    m_video->setObjectName(texts.name + QStringLiteral("Video"));
    m_video->setPlaceholderText(tr("The camera's picture appears here."));
    m_mark->setObjectName(QStringLiteral("mark") + capitalized);
    m_mark->setFocusPolicy(Qt::TabFocus);
    m_mark->setToolTip(texts.markTip);
    m_text->setObjectName(texts.name + QStringLiteral("Text"));

    auto *markRow = new QHBoxLayout;
    markRow->addWidget(m_mark);
    markRow->addWidget(m_text, 1);
    auto *main = new QVBoxLayout;
    main->addWidget(new PictureRow({m_video}, this));
    main->addLayout(markRow);
    main->addWidget(makeHint(texts.hint, this));
    main->addStretch(1);
    auto *side = new QVBoxLayout;
    side->addWidget(m_jog);
    side->addStretch(1);
    layOutColumns(main, side);

    connect(m_jog, &JogPanel::jogRequested, this, [this](double servo) { moveTo(servo); });
    connect(m_rig, &CalibrationRig::angleChanged, m_jog, &JogPanel::setActualServo);
    connect(m_mark, &QPushButton::clicked, this, [this, marked] {
        m_draft.*marked = markHere(m_jog);
        focusDial();
        refresh();
        emit completeChanged();
    });
}

double MarkPositionPage::lowEnd() const
{
    return qMin(m_draft.leftEndServo.value_or(0), m_draft.rightEndServo.value_or(180));
}

double MarkPositionPage::highEnd() const
{
    return qMax(m_draft.leftEndServo.value_or(0), m_draft.rightEndServo.value_or(180));
}

void MarkPositionPage::showDial(const Calibration &mapping, double servoDeg)
{
    m_jog->setMapping(mapping);
    m_jog->setServoLimits(lowEnd(), highEnd());
    m_jog->setTargetServo(servoDeg);
    if (m_rig->hasServoAngle())
        m_jog->setActualServo(m_rig->servoAngle());
}

void MarkPositionPage::focusDial()
{
    m_jog->dial()->setFocus();
}

void MarkPositionPage::setMarkText(const QString &text)
{
    m_text->setText(text);
}

}  // namespace rudebot
