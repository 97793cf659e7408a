#include "calibration/page_summary.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include "calibration/calibration_math.h"

namespace rudebot {

namespace {

QString sideOf(double logicalDeg)
{
    if (std::abs(logicalDeg) < 0.5)
        return QObject::tr("home");
    return QObject::tr("%1\u00b0 %2")
        .arg(std::abs(logicalDeg), 0, 'f', 0)
        .arg(logicalDeg < 0 ? QObject::tr("left") : QObject::tr("right"));
}

}  // namespace

PageSummary::PageSummary(CalibrationDraft &draft, CalibrationRig *rig, QWidget *parent)
    : RigPage(draft, rig, parent), m_name(new QLineEdit(this)), m_home(new QLabel(this)),
      m_park(new QLabel(this)), m_limits(new QLabel(this)), m_direction(new QLabel(this)), m_fov(new QLabel(this)),
      m_speed(new QLabel(this)), m_export(new QPushButton(tr("Export to a file\u2026"), this))
{
    setTitle(tr("Check and save"));
    setSubTitle(tr("Press Finish to save this calibration for this rig. The dial, click-to-turn "
                   "and presets use it from then on."));
    m_name->setObjectName(QStringLiteral("profileName"));
    m_name->setMaxLength(100);
    m_name->setPlaceholderText(tr("e.g. Team table"));
    m_export->setObjectName(QStringLiteral("exportProfile"));
    m_export->setToolTip(tr("Save a copy of this calibration in a file of your choice"));
    m_name->setToolTip(tr("A name for this calibration, shown when it is imported elsewhere"));
    for (QLabel *l : {m_home, m_park, m_limits, m_direction, m_fov, m_speed}) {
        l->setWordWrap(true);
        l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }
    m_home->setObjectName(QStringLiteral("summaryHome"));
    m_park->setObjectName(QStringLiteral("summaryPark"));
    m_limits->setObjectName(QStringLiteral("summaryLimits"));
    m_direction->setObjectName(QStringLiteral("summaryDirection"));
    m_fov->setObjectName(QStringLiteral("summaryFov"));
    m_speed->setObjectName(QStringLiteral("summarySpeed"));

    auto *form = new QFormLayout;
    form->setVerticalSpacing(10);
    form->addRow(tr("Name:"), m_name);
    form->addRow(tr("Home:"), m_home);
    form->addRow(tr("Park (privacy):"), m_park);
    form->addRow(tr("Turns between:"), m_limits);
    form->addRow(tr("Direction:"), m_direction);
    form->addRow(tr("Field of view:"), m_fov);
    form->addRow(tr("Speed:"), m_speed);

    auto *exportRow = new QHBoxLayout;
    exportRow->addStretch(1);
    exportRow->addWidget(m_export);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addSpacing(8);
    layout->addWidget(makeHint(tr("<small>Each step can be repeated with <i>Back</i>. Export "
                                  "keeps a copy to restore later or to use on another "
                                  "computer.</small>"),
        this));
    layout->addStretch(1);
    layout->addLayout(exportRow);
    layout->addWidget(problemLabel());

    connect(m_name, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_draft.name = text.trimmed();
        refresh();
    });
    connect(m_export, &QPushButton::clicked, this, &PageSummary::exportRequested);
}

bool PageSummary::isComplete() const
{
    return !m_draft.name.isEmpty() && m_draft.result(nullptr).has_value();
}

void PageSummary::initializePage()
{
    newVisit();
    if (m_name->text().trimmed() != m_draft.name)
        m_name->setText(m_draft.name);
    refresh();
}

void PageSummary::refresh()
{
    QString error;
    const auto c = m_draft.result(&error);
    if (c) {
        const ServoRange servo = servoRange(*c);
        m_home->setText(tr("servo %1\u00b0").arg(c->homeServoDeg, 0, 'f', 0));
        const double park = c->parkLogicalDeg.value_or(0);
        m_park->setText(tr("%1 (servo %2\u00b0)")
                            .arg(sideOf(park))
                            .arg(servoFromLogical(*c, park), 0, 'f', 0));
        m_limits->setText(tr("%1 and %2 (servo %3\u00b0 to %4\u00b0)")
                              .arg(sideOf(c->minLogicalDeg), sideOf(c->maxLogicalDeg))
                              .arg(servo.min)
                              .arg(servo.max));
        m_direction->setText(c->inverted
                ? tr("a larger servo angle turns the camera left (inverted)")
                : tr("a larger servo angle turns the camera right"));
        m_fov->setText(tr("%1\u00b0").arg(c->hfovDeg, 0, 'f', 1));
    } else {
        for (QLabel *l : {m_home, m_park, m_limits, m_direction, m_fov})
            l->setText(QStringLiteral("\u2014"));
    }
    m_speed->setText(tr("%1\u00b0/s (%2 ms per degree)")
                         .arg(speedForMsPerDegree(m_draft.msPerDegree), 0, 'f', 0)
                         .arg(m_draft.msPerDegree));
    if (!c)
        showProblem(error);
    else if (m_draft.name.isEmpty())
        showProblem(tr("Give the calibration a name."));
    else
        showProblem({});
    m_export->setEnabled(c.has_value() && !m_draft.name.isEmpty());
    emit completeChanged();
}

}  // namespace rudebot
