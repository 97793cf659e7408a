// One name per rig, for what this computer keeps per rig: calibration profiles, presets and the
// video address. The same rig gets the same name however it was reached last time:
//   through a station:      "station-" + the first 16 hex digits of its certificate fingerprint
//   an Arduino with a USB serial number: "usb-" + that number (found again on any port)
//   any other serial port:  "serial-" + its path
//   a raw TCP bridge:       "tcp-" + host + "-" + port
#pragma once
#include <QByteArray>
#include <QString>
#include <QStringList>

#include "comms/link_settings.h"

namespace rudebot {

QString rigIdForLink(const LinkSettings &link);
QString rigIdForStation(const QByteArray &fingerprintHex);

// What the office view called the same rig before there was one scheme ("usb:" + serial number,
// or the bare port path), to find calibration profiles saved under those names.
QStringList legacyRigIds(const LinkSettings &link);

}  // namespace rudebot
