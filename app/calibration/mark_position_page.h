// A wizard step that marks one position by turning the camera there: home (page_home.h) and
// the park position (page_park.h). The picture, the dial with its keys, a "Mark" button and a
// line that says what is marked; the step says what it stores and when it is complete.
#pragma once
#include <optional>

#include "calibration/rig_page.h"
#include "core/calibration.h"

class QLabel;
class QPushButton;

namespace rudebot {

class JogPanel;
class VideoView;

class MarkPositionPage : public RigPage {
    Q_OBJECT
public:
    VideoView *videoView() const { return m_video; }

protected:
    struct Texts {
        QString name;  // object names: <name>Video, mark<Name>, <name>Text
        QString mark;  // the button: "Mark home"
        QString markTip;
        QString hint;  // under the picture: how to turn
    };
    // marked: the draft's field the Mark button sets, in servo degrees.
    MarkPositionPage(CalibrationDraft &draft, CalibrationRig *rig,
        std::optional<double> CalibrationDraft::*marked, const Texts &texts, QWidget *parent);

    // The marked ends, servo degrees, low then high (0 and 180 before they are marked).
    double lowEnd() const;
    double highEnd() const;
    // The dial on mapping, within the ends, its target at servoDeg.
    void showDial(const Calibration &mapping, double servoDeg);
    void focusDial();
    void setMarkText(const QString &text);
    // After a mark, and on entering the page: the text and any problem.
    virtual void refresh() = 0;

private:
    VideoView *m_video;
    JogPanel *m_jog;
    QPushButton *m_mark;
    QLabel *m_text;
};

}  // namespace rudebot
