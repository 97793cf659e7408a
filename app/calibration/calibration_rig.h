// What the calibration wizard needs from a rig, whatever carries it. The app implements it
// with a RigClient (RigClientCalibrationRig) or, later, a station client; tests may use either.
//
// Angles here are SERVO degrees, 0..180 (the firmware's own), never logical ones: the wizard
// is finding out what logical means for this rig.
//
// Lifetime of a session: beginCalibration() lifts the soft limits so jogTo() reaches any servo
// angle; endCalibration(c) makes c the calibration enforced from then on (the new one after
// Finish, the previous one after Cancel).
#pragma once
#include <QObject>
#include <QString>

#include "core/calibration.h"

namespace rudebot {

class CalibrationRig : public QObject {
    Q_OBJECT
public:
    enum class Firmware {
        None,  // nothing answers (yet): no board, or a board without a sketch we know
        Seed,  // the 2011 firmware: blocks while turning, fixed 30 ms/degree, no position
        Rudebot,  // ours: position, stop, speed
    };
    Q_ENUM(Firmware)

    using QObject::QObject;

    virtual QString describe() const = 0;  // "serial /dev/ttyACM0", for the connect page
    virtual bool isReady() const = 0;  // connected and the firmware known
    // The port opens, whether or not a firmware we know answers: a new Uno (only a
    // bootloader, or an unknown sketch) is connected but not ready, and can be flashed.
    virtual bool boardConnected() const { return isReady(); }
    virtual QString statusText() const = 0;  // "Connecting…", "Waiting for the board…", "Connected"
    virtual Firmware firmware() const = 0;
    virtual QString firmwareVersion() const = 0;  // "1.0.0"; empty if not announced

    virtual bool hasServoAngle() const = 0;
    virtual double servoAngle() const = 0;  // reported or measured, servo degrees
    virtual Calibration calibration() const = 0;  // what the rig enforced before the session

    virtual void beginCalibration() = 0;
    virtual void endCalibration(const Calibration &calibration) = 0;
    // Turns to servoDeg (0..180, rounded to whole degrees), ignoring soft limits. arrived()
    // follows once the rig stands there, also when it already did.
    virtual void jogTo(double servoDeg) = 0;
    virtual bool canSetSpeed() const = 0;  // our firmware only
    virtual void setMsPerDegree(int msPerDegree) = 0;  // 1..99; ignored unless canSetSpeed()

signals:
    void statusChanged();  // ready, status text or firmware changed
    void angleChanged(double servoDeg);
    void arrived(double servoDeg);
    void errorOccurred(const QString &message);  // what happened and what to do
};

}  // namespace rudebot
