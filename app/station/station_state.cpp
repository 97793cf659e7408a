#include "station/station_state.h"

#include <QJsonArray>

namespace rudebot {

namespace {

QJsonValue angleOrNull(int servoDeg)
{
    return servoDeg >= 0 ? QJsonValue(servoDeg) : QJsonValue();
}

bool sameCalibration(const Calibration &a, const Calibration &b)
{
    return a.homeServoDeg == b.homeServoDeg && a.minLogicalDeg == b.minLogicalDeg
        && a.maxLogicalDeg == b.maxLogicalDeg && a.inverted == b.inverted && a.hfovDeg == b.hfovDeg;
}

}  // namespace

QJsonObject StationState::toJson() const
{
    QJsonObject rig{{"link", link}, {"firmware", firmware}, {"version", version},
        {"moving", moving}, {"message", rigMessage}, {"angle", angleOrNull(angle)},
        {"target", angleOrNull(target)}};
    if (!linkDescription.isEmpty())  // the office's own tools only (Station::stateJsonFor)
        rig.insert("describe", linkDescription);
    const QJsonObject cal{{"home", calibration.homeServoDeg}, {"min", calibration.minLogicalDeg},
        {"max", calibration.maxLogicalDeg}, {"inverted", calibration.inverted},
        {"hfov", calibration.hfovDeg}, {"checked", directionChecked},
        {"ms_per_deg", fastestMsPerDeg}};
    QJsonArray askers;
    for (const Client &c : asking)
        askers.append(QJsonObject{{"id", c.id}, {"name", c.name}, {"kind", c.kind}});
    const QJsonObject control{{"holder", holder.isEmpty() ? QJsonValue() : QJsonValue(holder)},
        {"holder_id", holderId}, {"override", overrideHeld}, {"override_by", overrideBy},
        {"override_reason", overrideReason}, {"park_locked", parkLocked}, {"park_by", parkBy},
        {"park_servo", parkServo}, {"asking", askers}};
    // What remotes show instead of the picture while video is paused.
    const QJsonObject privacy{{"video_paused", videoPaused}, {"message", privacyMessage},
        {"paused_by", videoPausedBy}};
    QJsonArray list;
    for (const Client &c : clients)
        list.append(QJsonObject{{"id", c.id}, {"name", c.name}, {"kind", c.kind}});
    return {{"type", "state"}, {"station", station}, {"video_port", videoPort}, {"rig", rig},
        {"calibration", cal}, {"control", control}, {"privacy", privacy}, {"clients", list}};
}

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
    s.linkDescription = rig.value("describe").toString();
    s.angle = rig.value("angle").toInt(-1);
    s.target = rig.value("target").toInt(-1);
    s.moving = rig.value("moving").toBool();
    const QJsonObject cal = o.value("calibration").toObject();
    const Calibration defaults;
    s.calibration.homeServoDeg = cal.value("home").toDouble(defaults.homeServoDeg);
    s.calibration.minLogicalDeg = cal.value("min").toDouble(defaults.minLogicalDeg);
    s.calibration.maxLogicalDeg = cal.value("max").toDouble(defaults.maxLogicalDeg);
    s.calibration.inverted = cal.value("inverted").toBool(defaults.inverted);
    s.calibration.hfovDeg = cal.value("hfov").toDouble(defaults.hfovDeg);
    s.directionChecked = cal.value("checked").toBool(true);
    s.fastestMsPerDeg = cal.value("ms_per_deg").toInt(30);
    const QJsonObject control = o.value("control").toObject();
    s.holder = control.value("holder").toString();
    s.holderId = control.value("holder_id").toInt();
    s.overrideHeld = control.value("override").toBool();
    s.overrideBy = control.value("override_by").toString();
    s.overrideReason = control.value("override_reason").toString();
    s.parkLocked = control.value("park_locked").toBool();
    s.parkBy = control.value("park_by").toString();
    s.parkServo = control.value("park_servo").toDouble(90);
    for (const QJsonValue &v : control.value("asking").toArray()) {
        const QJsonObject c = v.toObject();
        s.asking.append(
            {c.value("id").toInt(), c.value("name").toString(), c.value("kind").toString()});
    }
    const QJsonObject privacy = o.value("privacy").toObject();
    s.videoPaused = privacy.value("video_paused").toBool();
    s.privacyMessage = privacy.value("message").toString();
    s.videoPausedBy = privacy.value("paused_by").toString();
    for (const QJsonValue &v : o.value("clients").toArray()) {
        const QJsonObject c = v.toObject();
        s.clients.append(
            {c.value("id").toInt(), c.value("name").toString(), c.value("kind").toString()});
    }
    return s;
}

bool operator==(const StationState &a, const StationState &b)
{
    return a.station == b.station && a.videoPort == b.videoPort && a.link == b.link
        && a.firmware == b.firmware && a.version == b.version && a.rigMessage == b.rigMessage
        && a.linkDescription == b.linkDescription && a.angle == b.angle && a.target == b.target
        && a.moving == b.moving && sameCalibration(a.calibration, b.calibration)
        && a.directionChecked == b.directionChecked && a.fastestMsPerDeg == b.fastestMsPerDeg
        && a.holder == b.holder && a.holderId == b.holderId && a.overrideHeld == b.overrideHeld
        && a.overrideBy == b.overrideBy && a.overrideReason == b.overrideReason
        && a.parkLocked == b.parkLocked && a.parkBy == b.parkBy && a.parkServo == b.parkServo
        && a.videoPaused == b.videoPaused && a.privacyMessage == b.privacyMessage
        && a.videoPausedBy == b.videoPausedBy
        && a.clients == b.clients && a.asking == b.asking;
}

}  // namespace rudebot
