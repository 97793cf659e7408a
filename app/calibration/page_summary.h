// Step 8: what was measured, under a name. Finish saves it (the wizard does, and shows a
// failure here). Complete when the draft gives a valid calibration and the name is not blank.
#pragma once
#include "calibration/rig_page.h"

class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;

namespace rudebot {

class PageSummary : public RigPage {
    Q_OBJECT
public:
    PageSummary(CalibrationDraft &draft, CalibrationRig *rig, QWidget *parent = nullptr);
    bool isComplete() const override;
    void initializePage() override;

    void setSaveError(const QString &message) { showProblem(message); }

signals:
    void exportRequested();

private:
    void refresh();

    QLineEdit *m_name;
    QLabel *m_home;
    QLabel *m_park;
    QLabel *m_limits;
    QLabel *m_direction;
    QLabel *m_fov;
    QLabel *m_speed;
    QPushButton *m_export;
};

}  // namespace rudebot
