#include "comms/port_finder.h"

#include <QSerialPortInfo>

namespace rudebot {

QList<PortCandidate> availableSerialPorts()
{
    QList<PortCandidate> out;
    for (const QSerialPortInfo &info : QSerialPortInfo::availablePorts()) {
        PortCandidate c;
        c.path = info.systemLocation();
        if (info.hasVendorIdentifier() && info.hasProductIdentifier()) {
            c.usbVendorId = info.vendorIdentifier();
            c.usbProductId = info.productIdentifier();
        }
        c.usbSerialNumber = info.serialNumber();
        out.append(c);
    }
    return out;
}

QString findPort(const LinkSettings &settings, const QString &canonicalPath,
    const QList<PortCandidate> &candidates)
{
    if (!settings.hasUsbIdentity())
        return settings.path;
    QList<PortCandidate> matches;
    for (const PortCandidate &c : candidates) {
        const bool serialAgrees = settings.usbSerialNumber.isEmpty() || c.usbSerialNumber.isEmpty()
            || c.usbSerialNumber == settings.usbSerialNumber;
        if (c.usbVendorId == settings.usbVendorId && c.usbProductId == settings.usbProductId
            && serialAgrees)
            matches.append(c);
    }
    if (matches.size() == 1)
        return matches.first().path;
    for (const PortCandidate &c : matches) {
        if (c.path == canonicalPath || c.path == settings.path)
            return c.path;
    }
    return settings.path;
}

UsbBoard usbBoard(quint16 vendorId, quint16 productId)
{
    if (vendorId == 0x2341 || vendorId == 0x2A03)
        return UsbBoard::Arduino;
    if (vendorId == 0x1A86 && productId == 0x7523)
        return UsbBoard::Ch340Serial;
    if (vendorId == 0x0403 && productId == 0x6001)
        return UsbBoard::FtdiSerial;
    return UsbBoard::Unknown;
}

std::optional<LinkSettings> firstArduino(const QList<PortCandidate> &candidates)
{
    for (const PortCandidate &c : candidates) {
        if (!looksLikeArduino(c))
            continue;
        LinkSettings link;
        link.path = c.path;
        link.usbVendorId = c.usbVendorId;
        link.usbProductId = c.usbProductId;
        link.usbSerialNumber = c.usbSerialNumber;
        return link;
    }
    return std::nullopt;
}

std::optional<PortCandidate> identifyPort(
    const QString &canonicalPath, const QList<PortCandidate> &candidates)
{
    for (const PortCandidate &c : candidates) {
        if (!canonicalPath.isEmpty() && c.path == canonicalPath && c.usbVendorId != 0)
            return c;
    }
    return std::nullopt;
}

}  // namespace rudebot
