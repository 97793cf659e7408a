#include "station/arbiter.h"

#include <algorithm>

namespace rudebot {

std::optional<QString> ControlArbiter::requestRemoteMove(
    int clientId, const QString &name, qint64 nowMs)
{
    expire(nowMs);
    if (auto refusal = remoteRefusal(clientId, nowMs))
        return refusal;
    m_lease = {clientId, name};
    // A grant's longer lease is not cut short by the first move.
    m_leaseUntilMs = std::max(m_leaseUntilMs, nowMs + m_settings.leaseMs);
    return std::nullopt;
}

std::optional<QString> ControlArbiter::remoteRefusal(int clientId, qint64 nowMs) const
{
    if (m_park)
        return QStringLiteral("The office has parked the camera for privacy (%1). It stays "
                              "there until they unlock it.")
            .arg(*m_park);
    if (m_override && m_override->reason == QLatin1String("calibrating"))
        return QStringLiteral("%1 in the office is calibrating the rig. Your controls come back "
                              "when they finish.")
            .arg(m_override->name);
    if (m_override)
        return QStringLiteral("%1 in the office has taken control. Your controls come back "
                              "when they release it.")
            .arg(m_override->name);
    if (const auto holder = leaseHolder(nowMs); holder && holder->clientId != clientId)
        return QStringLiteral("%1 is turning the rig. Try again in a few seconds.")
            .arg(holder->name);
    return std::nullopt;
}

std::optional<QString> ControlArbiter::grant(int clientId, const QString &name, qint64 nowMs)
{
    if (m_park)
        return QStringLiteral("The camera is parked for privacy; unlock it first.");
    if (m_override && m_override->reason == QLatin1String("calibrating"))
        return QStringLiteral("The calibration wizard has control until it closes.");
    m_override.reset();
    m_lease = {clientId, name};
    m_leaseUntilMs = nowMs + m_settings.grantMs;
    return std::nullopt;
}

std::optional<QString> ControlArbiter::requestOfficeMove(qint64 nowMs)
{
    expire(nowMs);
    if (m_park)
        return QStringLiteral("The camera is parked for privacy; unlock it first.");
    if (m_override)
        m_override->lastActivityMs = nowMs;
    return std::nullopt;
}

void ControlArbiter::takeOverride(const QString &who, qint64 nowMs, const QString &reason)
{
    m_override = Override{who, nowMs, reason};
    m_lease = {};  // a remote's lease does not survive an override
    m_leaseUntilMs = 0;
}

void ControlArbiter::releaseOverride()
{
    m_override.reset();
}

void ControlArbiter::lockPark(const QString &who)
{
    m_park = who;
    m_lease = {};
    m_leaseUntilMs = 0;
}

void ControlArbiter::unlockPark()
{
    m_park.reset();
}

void ControlArbiter::clientGone(int clientId)
{
    if (m_lease.clientId == clientId) {
        m_lease = {};
        m_leaseUntilMs = 0;
    }
}

bool ControlArbiter::expire(qint64 nowMs)
{
    if (m_override && m_settings.overrideIdleMs > 0 && m_override->reason.isEmpty()
        && nowMs - m_override->lastActivityMs >= m_settings.overrideIdleMs) {
        m_override.reset();
        return true;
    }
    return false;
}

std::optional<ControlArbiter::Holder> ControlArbiter::leaseHolder(qint64 nowMs) const
{
    if (m_lease.clientId < 0 || nowMs >= m_leaseUntilMs)
        return std::nullopt;
    return m_lease;
}

}  // namespace rudebot
