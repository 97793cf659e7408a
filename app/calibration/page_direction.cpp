#include "calibration/page_direction.h"

#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include "calibration/calibration_math.h"
#include "calibration/picture_row.h"
#include "calibration/snapshot_view.h"
#include "ui/video_view.h"

namespace rudebot {

PageDirection::PageDirection(CalibrationDraft &draft, CalibrationRig *rig, QWidget *parent)
    : RigPage(draft, rig, parent), m_video(new VideoView(this)),
      m_before(new SnapshotView(tr("Before the turn"), this)), m_status(new QLabel(this)),
      m_movedLeft(new QPushButton(tr("\u25c0  The picture moved left"), this)),
      m_movedRight(new QPushButton(tr("The picture moved right  \u25b6"), this)),
      m_again(new QPushButton(tr("Turn again"), this))
{
    setTitle(tr("Which way is right?"));
    setSubTitle(tr("The wizard turns the camera a little. Compare the picture with the still "
                   "taken before the turn and say which way things in the room moved."));
    m_video->setObjectName(QStringLiteral("directionVideo"));
    m_video->setPlaceholderText(tr("The camera's picture appears here."));
    m_status->setObjectName(QStringLiteral("directionStatus"));
    m_status->setWordWrap(true);
    QFont big = m_status->font();
    big.setPointSizeF(big.pointSizeF() * 1.15);
    m_status->setFont(big);
    m_movedLeft->setObjectName(QStringLiteral("movedLeft"));
    m_movedRight->setObjectName(QStringLiteral("movedRight"));
    m_again->setObjectName(QStringLiteral("turnAgain"));
    m_again->setToolTip(tr("Turn home and then a little again, to look once more"));
    for (QPushButton *b : {m_movedLeft, m_movedRight})
        b->setMinimumHeight(b->sizeHint().height() * 3 / 2);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_movedLeft, 2);
    buttons->addWidget(m_movedRight, 2);
    buttons->addSpacing(24);
    buttons->addWidget(m_again, 1);

    m_pictures = new PictureRow({m_before, m_video}, this);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_pictures);
    layout->addSpacing(6);
    layout->addWidget(m_status);
    layout->addLayout(buttons);
    layout->addWidget(problemLabel());
    layout->addStretch(1);

    // Watching the rig instead of the picture, the left button says "the camera turned left":
    // the picture then moved right.
    connect(m_movedLeft, &QPushButton::clicked, this, [this] { answer(videoAvailable()); });
    connect(m_movedRight, &QPushButton::clicked, this, [this] { answer(!videoAvailable()); });
    connect(m_again, &QPushButton::clicked, this, &PageDirection::start);
    setAsking(false);
}

bool PageDirection::isComplete() const
{
    return m_draft.inverted.has_value();
}

void PageDirection::initializePage()
{
    newVisit();
    m_draft.inverted.reset();
    emit completeChanged();
    start();
}

void PageDirection::start()
{
    const double home = m_draft.homeServo.value_or(m_draft.before.homeServoDeg);
    const double lo = qMin(m_draft.leftEndServo.value_or(0), m_draft.rightEndServo.value_or(180));
    const double hi = qMax(m_draft.leftEndServo.value_or(0), m_draft.rightEndServo.value_or(180));
    // Towards the larger angle when there is room; otherwise as far as the other end allows.
    if (hi - home >= kTurnServoDeg)
        m_turn = kTurnServoDeg;
    else if (home - lo >= kTurnServoDeg)
        m_turn = -kTurnServoDeg;
    else
        m_turn = hi - home >= home - lo ? hi - home : -(home - lo);
    setAsking(false);
    m_before->clear();
    m_status->setText(tr("Turning to home\u2026"));
    moveTo(
        home,
        [this, home] {
            m_before->setImage(m_video->frame());
            m_status->setText(tr("Turning a little\u2026 watch the picture."));
            moveTo(
                home + m_turn,
                [this] {
                    setAsking(true);
                    showQuestion();
                },
                true);
        },
        true);
}

void PageDirection::answer(bool pictureMovedLeft)
{
    const bool inverted =
        invertedFromAnswer(m_turn, pictureMovedLeft ? PictureMoved::Left : PictureMoved::Right);
    m_draft.inverted = inverted;
    setAsking(false);
    m_again->setEnabled(true);
    m_status->setText(
        tr("\u2714 Got it: the camera turned %1, so a larger servo angle turns it "
           "<b>%2</b>. Turning back home.")
            .arg(pictureMovedLeft ? tr("right") : tr("left"), inverted ? tr("left") : tr("right")));
    moveTo(m_draft.homeServo.value_or(m_draft.before.homeServoDeg));
    emit completeChanged();
}

void PageDirection::setAsking(bool asking)
{
    m_asking = asking;
    m_movedLeft->setEnabled(asking);
    m_movedRight->setEnabled(asking);
    m_again->setEnabled(asking);
    relabel();
}

void PageDirection::showQuestion()
{
    if (videoAvailable())
        m_status->setText(tr("<b>Which way did the picture move?</b> Look at something that "
                             "stands still, like a door or a desk."));
    else
        m_status->setText(tr("<b>No picture from the camera.</b> Stand behind the laptop and "
                             "watch the rig: <b>which way did the camera turn?</b> Press "
                             "<i>Turn again</i> to see it once more."));
}

void PageDirection::relabel()
{
    const bool video = videoAvailable();
    m_pictures->setVisible(video);
    m_movedLeft->setText(
        video ? tr("\u25c0  The picture moved left") : tr("\u25c0  The camera turned left"));
    m_movedRight->setText(
        video ? tr("The picture moved right  \u25b6") : tr("The camera turned right  \u25b6"));
    m_movedLeft->setAccessibleDescription(video
            ? tr("Things in the room moved to the left of the picture during the turn")
            : tr("Seen from behind the laptop, the camera turned to the left"));
    m_movedRight->setAccessibleDescription(video
            ? tr("Things in the room moved to the right of the picture during the turn")
            : tr("Seen from behind the laptop, the camera turned to the right"));
}

void PageDirection::videoAvailabilityChanged()
{
    relabel();
    if (m_asking)
        showQuestion();  // the question must match what the user can look at
}

}  // namespace rudebot
