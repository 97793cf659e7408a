#include "comms/rig_id.h"

namespace rudebot {

QString rigIdForLink(const LinkSettings &link)
{
    if (link.kind == LinkSettings::Kind::Tcp)
        return QStringLiteral("tcp-%1-%2").arg(link.host).arg(link.port);
    if (!link.usbSerialNumber.isEmpty())
        return QStringLiteral("usb-%1").arg(link.usbSerialNumber);
    return QStringLiteral("serial-%1").arg(link.path);
}

QString rigIdForStation(const QByteArray &fingerprintHex)
{
    return QStringLiteral("station-") + QString::fromLatin1(fingerprintHex.left(16));
}

QStringList legacyRigIds(const LinkSettings &link)
{
    if (link.kind == LinkSettings::Kind::Tcp)
        return {};
    if (!link.usbSerialNumber.isEmpty())
        return {QStringLiteral("usb:") + link.usbSerialNumber};
    return {link.path};
}

}  // namespace rudebot
