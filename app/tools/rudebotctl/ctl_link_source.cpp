#include "tools/rudebotctl/ctl_link_source.h"

#include "station/link_source.h"

namespace rudebot::ctl {

bool resolveStationLink(Request *request, QString *error)
{
    if (request->via != Request::Via::Station)
        return true;
    const auto link = readStationLink(request->station, error);
    if (!link)
        return false;
    request->station = *link;
    return true;
}

}  // namespace rudebot::ctl
