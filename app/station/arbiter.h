// Who may turn the rig right now. Pure: no clock of its own (times are passed in, in ms), no
// I/O, so every rule is unit-tested. The rules, in order (docs/station.md):
//  1. Privacy lock: the office parked the camera; nobody moves it until the office unlocks.
//  2. Office override: while someone in the office holds control, remote moves are refused.
//     It ends when released, or after overrideIdleMs without office activity. An override
//     with a reason (the calibration wizard: "calibrating") lasts until released: the wizard
//     turns the rig itself, so the station sees no office activity while it runs.
//  3. Remote lease: the remote that moved last keeps control while it keeps moving and for
//     leaseMs after its last move; the others are refused until then. Then anyone may move.
//     A remote the office granted control to (it asked) holds the lease for grantMs, even
//     before its first move; the grant ends an override.
#pragma once
#include <QString>
#include <optional>

namespace rudebot {

struct ArbiterSettings {
    qint64 leaseMs = 5000;
    qint64 overrideIdleMs = 5 * 60 * 1000;  // 0: never released by itself
    qint64 grantMs = 60000;  // a granted remote's lease, before its moves renew it
};

class ControlArbiter {
public:
    using Settings = ArbiterSettings;
    struct Holder {
        int clientId = -1;
        QString name;
    };

    explicit ControlArbiter(Settings s = {}) : m_settings(s) { }

    // A remote (clientId >= 1) asks to move: nullopt if allowed (and it then holds the lease),
    // otherwise the reason, written for the remote user to read.
    std::optional<QString> requestRemoteMove(int clientId, const QString &name, qint64 nowMs);
    // Why that remote could not move now (nullopt: it could), without taking the lease.
    std::optional<QString> remoteRefusal(int clientId, qint64 nowMs) const;
    // The office asks to move (its local dial always wins, except against its own park lock).
    std::optional<QString> requestOfficeMove(qint64 nowMs);

    // reason: why, for remotes to read ("calibrating"); empty for a plain override.
    void takeOverride(const QString &who, qint64 nowMs, const QString &reason = {});
    void releaseOverride();
    // The office gives clientId control: a plain override ends and it holds the lease for
    // grantMs. Not while parked or calibrating: the reason then, and nothing changes.
    std::optional<QString> grant(int clientId, const QString &name, qint64 nowMs);
    void lockPark(const QString &who);
    void unlockPark();
    void clientGone(int clientId);

    // Applies the override idle timeout; true when that released the override just now.
    bool expire(qint64 nowMs);

    bool overrideHeld() const { return m_override.has_value(); }
    QString overrideBy() const { return m_override ? m_override->name : QString(); }
    QString overrideReason() const { return m_override ? m_override->reason : QString(); }
    bool parkLocked() const { return m_park.has_value(); }
    QString parkLockedBy() const { return m_park.value_or(QString()); }
    // The remote holding the lease at nowMs, if any.
    std::optional<Holder> leaseHolder(qint64 nowMs) const;

private:
    struct Override {
        QString name;
        qint64 lastActivityMs = 0;
        QString reason;
    };
    Settings m_settings;
    std::optional<Override> m_override;
    std::optional<QString> m_park;
    Holder m_lease;
    qint64 m_leaseUntilMs = 0;
};

}  // namespace rudebot
