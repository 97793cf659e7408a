// The remote view's side panel, a passive widget: the dial, Stop, the speed, Ask for control
// and the presets (the connection's details are under the picture: connection_strip.h). The
// window wires its parts to the session.
#pragma once
#include <QWidget>

class QLabel;
class QPushButton;
class QSlider;

namespace rudebot {

class PresetsPanel;
class RigDial;

class RemoteSidePanel : public QWidget {
    Q_OBJECT
public:
    static constexpr int kWidth = 260;  // pixels: the dial and a preset's name fit

    explicit RemoteSidePanel(QWidget *parent = nullptr);

    RigDial *dial() const { return m_dial; }
    QPushButton *stopButton() const { return m_stop; }
    QSlider *speedSlider() const { return m_speed; }
    PresetsPanel *presets() const { return m_presets; }
    QPushButton *askButton() const { return m_ask; }  // "Ask for control"

    // available: someone else has the controls and the office can be asked; asked: waiting.
    void setAskForControl(bool available, bool asked);

    // The speed slider, in degrees per second up to what the rig allows (fastestMsPerDeg, ms
    // per degree; 0 = no choice here: hidden). chosenMsPerDeg 0 = as fast as allowed.
    void setSpeedChoice(int fastestMsPerDeg, int chosenMsPerDeg);

signals:
    // The user moved the speed slider: ms per degree, 0 = as fast as the rig allows.
    void speedChosen(int msPerDeg);

private:
    RigDial *m_dial;
    QPushButton *m_stop;
    QPushButton *m_ask;
    QSlider *m_speed;
    QLabel *m_speedValue;
    QWidget *m_speedRow;
    PresetsPanel *m_presets;
};

}  // namespace rudebot
