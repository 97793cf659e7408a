#include "remote/station_state.h"

#include <QJsonArray>

namespace rudebot {

StationState StationState::fromJson(const QJsonObject &o)
{
    StationState s;
    s.station = o.value("station").toString();
    s.videoPort = quint16(o.value("video_port").toInt());
    const QJsonObject rig = o.value("rig").toObject();
    s.link = rig.value("link").toString();
    s.firmware = rig.value("firmware").toString();
    s.version = rig.value("version").toString();
    s.rigMessage = rig.value("message").toString();
    s.angle = rig.value("angle").toInt(-1);
    s.target = rig.value("target").toInt(-1);
    s.moving = rig.value("moving").toBool();
    const QJsonObject cal = o.value("calibration").toObject();
    s.calibration.homeServoDeg = cal.value("home").toDouble(90);
    s.calibration.minLogicalDeg = cal.value("min").toDouble(-90);
    s.calibration.maxLogicalDeg = cal.value("max").toDouble(90);
    s.calibration.inverted = cal.value("inverted").toBool();
    s.calibration.hfovDeg = cal.value("hfov").toDouble(60);
    const QJsonObject control = o.value("control").toObject();
    s.holder = control.value("holder").toString();
    s.holderId = control.value("holder_id").toInt();
    s.overrideHeld = control.value("override").toBool();
    s.overrideBy = control.value("override_by").toString();
    s.overrideReason = control.value("override_reason").toString();
    s.parkLocked = control.value("park_locked").toBool();
    s.parkBy = control.value("park_by").toString();
    s.parkServo = control.value("park_servo").toDouble(90);
    for (const QJsonValue &v : o.value("clients").toArray()) {
        const QJsonObject c = v.toObject();
        s.clients.append({c.value("id").toInt(), c.value("name").toString(), c.value("kind").toString()});
    }
    return s;
}

} // namespace rudebot
