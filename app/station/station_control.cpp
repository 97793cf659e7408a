// Station: "Ask for control" (issue 14). A remote asks; the office sees who asks and grants
// (the remote gets the lease, a plain override ends) or declines, and the remote is told. The
// office is also told whenever a remote turns the rig, by the name its credential proves.
#include "station/station.h"
#include "station/station_internal.h"

namespace rudebot {

void Station::askControl(ClientSession *s)
{
    const qint64 now = m_clock.elapsed();
    if (m_arbiter.expire(now))
        scheduleBroadcast();
    if (!m_arbiter.remoteRefusal(s->id(), now)) {
        s->send(station::controlAnswer(
            true, tr("Nobody holds control now: you may turn the rig.")));
        return;
    }
    if (m_asks.contains(s->id()))
        return;  // asked already: the office sees it once
    m_asks.append(s->id());
    qCInfo(lcStation) << "client" << s->id() << s->name() << "asks for control";
    emit controlAsksChanged();
    scheduleBroadcast();
}

std::optional<QString> Station::answerControl(int clientId, bool grant, const QString &who)
{
    ClientSession *s = m_sessions.value(clientId);
    if (!s || !m_asks.contains(clientId))
        return tr("Nobody of that number is asking for control.");
    if (grant) {
        if (const auto why = m_arbiter.grant(clientId, s->name(), m_clock.elapsed()))
            return why;
    }
    m_asks.removeAll(clientId);
    qCInfo(lcStation) << who << (grant ? "gave control to" : "declined control to") << s->name();
    s->send(station::controlAnswer(grant,
        grant ? tr("%1 in the office gave you control.").arg(who)
              : tr("%1 in the office said no for now. You can watch, and ask again later.")
                    .arg(who)));
    emit controlAsksChanged();
    scheduleBroadcast();
    return std::nullopt;
}

QList<Station::ControlAsk> Station::controlAsks() const
{
    QList<ControlAsk> out;
    for (const int id : m_asks)
        if (const ClientSession *s = m_sessions.value(id))
            out.append({id, s->name(), !s->person().isEmpty()});
    return out;
}

void Station::noteMove(ClientSession *s)
{
    if (s->kind() == ClientSession::Kind::Office)
        return;
    if (m_asks.removeAll(s->id()) > 0)  // it has control now: nothing left to answer
        emit controlAsksChanged();
    emit remoteTurned(s->id(), s->name(), !s->person().isEmpty());
}

}  // namespace rudebot
