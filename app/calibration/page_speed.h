// Step 7: how fast the camera turns. The user picks degrees per second; the page shows the
// firmware's ms per degree (Snn, 1..99) and "Try this speed" sets it, turns from home by up to
// kTestTurnLogicalDeg (within the limits), measures the move and shows it, then turns back.
// With the 2011 firmware the speed is fixed at 30 ms per degree; the move can still be timed.
// Always complete.
#pragma once
#include "calibration/rig_page.h"

#include <QElapsedTimer>

class QLabel;
class QPushButton;
class QSpinBox;

namespace rudebot {

class VideoView;

class PageSpeed : public RigPage {
    Q_OBJECT
public:
    static constexpr double kTestTurnLogicalDeg = 30;

    PageSpeed(CalibrationDraft &draft, CalibrationRig *rig, QWidget *parent = nullptr);
    void initializePage() override;

    VideoView *videoView() const { return m_video; }  // watch the trial turn
    int measuredMs() const { return m_measuredMs; }  // -1 until a move was timed on this visit

private:
    void moveFailed() override;
    void updateSetting();
    void tryIt();

    VideoView *m_video;
    QSpinBox *m_speed;
    QLabel *m_setting;
    QPushButton *m_try;
    QLabel *m_measured;
    QElapsedTimer m_clock;
    double m_testDeg = 0;
    int m_measuredMs = -1;
};

}  // namespace rudebot
