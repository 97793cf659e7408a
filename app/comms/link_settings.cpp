#include "comms/link_settings.h"

namespace rudebot {

bool parseHostPort(const QString &text, LinkSettings *out, QString *error)
{
    const int colon = text.lastIndexOf(QLatin1Char(':'));
    QString host = colon > 0 ? text.left(colon) : QString();
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    bool ok = false;
    const uint port = colon > 0 ? text.mid(colon + 1).toUInt(&ok) : 0;
    if (host.isEmpty() || !ok || port == 0 || port > 65535) {
        *error = QStringLiteral("'%1' is not HOST:PORT (for example 192.168.1.20:7000).").arg(text);
        return false;
    }
    out->kind = LinkSettings::Kind::Tcp;
    out->host = host;
    out->port = quint16(port);
    return true;
}

}  // namespace rudebot
