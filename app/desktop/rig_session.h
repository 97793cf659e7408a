// What the remote window needs from "the rig over there", whatever carries it: a station over
// TLS (StationRigSession) or the rig's own serial port or raw bridge (DirectSession). The window
// only sees this, so tests drive it with a small fake.
//
// Angles are logical degrees: 0 = home, positive = turned right as seen by the camera
// (calibration.h). The session publishes a whole snapshot whenever anything changes.
#pragma once
#include <QByteArray>
#include <QObject>
#include <QString>
#include <QUrl>

#include "core/calibration.h"

namespace rudebot {

// Where the picture comes from. MJPEG is decoded by our own code (MjpegClient); anything else
// goes through QMediaPlayer.
struct VideoSpec {
    enum class Kind {
        None,
        Mjpeg,
        Media
    };
    Kind kind = Kind::None;
    QUrl url;
    QByteArray pinnedFingerprint;  // lower-case hex SHA-256; empty = normal certificate checks
    QByteArray bearerToken;  // sent as "Authorization: Bearer <token>"; empty = none
    bool operator==(const VideoSpec &o) const
    {
        return kind == o.kind && url == o.url && pinnedFingerprint == o.pinnedFingerprint
            && bearerToken == o.bearerToken;
    }
    bool operator!=(const VideoSpec &o) const { return !(*this == o); }
};

struct SessionSnapshot {
    enum class Status {
        Disconnected,
        Connecting,
        Connected,
        Rejected
    };
    Status status = Status::Disconnected;
    QString statusText;  // "Connected", "Waiting for the board…": for the status panel

    bool hasActual = false;
    double actualLogical = 0;
    bool hasTarget = false;
    double targetLogical = 0;
    bool moving = false;
    Calibration calibration;
    bool stationPark = false;  // the station decides where "Park" is (parkLogical)
    double parkLogical = 0;

    // Someone else has the controls (office override, privacy park lock): watch only.
    bool controlsLocked = false;
    QString lockMessage;  // what happened and when the controls come back
    // The office or another remote has the controls and the office can be asked for them.
    bool canAskForControl = false;
    // The fastest this rig may turn, ms per degree (the station's calibrated speed); 0 = no
    // speed choice here (a direct connection, the 2011 firmware).
    int fastestMsPerDeg = 0;
    bool videoPaused = false;  // the office paused the picture (privacy): nothing may keep it
    bool directionUnchecked = false;  // nobody checked which way the rig turns: say so

    QString firmware;  // "Rudebot firmware 1.0.0", "2011 firmware", empty = unknown
    int rttMs = -1;  // last round trip, -1 = not measured
    VideoSpec video;
};

class RigSession : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

    // A stable name for this rig, to keep presets and the video address per rig.
    virtual QString rigId() const = 0;
    // For titles and the status panel: "Station “Office” at 127.0.0.1:47800".
    virtual QString describe() const = 0;

    virtual void start() = 0;  // connects, and keeps reconnecting until stop()
    virtual void stop() = 0;
    virtual void setTargetLogical(double logicalDeg) = 0;
    virtual void stopMotion() = 0;  // the current angle becomes the target
    // Asks the office for control (a station only); the answer comes as controlAnswered.
    virtual void askForControl() { }
    // How fast later moves turn, ms per degree (0 = as fast as the rig allows; larger =
    // slower). Only where snapshot().fastestMsPerDeg says the rig offers a choice.
    virtual void setSpeed(int msPerDeg) { Q_UNUSED(msPerDeg); }

    const SessionSnapshot &snapshot() const { return m_snapshot; }

signals:
    void snapshotChanged();
    void refused(const QString &reason);  // a move the station did not allow
    void controlAnswered(bool granted, const QString &message);  // the office's, to show
    void errorOccurred(const QString &message);  // what happened and what to do

protected:
    void publish(const SessionSnapshot &snapshot)
    {
        m_snapshot = snapshot;
        emit snapshotChanged();
    }

private:
    SessionSnapshot m_snapshot;
};

}  // namespace rudebot
