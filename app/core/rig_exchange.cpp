#include "core/rig_exchange.h"

namespace rudebot {

bool RigExchange::accepts(const RigReply &r) const
{
    using K = RigReply::Kind;
    switch (purpose) {
    case Purpose::Probe: return r.kind == K::Position || r.kind == K::BadInput;
    case Purpose::Poll: return r.kind == K::Position;
    case Purpose::Target: return (r.kind == K::InputAngle && r.angle == angle) || r.isError();
    case Purpose::Speed: return r.kind == K::Speed || r.isError();
    case Purpose::Stop: return r.kind == K::Stopped || r.isError();
    case Purpose::Raw:
        if (r.kind == K::InputAngle)
            return r.angle == angle;
        return r.isVerdict();
    }
    return false;
}

RigExchange RigExchange::of(Purpose purpose, const QByteArray &encoded, int angle)
{
    RigExchange e;
    e.purpose = purpose;
    e.bytes = encoded;
    e.line = encoded.endsWith('\n') ? encoded.chopped(1) : encoded;
    e.angle = angle;
    return e;
}

bool RigExchange::take(const QByteArray &line, const RigReply &reply, bool *ignored)
{
    *ignored = false;
    if (reply.kind == RigReply::Kind::GoodToGo && hasVerdict) {
        replies.append(line);
        return true;
    }
    if (!hasVerdict && accepts(reply)) {
        hasVerdict = true;
        verdict = reply;
        replies.append(line);
        return false;
    }
    *ignored = true;
    return false;
}

}  // namespace rudebot
