#include "rig_bench.h"

using rudebot::RigConversation;

RigBench::RigBench(std::unique_ptr<BenchBoard> b, const rudebot::RigConversationOptions &options,
    const BenchOptions &bench)
    : conv(options), board(std::move(b)), m_opt(bench)
{
    conv.setLinkName(QStringLiteral("bench"));
}

std::unique_ptr<BenchBoard> RigBench::ours(int bootMs)
{
    return std::make_unique<FirmwareBoard>(bootMs);
}

std::unique_ptr<BenchBoard> RigBench::seed(int bootMs)
{
    return std::make_unique<SeedBoard>(bootMs);
}

void RigBench::start()
{
    conv.start(false, now);
    drain();
    open();
}

void RigBench::open()
{
    m_reopenAt = -1;
    if (!m_pluggedIn) {
        conv.linkFailed(QStringLiteral("Cannot open bench: nothing is plugged in."));
        m_reopenAt = now + m_opt.reopenDelayMs;
        drain();
        return;
    }
    m_open = true;
    m_splitter.reset();
    m_awaitingOk = 0;
    if (m_opt.resetOnOpen)
        board->reset(now);
    conv.linkOpened(now);
    drain();
}

void RigBench::close()
{
    if (!m_open)
        return;
    m_open = false;
    m_wire.clear();
    conv.linkClosed();
    if (conv.isRunning())
        m_reopenAt = now + m_opt.reopenDelayMs;
    drain();
}

void RigBench::setPluggedIn(bool pluggedIn)
{
    m_pluggedIn = pluggedIn;
    if (!pluggedIn && m_open) {
        conv.linkFailed(QStringLiteral("Lost bench: the cable was pulled."));
        close();
    }
}

void RigBench::resetBoard()
{
    m_awaitingOk = 0;  // whatever it was asked is forgotten
    board->reset(now);
}

bool RigBench::sendLine(const QByteArray &line)
{
    const bool queued = conv.sendLine(line, now);
    drain();
    return queued;
}

void RigBench::drain()
{
    while (conv.hasEvent()) {
        Event e = conv.takeEvent();
        if (e.kind == Kind::Send && m_open)
            m_wire.append({now + m_opt.latencyMs, true, e.bytes});
        const bool closeLink = e.kind == Kind::CloseLink;
        events.append(std::move(e));
        if (closeLink)
            close();
    }
}

void RigBench::step()
{
    ++now;
    for (qsizetype i = 0; i < m_wire.size();) {
        if (m_wire.at(i).at > now) {
            ++i;
            continue;
        }
        const Bytes b = m_wire.takeAt(i);
        if (b.toBoard) {
            if (!board->isMute()) {
                if (m_awaitingOk > 0)
                    ++m_overlaps;
                m_awaitingOk += int(b.bytes.count('\n'));
            }
            board->receive(b.bytes, now);
        } else {
            for (const QByteArray &line : m_splitter.feed(b.bytes)) {
                if (line == "OK: Good to go" && m_awaitingOk > 0)
                    --m_awaitingOk;
                conv.lineReceived(line, now);
                drain();
            }
        }
    }
    board->tick(now);
    const QByteArray out = board->takeOutput();
    if (!out.isEmpty() && m_open)
        m_wire.append({now + m_opt.latencyMs, false, out});
    if (const auto at = conv.deadline(); at && *at <= now) {
        conv.advanceTo(now);
        drain();
    }
    if (m_reopenAt >= 0 && now >= m_reopenAt && conv.isRunning())
        open();
}

void RigBench::runFor(qint64 ms)
{
    const qint64 end = now + ms;
    while (now < end)
        step();
}

bool RigBench::runUntil(const std::function<bool()> &done, qint64 maxMs)
{
    const qint64 end = now + maxMs;
    while (!done()) {
        if (now >= end)
            return false;
        step();
    }
    return true;
}

bool RigBench::waitReady(qint64 maxMs)
{
    return runUntil([this] { return conv.state() == RigConversation::State::Ready; }, maxMs);
}

bool RigBench::waitAtTarget(qint64 maxMs)
{
    return runUntil([this] { return conv.isAtTarget(); }, maxMs);
}

QList<RigBench::Event> RigBench::eventsOf(Kind kind) const
{
    QList<Event> out;
    for (const Event &e : events)
        if (e.kind == kind)
            out << e;
    return out;
}

QList<QByteArray> RigBench::linesSent() const
{
    QList<QByteArray> out;
    for (const Event &e : eventsOf(Kind::Send))
        out << e.line;
    return out;
}

bool RigBench::hasError(RigConversation::Error error, const QString &text) const
{
    for (const Event &e : eventsOf(Kind::Error))
        if (e.error == error && e.text.contains(text))
            return true;
    return false;
}
