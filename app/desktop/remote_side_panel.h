// The remote view's side panel, a passive widget: the dial and Stop, the presets, and the
// connection's state, round trip, firmware and rig. The window wires its parts to the session.
#pragma once
#include <QWidget>

class QFormLayout;
class QLabel;
class QPushButton;
class QSlider;

namespace rudebot {

class PresetsPanel;
class RigDial;

class RemoteSidePanel : public QWidget {
    Q_OBJECT
public:
    explicit RemoteSidePanel(QWidget *parent = nullptr);

    RigDial *dial() const { return m_dial; }
    QPushButton *stopButton() const { return m_stop; }
    QSlider *speedSlider() const { return m_speed; }
    PresetsPanel *presets() const { return m_presets; }
    QPushButton *askButton() const { return m_ask; }  // "Ask for control"

    // available: someone else has the controls and the office can be asked; asked: waiting.
    void setAskForControl(bool available, bool asked);

    // The connection box; each text as shown ("–" for unknown is the caller's choice).
    void setConnection(const QString &state, const QString &roundTrip, const QString &firmware,
        const QString &rig);
    // A "Turning: not checked" row while nobody has checked which way the rig turns; hidden
    // otherwise. Kept while the message bar shows other news.
    void setDirectionUnchecked(bool unchecked);
    // The speed slider, in degrees per second up to what the rig allows (fastestMsPerDeg, ms
    // per degree; 0 = no choice here: hidden). chosenMsPerDeg 0 = as fast as allowed.
    void setSpeedChoice(int fastestMsPerDeg, int chosenMsPerDeg);
    bool directionUncheckedShown() const;

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
    QLabel *m_stateLabel;
    QLabel *m_rttLabel;
    QLabel *m_firmwareLabel;
    QLabel *m_rigLabel;
    QLabel *m_uncheckedLabel;
    QFormLayout *m_form;
};

}  // namespace rudebot
