// What a station tells its clients about the rig and who controls it: the "state" message
// (docs/station.md). The station fills one and sends toJson(); clients read it with fromJson().
// Servo degrees unless named logical.
#pragma once
#include <QJsonObject>
#include <QList>
#include <QString>

#include "core/calibration.h"

namespace rudebot {

struct StationState {
    QString station;
    quint16 videoPort = 0;  // the station's MJPEG over HTTPS port; 0 = no video
    QString link;  // "ready", "connecting", "awaiting-board", "disconnected"
    QString firmware;  // "rudebot", "seed", "unknown"
    QString version;
    QString rigMessage;  // the rig's last problem, for the user
    QString linkDescription;  // how the station reaches the rig ("serial /dev/ttyACM0")
    int angle = -1;  // servo degrees, -1 unknown
    int target = -1;  // servo degrees, -1 none
    bool moving = false;
    Calibration calibration;
    // false: nobody has checked which way this rig turns (a real board on the default guess);
    // remotes say so. Stations that predate the field: true.
    bool directionChecked = true;
    // The calibrated speed, ms per degree: the fastest the station turns the rig for anyone.
    // A remote may ask for slower (station::Speed). Stations that predate the field: 30.
    int fastestMsPerDeg = 30;
    QString holder;  // the remote turning the rig now, if any
    int holderId = 0;
    bool overrideHeld = false;
    QString overrideBy;
    QString overrideReason;  // "calibrating" while the office's wizard runs; empty otherwise
    bool parkLocked = false;
    QString parkBy;
    double parkServo = 90;
    bool videoPaused = false;  // no camera frames to remotes (park lock or the office's pause)
    QString privacyMessage;  // what remotes show instead of the picture, e.g. "video paused for
                             // privacy"
    QString videoPausedBy;  // who in the office paused the video without parking; empty: nobody
    struct Client {
        int id = 0;
        QString name;
        QString kind;  // "remote", "office", "raw"
        friend bool operator==(const Client &a, const Client &b)
        {
            return a.id == b.id && a.name == b.name && a.kind == b.kind;
        }
    };
    QList<Client> clients;
    QList<Client> asking;  // remotes asking the office for control, oldest first

    QJsonObject toJson() const;  // the whole message, "type": "state" included
    // Missing or mistyped fields take the defaults above; never fails.
    static StationState fromJson(const QJsonObject &o);
    friend bool operator==(const StationState &a, const StationState &b);
};

}  // namespace rudebot
