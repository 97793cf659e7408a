// A client's rates (issue 12.3): a remote's raw "send" lines have their own, lower budget,
// apart from its targets', so a remote flooding firmware lines is held to that rate while
// other remotes, the office and its own targets still turn the rig; and a line over its rate
// gets its one verdict ("Error: Too many commands") in its place, never ahead of the rig's
// answers to the client's earlier lines. Real station, the real firmware in the virtual rig,
// real TLS, raw and office sockets on 127.0.0.1.
#include <QElapsedTimer>
#include <QtTest>

#include "raw_peer.h"
#include "station_fixture.h"
#include "support/spin_until.h"

using namespace rudebot;

namespace {

const int kLong = 30000;  // generous ceilings: a busy 2-core machine stalls for seconds

bool waitConnected(StationClient &c)
{
    return spinUntil([&] { return c.status() == StationClient::Status::Connected; }, kLong);
}

// A remote sending "?" lines at a steady rate, sorting the answers it gets.
class LineFlood {
public:
    LineFlood(const PairingInfo &pairing, double linesPerSec) : m_rate(linesPerSec)
    {
        QObject::connect(
            &m_client, &StationClient::lineReplied, [this](const QList<QByteArray> &l) {
                const QByteArray first = l.value(0);
                ++m_replies;
                m_forwarded += first.startsWith("Position: ");
                m_limited += first == "Error: Too many commands";
                if (!first.startsWith("Position: ") && first != "Error: Too many commands")
                    m_other << QString::fromUtf8(first);
            });
        QObject::connect(&m_client, &StationClient::refused,
            [this](const QString &reason) { m_refusals << reason; });
        m_timer.setTimerType(Qt::PreciseTimer);
        QObject::connect(&m_timer, &QTimer::timeout, [this] {
            // Catch up to the rate: the event loop may turn late on a busy machine.
            while (m_sent < m_rate * double(m_clock.elapsed()) / 1000.0) {
                m_client.sendLine("?");
                ++m_sent;
            }
        });
        m_client.connectToStation(pairing, QStringLiteral("Flooder"));
    }
    StationClient &client() { return m_client; }
    void start()
    {
        m_clock.start();
        m_timer.start(5);
    }
    qint64 stop()
    {
        m_timer.stop();
        return m_clock.elapsed();
    }
    qint64 elapsed() const { return m_clock.elapsed(); }
    int sent() const { return m_sent; }
    int replies() const { return m_replies; }
    int forwarded() const { return m_forwarded; }
    int limited() const { return m_limited; }
    QStringList refusals() const { return m_refusals; }
    QStringList other() const { return m_other; }  // answers that are neither, for the message

private:
    StationClient m_client;
    QTimer m_timer;
    QElapsedTimer m_clock;
    double m_rate;
    int m_sent = 0, m_replies = 0, m_forwarded = 0, m_limited = 0;
    QStringList m_refusals;
    QStringList m_other;
};

// Sends a target and waits for the servo (its pulse on pin 9) to stand on it: ms, -1 if not.
qint64 moveAndTime(StationFixture &f, StationClient &who, double servoDeg)
{
    QElapsedTimer t;
    t.start();
    who.setTargetServo(servoDeg);
    return f.rig.waitForAngle(servoDeg, 0.6, kLong) ? t.elapsed() : -1;
}

QList<QByteArray> verdicts(const QList<QByteArray> &lines)
{
    QList<QByteArray> out;
    for (qsizetype i = 0; i < lines.size(); i += 2)
        out << lines.at(i).left(lines.at(i).indexOf(':'));
    return out;
}

}  // namespace

class TestStationRates : public QObject {
    Q_OBJECT
private slots:
    void remoteLineFlood_heldToItsRate_othersAndItsOwnTargetsStillMove();
    void rawLinesOverRate_answeredAfterTheRigsAnswersToEarlierLines();
    void remoteSendsOverRate_eachGetsOneReplyInItsPlace();
};

void TestStationRates::remoteLineFlood_heldToItsRate_othersAndItsOwnTargetsStillMove()
{
    StationFixture f;
    StationSettings settings;
    // A smaller target budget than the default 200/s, so that a flood of lines that counted
    // against it would use it up within a second.
    settings.limits.commandsPerSec = 50;
    settings.limits.commandBurst = 50;
    settings.limits.remoteLinesPerSec = 20;
    settings.limits.remoteLineBurst = 20;
    settings.arbiter.leaseMs = 300;
    QString error;
    QVERIFY2(f.start(1.0, &error, settings), qPrintable(error));  // real time: moves are timed
    QVERIFY(spinUntil([&] { return f.client->state() == RigClient::State::Ready; }, kLong));

    LineFlood flood(f.pairing(), 100);  // five times its line rate, twice its target budget
    StationClient other, office;
    other.connectToStation(f.pairing(), QStringLiteral("Ana"));
    office.connectToOffice(f.officeSocket, QStringLiteral("Front desk"));
    QVERIFY(waitConnected(flood.client()));
    QVERIFY(waitConnected(other));
    QVERIFY(waitConnected(office));
    QSignalSpy otherRefused(&other, &StationClient::refused);

    flood.start();
    QTest::qWait(1500);  // past both bursts: the flood runs at its rate
    // 40 degrees at the firmware's 30 ms per degree: 1.2 s each, with or without a flood.
    const qint64 otherMs = moveAndTime(f, other, 130);
    QVERIFY2(otherMs >= 0, "the other remote's target did not turn the rig");
    const qint64 officeMs = moveAndTime(f, office, 90);
    QVERIFY2(officeMs >= 0, "the office's target did not turn the rig");
    QTRY_VERIFY_WITH_TIMEOUT(f.station->state().holder.isEmpty(), kLong);  // the lease ended
    const int refusedBefore = int(flood.refusals().size());
    const qint64 ownMs = moveAndTime(f, flood.client(), 50);
    QVERIFY2(ownMs >= 0,
        qPrintable(QStringLiteral("the flooder's own target did not move the rig (%1 refusals: %2)")
                       .arg(flood.refusals().size())
                       .arg(flood.refusals().value(0))));
    const qint64 floodMs = flood.stop();

    // Every line gets its one verdict, then the sums.
    QVERIFY2(spinUntil([&] { return flood.replies() >= flood.sent(); }, kLong),
        qPrintable(
            QStringLiteral("%1 lines sent, %2 answered").arg(flood.sent()).arg(flood.replies())));
    QCOMPARE(flood.replies(), flood.sent());
    // The station may read the last lines after we stopped sending: its window ends at the
    // last answer at the latest.
    const qint64 answeredMs = flood.elapsed();
    QVERIFY2(flood.forwarded() + flood.limited() == flood.sent(),
        qPrintable(QStringLiteral("%1 sent, %2 forwarded, %3 limited, other answers: %4")
                       .arg(flood.sent())
                       .arg(flood.forwarded())
                       .arg(flood.limited())
                       .arg(flood.other().mid(0, 5).join(QStringLiteral(" | ")))));
    QCOMPARE(int(flood.refusals().size()), refusedBefore);  // its target was not refused
    QCOMPARE(otherRefused.size(), 0);
    // The token bucket: its burst, then its rate over the flood's time (the station's clock
    // starts later than ours, so ours is the longer window).
    const double allowed = settings.limits.remoteLineBurst
        + settings.limits.remoteLinesPerSec * double(answeredMs) / 1000.0;
    qInfo("flood of %d '?' in %lld ms (100/s): %d reached the rig (at most %.0f allowed), %d "
          "answered 'Too many commands'; moves of 40 degrees: other remote %lld ms, office "
          "%lld ms, the flooder's own %lld ms",
        flood.sent(), floodMs, flood.forwarded(), allowed, flood.limited(), otherMs, officeMs,
        ownMs);
    QVERIFY2(flood.forwarded() <= allowed + 1, "more lines reached the rig than its rate allows");
    QVERIFY2(flood.forwarded() >= settings.limits.remoteLineBurst, "its lines were not served");
    QVERIFY(flood.limited() > 0);
    // Their normal time: 1.2 s of motion, with a loaded machine's slack.
    for (const qint64 ms : {otherMs, officeMs, ownMs})
        QVERIFY2(ms < 1200 + 5000, qPrintable(QStringLiteral("a move took %1 ms").arg(ms)));
}

void TestStationRates::rawLinesOverRate_answeredAfterTheRigsAnswersToEarlierLines()
{
    StationFixture f;
    StationSettings settings;
    settings.limits.commandsPerSec = 0.05;  // no new token during the test
    settings.limits.commandBurst = 4;
    QString error;
    QVERIFY2(f.start(0, &error, settings), qPrintable(error));
    QVERIFY(spinUntil([&] { return f.client->state() == RigClient::State::Ready; }, kLong));
    RawPeer raw;
    QVERIFY(raw.open(f.station->rawPort()));
    // Pipelined: the first four go to the rig and wait for it; the last four are over the rate
    // and answered by the station at once, but must come after the rig's four.
    const QList<QByteArray> got = raw.exchange("?\nV\n?\nV\n?\nV\n?\nV\n", 16);
    QCOMPARE(got.size(), 16);
    QCOMPARE(verdicts(got),
        (QList<QByteArray>{"Position", "Version", "Position", "Version", "Error", "Error", "Error",
            "Error"}));
    for (qsizetype i = 8; i < 16; i += 2)
        QCOMPARE(got.at(i), QByteArray("Error: Too many commands"));
    for (qsizetype i = 1; i < 16; i += 2)
        QCOMPARE(got.at(i), QByteArray("OK: Good to go"));
    QVERIFY(raw.lines.isEmpty());  // nothing more came with them: one verdict per line
}

void TestStationRates::remoteSendsOverRate_eachGetsOneReplyInItsPlace()
{
    StationFixture f;
    StationSettings settings;
    settings.limits.remoteLinesPerSec = 0.05;  // no new token during the test
    settings.limits.remoteLineBurst = 3;
    QString error;
    QVERIFY2(f.start(0, &error, settings), qPrintable(error));
    QVERIFY(spinUntil([&] { return f.client->state() == RigClient::State::Ready; }, kLong));
    StationClient remote;
    remote.connectToStation(f.pairing(), QStringLiteral("Rudy"));
    QVERIFY(waitConnected(remote));
    QSignalSpy replies(&remote, &StationClient::lineReplied);
    QSignalSpy refused(&remote, &StationClient::refused);
    for (const char *line : {"?", "V", "?", "V", "?", "V"})
        remote.sendLine(line);
    QVERIFY(spinUntil([&] { return replies.size() >= 6; }, kLong));
    QList<QByteArray> firsts;
    for (const QList<QVariant> &args : std::as_const(replies))
        firsts << args.at(0).value<QList<QByteArray>>().value(0);
    QCOMPARE(firsts.size(), 6);
    QVERIFY2(firsts.at(0).startsWith("Position: "), firsts.at(0).constData());
    QVERIFY2(firsts.at(1).startsWith("Version: "), firsts.at(1).constData());
    QVERIFY2(firsts.at(2).startsWith("Position: "), firsts.at(2).constData());
    for (qsizetype i = 3; i < 6; ++i)
        QCOMPARE(firsts.at(i), QByteArray("Error: Too many commands"));
    QCOMPARE(refused.size(), 0);  // a "send" is answered by a reply, not a refusal
    // Its moves have their own budget: still allowed.
    QVERIFY(moveAndTime(f, remote, 120) >= 0);
    QCOMPARE(refused.size(), 0);
}

QTEST_MAIN(TestStationRates)
#include "tst_station_rates.moc"
