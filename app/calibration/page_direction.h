// Step 5: which way is right. The page turns home, keeps a still of the picture, turns the
// servo by kTurnServoDeg towards the larger angle (the smaller one if that end is too close)
// and asks which way the picture moved. Content moving left means the camera turned right;
// from that and the servo's turn comes Calibration::inverted. "Turn again" repeats it; the
// answer is cleared on every visit. Complete once answered.
// Without a picture (no camera, or nothing arrives) the page never asks about black panes: it
// hides them and asks which way the camera itself turned, seen from behind it, so the answer
// still comes from what someone saw and is never guessed.
#pragma once
#include "calibration/rig_page.h"

class QLabel;
class QPushButton;

namespace rudebot {

class SnapshotView;
class VideoView;

class PageDirection : public RigPage {
    Q_OBJECT
public:
    static constexpr double kTurnServoDeg = 10;

    PageDirection(CalibrationDraft &draft, CalibrationRig *rig, QWidget *parent = nullptr);
    bool isComplete() const override;
    void initializePage() override;

    VideoView *videoView() const { return m_video; }
    double servoTurn() const { return m_turn; }  // of the last turn, servo degrees

private:
    void start();
    void answer(bool pictureMovedLeft);
    void setAsking(bool asking);
    void videoAvailabilityChanged() override;
    void showQuestion();
    void relabel();

    VideoView *m_video;
    SnapshotView *m_before;
    QLabel *m_status;
    QPushButton *m_movedLeft;
    QPushButton *m_movedRight;
    QPushButton *m_again;
    QWidget *m_pictures;
    bool m_asking = false;
    double m_turn = 0;
};

}  // namespace rudebot
