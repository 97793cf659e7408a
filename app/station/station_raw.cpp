// Station: raw firmware lines from remotes and raw-port tools, read as the firmware would read
// them; only the station's own canonical line reaches the rig, and every line gets its answer
// in order (docs/station.md, "What reaches the firmware").
#include "station/station.h"

#include "core/rig_protocol.h"
#include "station/station_internal.h"

namespace rudebot {

namespace {

const int kMaxRawOutstanding = 8;  // per client: lines sent to the rig, not yet answered
// Per client: answers waiting behind an unanswered line. A tool that keeps a line or a few in
// flight never comes near; a client that streams without reading is cut off.
const int kMaxRawQueued = 256;

}  // namespace

void Station::onRawLine(ClientSession *s, const QByteArray &line)
{
    // Read exactly as the firmware would read it; only the station's own canonical line for
    // a command it allows ever reaches the rig (docs/station.md, "What reaches the firmware").
    const RigCommand command = classifyCommandLine(line);
    if (command.kind == RigCommand::Kind::Empty)
        return;  // the firmware answers nothing either
    if (!command.isCommand()) {
        answerRaw(s, firmwareVerdict(command));  // what the firmware would say, in its words
        return;
    }
    if (m_rig->state() != RigClient::State::Ready) {
        answerRaw(s, rigNotConnectedReply(linkName(m_rig->state()).toLatin1()));
        return;
    }
    const QQueue<RawAnswer> &waiting = m_rawAnswers[s->id()];
    if (std::count_if(waiting.begin(), waiting.end(), [](const RawAnswer &a) { return !a.ready; })
        >= kMaxRawOutstanding) {
        answerRaw(s, rigBusyReply());
        return;
    }
    // A move (an angle, or a stop that could end a park short of its place) obeys the same
    // rules as a target from a full client: park lock, override, lease, soft limits.
    if (command.moves()) {
        if (const auto refusal = permission(s)) {
            answerRaw(s, refusedReply(*refusal));
            return;
        }
        if (command.kind == RigCommand::Kind::Angle
            && !servoRange(m_rig->calibration()).contains(command.value)) {
            answerRaw(s, outsideLimitsReply());
            return;
        }
    }
    const QByteArray canonical = canonicalLine(command);
    if (!m_rig->canQueueLine()) {  // the rig client's bounded queue of raw lines is full
        answerRaw(s, rigBusyReply());
        return;
    }
    if (!m_rig->sendLine(canonical)) {
        answerRaw(s, outsideLimitsReply());
        return;
    }
    if (command.moves())
        noteMove(s);
    m_rawAsked.enqueue({s->id(), canonical});
    m_rawAnswers[s->id()].enqueue({});  // its place in this client's answers, filled by the rig
}

void Station::answerRaw(ClientSession *s, const QList<QByteArray> &lines)
{
    QQueue<RawAnswer> &queue = m_rawAnswers[s->id()];
    if (queue.isEmpty()) {
        deliverRaw(s, lines);
        return;
    }
    // Behind a line the rig has not answered yet: answers keep the order of the lines.
    if (queue.size() >= kMaxRawQueued) {
        s->close(QStringLiteral("%1 lines waiting for the rig's answers").arg(queue.size()));
        return;
    }
    queue.enqueue({true, lines});
}

void Station::deliverRaw(ClientSession *s, const QList<QByteArray> &lines)
{
    if (s->kind() == ClientSession::Kind::Raw)
        s->sendRawLines(lines);
    else
        s->send(station::reply(lines));
}

void Station::onLineReplied(const QByteArray &line, const QList<QByteArray> &replies)
{
    // The rig answers forwarded lines in the order they were sent. A line nobody here asked
    // (the calibration wizard's own) is not ours to deliver.
    const auto mine = std::find_if(m_rawAsked.begin(), m_rawAsked.end(),
        [&line](const QPair<int, QByteArray> &asked) { return asked.second == line; });
    if (mine != m_rawAsked.end()) {
        const int clientId = mine->first;
        m_rawAsked.erase(m_rawAsked.begin(), mine + 1);
        ClientSession *s = m_sessions.value(clientId);
        auto queue = m_rawAnswers.find(clientId);
        if (s && queue != m_rawAnswers.end()) {
            for (RawAnswer &a : *queue) {
                if (!a.ready) {
                    a = {true, replies};
                    break;
                }
            }
            while (!queue->isEmpty() && queue->head().ready)
                deliverRaw(s, queue->dequeue().lines);
        }
    }
    scheduleBroadcast();
}

}  // namespace rudebot
