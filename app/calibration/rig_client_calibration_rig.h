// CalibrationRig over a RigClient (a direct serial or raw-TCP connection). The client is not
// owned and must outlive this object. While a session runs the client's calibration is wide
// open (home 90, -90..+90, not inverted; the field of view kept), so anything watching the
// client sees servo - 90 as the logical angle. Destroyed mid-session, it restores the
// calibration the client had before beginCalibration().
#pragma once
#include "calibration/calibration_rig.h"

namespace rudebot {

class RigClient;

class RigClientCalibrationRig : public CalibrationRig {
    Q_OBJECT
public:
    explicit RigClientCalibrationRig(RigClient *client, QObject *parent = nullptr);
    ~RigClientCalibrationRig() override;

    QString describe() const override;
    bool isReady() const override;
    bool boardConnected() const override;
    QString statusText() const override;
    Firmware firmware() const override;
    QString firmwareVersion() const override;
    bool hasServoAngle() const override;
    double servoAngle() const override;
    Calibration calibration() const override;

    void beginCalibration() override;
    void endCalibration(const Calibration &calibration) override;
    void jogTo(double servoDeg) override;
    bool canSetSpeed() const override;
    void setMsPerDegree(int msPerDegree) override;

private:
    RigClient *m_client;
    Calibration m_before;
    bool m_inSession = false;
    // The link opened since the last failure to open it: the client reopens it again and
    // again while no firmware answers, which must not read as a flickering "not connected".
    bool m_opened = false;
};

}  // namespace rudebot
