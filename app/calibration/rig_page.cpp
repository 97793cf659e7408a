#include "calibration/rig_page.h"

#include <QBoxLayout>
#include <QLabel>
#include <QTimer>
#include <cmath>

#include "calibration/jog_panel.h"
#include "ui/palette_contrast.h"

namespace rudebot {

RigPage::RigPage(CalibrationDraft &draft, CalibrationRig *rig, QWidget *parent)
    : QWizardPage(parent), m_draft(draft), m_rig(rig), m_problem(new QLabel(this))
{
    m_problem->setObjectName(QStringLiteral("problem"));
    m_problem->setWordWrap(true);
    m_problem->setVisible(false);
    m_problem->setPalette(withErrorText(m_problem->palette()));  // AA in both themes
    connect(m_rig, &CalibrationRig::arrived, this, &RigPage::onArrived);
}

void RigPage::cleanupPage()
{
    leave();
    QWizardPage::cleanupPage();
}

void RigPage::leave()
{
    newVisit();
}

void RigPage::setVideoAvailable(bool available)
{
    if (available == m_videoAvailable)
        return;
    m_videoAvailable = available;
    videoAvailabilityChanged();
}

double RigPage::markHere(JogPanel *jog)
{
    if (!m_rig->hasServoAngle())
        return jog->targetServo();
    const double here = std::round(m_rig->servoAngle());
    if (std::abs(here - jog->targetServo()) >= 0.5) {
        jog->setTargetServo(here);
        moveTo(here);
    }
    return here;
}

void RigPage::newVisit()
{
    ++m_visit;
    m_pendingTarget = -1;
    m_then = nullptr;
    showProblem({});
}

void RigPage::moveTo(double servoDeg, std::function<void()> then, bool settle)
{
    const quint64 visit = ++m_visit;
    m_pendingTarget = std::round(qBound(0.0, servoDeg, 180.0));
    m_then = std::move(then);
    m_settle = settle;
    showProblem({});
    m_rig->jogTo(m_pendingTarget);
    QTimer::singleShot(kArrivalTimeoutMs, this, [this, visit] {
        if (visit != m_visit || m_pendingTarget < 0)
            return;
        const double target = m_pendingTarget;
        m_pendingTarget = -1;
        m_then = nullptr;
        moveFailed();
        showProblem(tr("The rig has not reached servo %1\u00b0 after %2 s. Check the "
                       "connection and that nothing blocks the camera, then try again.")
                        .arg(target)
                        .arg(kArrivalTimeoutMs / 1000));
    });
}

void RigPage::onArrived(double servoDeg)
{
    // One degree of slack: the 2011 firmware is kept off the last degree of its range.
    if (m_pendingTarget < 0 || std::abs(servoDeg - m_pendingTarget) > 1)
        return;
    m_pendingTarget = -1;
    showProblem({});
    auto then = std::move(m_then);
    m_then = nullptr;
    if (!then)
        return;
    if (!m_settle) {
        then();
        return;
    }
    const quint64 visit = m_visit;
    QTimer::singleShot(kSettleMs, this, [this, visit, then] {
        if (visit == m_visit)
            then();
    });
}

void RigPage::showProblem(const QString &text)
{
    m_problem->setText(text);
    m_problem->setVisible(!text.isEmpty());
}

QLabel *RigPage::makeHint(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::RichText);
    return label;
}

void RigPage::layOutColumns(QLayout *main, QLayout *side)
{
    auto *row = new QHBoxLayout;
    row->addLayout(main, 3);
    row->addLayout(side, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(row, 1);
    layout->addWidget(problemLabel());
}

}  // namespace rudebot
