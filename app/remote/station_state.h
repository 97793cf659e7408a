// What a station tells its clients about the rig and who controls it (docs/station.md).
// Servo degrees unless named logical; parsed from the station's "state" message.
#pragma once
#include <QJsonObject>
#include <QList>
#include <QString>

#include "core/calibration.h"

namespace rudebot {

struct StationState {
    QString station;
    quint16 videoPort = 0;  // the station's MJPEG over HTTPS port; 0 = no video
    QString link;      // "ready", "connecting", "awaiting-board", "disconnected"
    QString firmware;  // "rudebot", "seed", "unknown"
    QString version;
    QString rigMessage;  // the rig's last problem, for the user
    int angle = -1;      // servo degrees, -1 unknown
    int target = -1;
    bool moving = false;
    Calibration calibration;
    QString holder;  // the remote turning the rig now, if any
    int holderId = 0;
    bool overrideHeld = false;
    QString overrideBy;
    QString overrideReason;  // "calibrating" while the office's wizard runs; empty otherwise
    bool parkLocked = false;
    QString parkBy;
    double parkServo = 90;
    struct Client {
        int id = 0;
        QString name;
        QString kind;
    };
    QList<Client> clients;

    static StationState fromJson(const QJsonObject &o);
};

} // namespace rudebot
