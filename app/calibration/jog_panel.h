// The dial of the limits and home pages, in servo degrees. Passive: emits jogRequested(servo)
// for the dial's clicks, drags, wheel and keys (Left/Right 1 degree, Shift 10 degrees), shows
// the actual angle it is given. The dial itself speaks logical degrees; the panel converts with
// the mapping it is handed (home and direction as known so far; its limits are ignored).
#pragma once
#include <QWidget>

#include "core/calibration.h"

class QLabel;

namespace rudebot {

class RigDial;

class JogPanel : public QWidget {
    Q_OBJECT
public:
    explicit JogPanel(QWidget *parent = nullptr);

    RigDial *dial() const { return m_dial; }
    double targetServo() const;  // whole servo degrees the user last asked for (or was shown)

    void setMapping(const Calibration &mapping);
    void setServoLimits(double lowServo, double highServo);  // the range the dial lets you reach
    void setTargetServo(double servoDeg);  // shown, not emitted
    void setActualServo(double servoDeg);

signals:
    void jogRequested(double servoDeg);

private:
    double toLogical(double servoDeg) const;
    double toServo(double logicalDeg) const;
    void updateReadout();

    RigDial *m_dial;
    QLabel *m_readout;
    Calibration m_map;
    double m_actualServo = -1;
};

}  // namespace rudebot
