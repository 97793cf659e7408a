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
        const bool serialAgrees = settings.usbSerialNumber.isEmpty()
            || c.usbSerialNumber.isEmpty() || c.usbSerialNumber == settings.usbSerialNumber;
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

std::optional<PortCandidate> identifyPort(const QString &canonicalPath,
    const QList<PortCandidate> &candidates)
{
    for (const PortCandidate &c : candidates) {
        if (!canonicalPath.isEmpty() && c.path == canonicalPath && c.usbVendorId != 0)
            return c;
    }
    return std::nullopt;
}

} // namespace rudebot
