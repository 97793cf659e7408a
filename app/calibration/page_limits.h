// Step 3: the soft limits. The user turns the camera with the dial or the keys (Left/Right 1
// degree, Shift 10 degrees) and marks each end: where the cable starts to pull, or where the
// view stops being useful. Marks can be set again any number of times. Complete once both
// ends are marked at least 2 degrees apart.
#pragma once
#include "calibration/rig_page.h"

class QLabel;
class QPushButton;

namespace rudebot {

class JogPanel;
class VideoView;

class PageLimits : public RigPage {
    Q_OBJECT
public:
    PageLimits(CalibrationDraft &draft, CalibrationRig *rig, QWidget *parent = nullptr);
    bool isComplete() const override;
    void initializePage() override;

    VideoView *videoView() const { return m_video; }

private:
    void mark(bool left);
    void refresh();

    VideoView *m_video;
    JogPanel *m_jog;
    QPushButton *m_markLeft;
    QPushButton *m_markRight;
    QLabel *m_leftText;
    QLabel *m_rightText;
};

}  // namespace rudebot
