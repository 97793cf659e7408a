#include "comms/link_factory.h"

#include "comms/serial_link.h"
#include "comms/tcp_link.h"

namespace rudebot {

std::unique_ptr<Link> createLink(const LinkSettings &settings, QObject *parent)
{
    if (settings.kind == LinkSettings::Kind::Tcp)
        return std::make_unique<TcpLink>(settings.host, settings.port, parent);
    return std::make_unique<SerialLink>(settings, parent);
}

}  // namespace rudebot
