// Finding a serial device again after it disappeared: a Uno unplugged and plugged back in may
// come back as /dev/ttyACM1 instead of /dev/ttyACM0. The choice is a pure function over a list
// of candidates; availableSerialPorts() is the only part that asks the system.
#pragma once
#include "comms/link_settings.h"

#include <QList>
#include <QString>
#include <optional>

namespace rudebot {

struct PortCandidate {
    QString path;  // /dev/ttyACM0
    quint16 usbVendorId = 0;
    quint16 usbProductId = 0;
    QString usbSerialNumber;
};

// USB serial devices the system lists now. Note: ptys (the virtual rig, socat) are never listed,
// so finding by path must keep working for them.
QList<PortCandidate> availableSerialPorts();

// The path to open. With a known USB identity: the one listed device that matches it (vendor,
// product and, when both sides have one, serial number); when several identical boards match,
// the one at the configured path. Otherwise, and when nothing matches: the configured path.
// canonicalPath is settings.path with symlinks resolved (empty if it does not exist).
QString findPort(const LinkSettings &settings, const QString &canonicalPath,
    const QList<PortCandidate> &candidates);

// What a USB serial device is, from its vendor and product ids: an Arduino (Arduino LLC and
// Arduino.org boards), or the USB serial chips Arduino clones carry (CH340, FTDI FT232R).
enum class UsbBoard {
    Unknown,
    Arduino,
    Ch340Serial,
    FtdiSerial
};
UsbBoard usbBoard(quint16 vendorId, quint16 productId);
inline bool looksLikeArduino(const PortCandidate &port)
{
    return usbBoard(port.usbVendorId, port.usbProductId) != UsbBoard::Unknown;
}
// The first listed device that looks like an Arduino, ready to open (path and USB identity,
// so it is found again after an unplug); std::nullopt when there is none.
std::optional<LinkSettings> firstArduino(const QList<PortCandidate> &candidates);

// The listed device at canonicalPath, to remember its identity once it has been opened.
std::optional<PortCandidate> identifyPort(
    const QString &canonicalPath, const QList<PortCandidate> &candidates);

}  // namespace rudebot
