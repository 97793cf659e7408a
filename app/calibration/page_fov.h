// Step 6: the camera's horizontal field of view, for click-to-turn. Measured: at home the user
// clicks a feature that stands still, the page turns kTurnLogicalDeg towards it (so it usually
// crosses the centre; less if a limit is near), the user clicks the same feature again, and
// fovFromClicks() solves the pinhole model. Or typed: the spin box holds the value used, and a
// measurement fills it in. "Measure again" restarts; so does every visit. Always complete
// (the previous value stands until changed).
#pragma once
#include "calibration/rig_page.h"

#include <QPointF>

class QDoubleSpinBox;
class QLabel;
class QPushButton;

namespace rudebot {

class VideoView;

class PageFov : public RigPage {
    Q_OBJECT
public:
    static constexpr double kTurnLogicalDeg = 20;
    static constexpr double kMinTurnLogicalDeg = 8;
    enum class Stage {
        TurningHome,
        FirstClick,
        Turning,
        SecondClick,
        Done
    };
    Q_ENUM(Stage)

    PageFov(CalibrationDraft &draft, CalibrationRig *rig, QWidget *parent = nullptr);
    void initializePage() override;

    VideoView *videoView() const { return m_video; }
    Stage stage() const { return m_stage; }
    double turnLogical() const { return m_turnLogical; }  // of the last measurement

private:
    void restart();
    void onClicked(QPointF normalized);
    void setStage(Stage stage);

    VideoView *m_video;
    QLabel *m_steps;
    QLabel *m_result;
    QPushButton *m_again;
    QDoubleSpinBox *m_hfov;
    Stage m_stage = Stage::TurningHome;
    double m_x1 = 0;
    double m_servo1 = 0;
    double m_servo2 = 0;
    double m_turnLogical = 0;
};

}  // namespace rudebot
