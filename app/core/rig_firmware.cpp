#include "core/rig_firmware.h"

#include <QtGlobal>

namespace rudebot {

int RigFirmware::effectiveTarget(int target, const ServoRange &) const
{
    return target;
}

namespace {

using Purpose = RigExchange::Purpose;
constexpr int kRudebotBootAngle = 90;  // protocol.md: the servo starts at 90 after reset

// Ours: never blocks, so every command gets the short timeout; it reports where it is, so
// the client only remembers what it told the board and polls while the servo moves.
class RudebotFirmware final : public RigFirmware {
public:
    RudebotFirmware(const RigConversationOptions &o, bool bootedNow) : m_opt(o)
    {
        if (bootedNow)
            m_boardTarget = kRudebotBootAngle;
    }
    Kind kind() const override { return Kind::Rudebot; }
    bool canStop() const override { return true; }

    std::optional<RigExchange> nextCommand(const RigWanted &w) const override
    {
        if (w.stop)
            return RigExchange::of(Purpose::Stop, encodeStop());
        if (w.speed > 0 && m_boardSpeed != w.speed)
            return RigExchange::of(Purpose::Speed, encodeSpeed(w.speed));
        if (w.target >= 0 && !w.targetRefused && m_boardTarget != w.target)
            return RigExchange::of(Purpose::Target, encodeAngle(w.target), w.target);
        return std::nullopt;
    }
    std::optional<RigExchange> nextPoll() override
    {
        if (!m_moving || !m_pollDue)
            return std::nullopt;
        m_pollDue = false;
        return RigExchange::of(Purpose::Poll, encodeQuery());
    }
    int timeoutMs(const RigExchange &) const override { return m_opt.replyTimeoutMs; }

    int angleAccepted(int servoDeg, qint64 nowMs) override
    {
        // Moving until a poll says otherwise: the actual angle may be older than the last step.
        m_boardTarget = servoDeg;
        m_moving = true;
        schedulePoll(nowMs);
        return -1;
    }
    void position(const RigReply &p, qint64 nowMs) override
    {
        m_boardTarget = p.target;
        m_moving = p.moving;
        if (m_moving)
            schedulePoll(nowMs);
        else
            m_pollAt.reset();
    }
    void stopped(int servoDeg) override
    {
        m_boardTarget = servoDeg;
        m_moving = false;
        m_pollAt.reset();
    }
    void speedAnswered(int msPerDeg) override { m_boardSpeed = msPerDeg; }
    void forget() override
    {
        m_boardTarget = -1;
        m_pollDue = m_moving;
    }
    void linkLost() override
    {
        m_moving = false;
        m_pollAt.reset();
    }

    bool isMoving(const RigExchange *) const override { return m_moving; }
    bool isAtTarget(int target, int, int actual) const override
    {
        return m_boardTarget == target && actual == target;
    }
    std::optional<qint64> deadline() const override { return m_pollAt; }
    void advanceTo(qint64 nowMs) override
    {
        if (m_pollAt && nowMs >= *m_pollAt) {
            m_pollAt.reset();
            m_pollDue = true;
        }
    }

private:
    void schedulePoll(qint64 nowMs) { m_pollAt = nowMs + m_opt.pollIntervalMs; }

    RigConversationOptions m_opt;
    int m_boardTarget = -1;  // what the board was last told; -1: unknown, send again
    int m_boardSpeed = 0;  // what it was set to since it booted; 0: not set
    bool m_moving = false;
    bool m_pollDue = false;
    std::optional<qint64> m_pollAt;
};

// The seed: blocks while it sweeps (the timeout grows with the sweep), stops one degree short
// (the client sends target +/- 1, seed_approach.h) and never says where it is.
class SeedFirmware final : public RigFirmware {
public:
    explicit SeedFirmware(const RigConversationOptions &o) : m_opt(o) { }
    Kind kind() const override { return Kind::Seed; }
    bool announcesAtVerdict() const override { return true; }

    int effectiveTarget(int target, const ServoRange &allowed) const override
    {
        const ServoRange r = seedRange(allowed);
        return qBound(r.min, target, r.max);
    }
    std::optional<RigExchange> nextCommand(const RigWanted &w) const override
    {
        if (w.target < 0 || w.targetRefused)
            return std::nullopt;
        const int t = effectiveTarget(w.target, w.allowed);
        int angle = seedCommandFor(m_pos, t);
        if (angle >= 0 && !w.allowed.contains(angle)) {
            // Only in a calibrated range of one or two degrees: land as near as the seed can.
            const bool nearEnough = qAbs(m_pos.lo - t) <= 1 && qAbs(m_pos.hi - t) <= 1;
            angle = nearEnough ? -1 : t;
        }
        if (angle < 0)
            return std::nullopt;
        return RigExchange::of(Purpose::Target, encodeAngle(angle), angle);
    }
    int timeoutMs(const RigExchange &c) const override
    {
        if (c.angle < 0)
            return m_opt.replyTimeoutMs;
        const int degrees = seedSweepDegrees(m_pos, c.angle);
        return int(degrees * m_opt.seedMsPerDeg * m_opt.sweepTimeoutFactor) + m_opt.replyTimeoutMs;
    }

    int angleAccepted(int servoDeg, qint64) override
    {
        m_pos = seedPositionAfter(m_pos, servoDeg);
        return (m_pos.lo + m_pos.hi) / 2;
    }
    void forget() override { m_pos = SeedPosition(); }

    bool isMoving(const RigExchange *inFlight) const override
    {
        return inFlight && inFlight->hasVerdict
            && inFlight->verdict.kind == RigReply::Kind::InputAngle;
    }
    bool isAtTarget(int, int effectiveTarget, int) const override
    {
        return m_pos.isKnown() && m_pos.lo == effectiveTarget;
    }

private:
    RigConversationOptions m_opt;
    SeedPosition m_pos;  // unknown (0..180) until the first approach
};

}  // namespace

std::unique_ptr<RigFirmware> makeRudebotFirmware(
    const RigConversationOptions &options, bool bootedNow)
{
    return std::make_unique<RudebotFirmware>(options, bootedNow);
}

std::unique_ptr<RigFirmware> makeSeedFirmware(const RigConversationOptions &options)
{
    return std::make_unique<SeedFirmware>(options);
}

}  // namespace rudebot
