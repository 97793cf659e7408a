// Station: what a client's message asks for, and who may ask it (docs/station.md).
#include "station/station.h"

#include "core/rig_protocol.h"
#include "station/station_internal.h"

namespace rudebot {

std::optional<QString> Station::permission(ClientSession *s)
{
    if (s->kind() == ClientSession::Kind::Office)
        return m_arbiter.requestOfficeMove(m_clock.elapsed());
    return m_arbiter.requestRemoteMove(s->id(), s->name(), m_clock.elapsed());
}

void Station::moveFor(ClientSession *s, const station::Target &target)
{
    if (const auto refusal = permission(s)) {
        s->send(station::refused(*refusal));
        return;
    }
    m_rig->setSpeed(speedFor(s));  // sent before the target (rig_conversation.h)
    // As the client gave it: the rig client converts logical degrees and clamps, once.
    if (target.logical)
        m_rig->setTargetLogical(target.degrees);
    else
        m_rig->setTargetServo(target.degrees);
    noteMove(s);
    scheduleBroadcast();
}

void Station::onMessage(ClientSession *s, const station::ClientMessage &m)
{
    const bool office = s->kind() == ClientSession::Kind::Office;
    if (const auto *t = std::get_if<station::Target>(&m)) {
        moveFor(s, *t);
    } else if (std::holds_alternative<station::Stop>(m)) {
        // Stopping is setting the target to where the servo is: works with both firmwares.
        if (m_rig->hasActualAngle())
            moveFor(s, station::Target{double(m_rig->actualServoDeg()), false});
    } else if (const auto *p = std::get_if<station::Ping>(&m)) {
        s->send(station::pong(p->seq));
    } else if (const auto *l = std::get_if<station::SendLine>(&m)) {
        onRawLine(s, l->line);
    } else if (const auto *o = std::get_if<station::Override>(&m)) {
        if (!office)
            s->send(station::refused(tr("Only the office can take or release control.")));
        else if (o->take)
            takeOverride(s->name().isEmpty() ? tr("Office") : s->name());
        else
            releaseOverride();
    } else if (std::holds_alternative<station::AskControl>(m)) {
        if (office)
            s->send(station::refused(tr("The office does not need to ask for control.")));
        else
            askControl(s);
    } else if (const auto *a = std::get_if<station::AnswerControl>(&m)) {
        if (!office)
            s->send(station::refused(tr("Only the office can give control.")));
        else if (const auto why = answerControl(
                     a->clientId, a->grant, s->name().isEmpty() ? tr("Office") : s->name()))
            s->send(station::refused(*why));
    } else if (const auto *r = std::get_if<station::Rename>(&m)) {
        if (!s->person().isEmpty()) {
            // A link of one's own names its holder: nobody renames themself into someone else.
            s->send(station::refused(tr("Your name comes from your pairing link.")));
            return;
        }
        s->setName(r->name);
        emit clientsChanged();
        scheduleBroadcast();
    } else if (std::holds_alternative<station::MediaRequest>(m)) {
        if (s->kind() != ClientSession::Kind::Remote)
            s->send(station::mediaError(tr("Real-time video is for remotes; the office sees "
                                           "the camera itself.")));
        else if (!m_mediaAvailable)
            s->send(station::mediaError(tr("This station sends no real-time video.")));
        else
            emit mediaRequested(s->id());
    } else if (const auto *media = std::get_if<station::MediaSignal>(&m)) {
        if (s->kind() == ClientSession::Kind::Remote && m_mediaAvailable)
            emit mediaSignalReceived(s->id(), media->message);
        else
            s->send(station::mediaError(tr("No real-time video session to signal.")));
    } else if (const auto *v = std::get_if<station::PauseVideo>(&m)) {
        if (!office)
            s->send(station::refused(tr("Only the office can pause the video.")));
        else
            setVideoPaused(v->paused, s->name().isEmpty() ? tr("Office") : s->name());
    } else if (const auto *v = std::get_if<station::Speed>(&m)) {
        m_speedFor.insert(s->id(), v->msPerDeg);  // clamped when used: the limit may change
    } else if (const auto *k = std::get_if<station::Park>(&m)) {
        if (!office)
            s->send(station::refused(tr("Only the office can park the camera.")));
        else if (k->lock)
            lockPark(s->name().isEmpty() ? tr("Office") : s->name());
        else
            unlockPark();
    }
}

}  // namespace rudebot
