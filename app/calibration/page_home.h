// Step 4: home, the direction the camera faces by default (logical 0): the team's table, the
// main door. Turned as on the limits page, within the marked ends. Complete once home is marked
// between the ends.
#pragma once
#include "calibration/rig_page.h"

class QLabel;
class QPushButton;

namespace rudebot {

class JogPanel;
class VideoView;

class PageHome : public RigPage {
    Q_OBJECT
public:
    PageHome(CalibrationDraft &draft, CalibrationRig *rig, QWidget *parent = nullptr);
    bool isComplete() const override;
    void initializePage() override;

    VideoView *videoView() const { return m_video; }

private:
    void refresh();

    VideoView *m_video;
    JogPanel *m_jog;
    QPushButton *m_markHome;
    QLabel *m_homeText;
};

}  // namespace rudebot
