// Only lines the station built reach the firmware: every command line from a raw client or a
// remote's "send" is read with the firmware's own reading (the shared protocol table), checked
// against the park lock, the override, the lease and the soft limits, and forwarded only in
// its canonical form; everything else the station answers itself with the firmware's verdict.
// Real station, the real firmware in the virtual rig, real sockets on 127.0.0.1; the servo's
// position is read from the simulator's pulse on pin 9, not from the station's word.
#include <QRandomGenerator>
#include <QSslSocket>
#include <QTcpSocket>
#include <QtTest>

#include "controller.h"
#include "core/rig_protocol.h"
#include "raw_peer.h"
#include "station_fixture.h"
#include "support/spin_until.h"

using namespace rudebot;

namespace {

const int kLong = 30000;  // generous ceilings: a busy 2-core machine stalls for seconds
const double kPark = 60;  // not home: a park that turns nothing proves nothing

bool waitConnected(StationClient &c)
{
    return spinUntil([&] { return c.status() == StationClient::Status::Connected; }, kLong);
}

// The firmware's logic built for the PC: the oracle for how many verdicts a byte stream gets
// and what an unhindered firmware would answer.
struct FirmwareModel : ServoOutput, LineOutput {
    Controller ctl{*this, *this};
    QList<QByteArray> out;
    void writeMicroseconds(uint16_t) override { }
    void writeLine(const char *line) override { out.append(line); }
    QList<QByteArray> feed(const QByteArray &bytes)
    {
        out.clear();
        for (char c : bytes)
            ctl.receive(uint8_t(c), 0);
        return out;
    }
};

// What a parked, locked station must answer where the firmware alone would have acted:
// moves are refused; queries, versions and speeds reach the firmware (state-dependent replies
// compared by kind); everything else is the firmware's verdict word for word.
bool verdictFits(const QByteArray &firmware, const QByteArray &station)
{
    if (firmware.startsWith("Input angle: ") || firmware.startsWith("Stopped: "))
        return station.startsWith("Error: Refused: The office has parked the camera");
    if (firmware.startsWith("Position: "))
        return station.startsWith("Position: angle=60 target=60 moving=0");
    return firmware == station;
}

QByteArray randomBody(QRandomGenerator &rng)
{
    // Weighted towards what the firmware reads as a number or a command: digits, signs, the
    // blanks strtol skips, the extensions.
    static const QByteArray interesting("01234567890123456789+- \t\v\f?!VvSs", 33);
    const int lengths[] = {0, 1, 1, 2, 2, 2, 3, 3, 3, 3, 4, 5};
    int n = lengths[rng.bounded(int(std::size(lengths)))];
    if (rng.bounded(20) == 0)
        n = rng.bounded(6, 80);
    QByteArray body;
    for (int i = 0; i < n; ++i) {
        const int pick = rng.bounded(10);
        body.append(pick < 5 ? interesting.at(rng.bounded(int(interesting.size())))
                : pick < 6   ? '\0'
                             : char(rng.bounded(256)));
    }
    return body;
}

// Raw: a line without terminator runs on into the next. A remote's "send" holds one line, so
// a terminator there makes a bad message: fewer of those, so most sends reach the classifier.
QByteArray randomTerminator(QRandomGenerator &rng, bool mostlyNone)
{
    static const QByteArray terminators[] = {"\r", "\n", "\r\n", ""};
    const int pick = rng.bounded(mostlyNone ? 12 : 4);
    return terminators[std::min(pick, 3)];
}

QByteArray printable(const QByteArray &bytes)
{
    QByteArray out;
    for (char c : bytes)
        out += (uchar(c) < 0x20 || uchar(c) >= 0x7f)
            ? "\\x" + QByteArray::number(uchar(c), 16).rightJustified(2, '0')
            : QByteArray(1, c);
    return out;
}

}  // namespace

class TestStationLines : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void parkedAndLocked_firmwareBlanksAndNul_turnNothing_data();
    void parkedAndLocked_firmwareBlanksAndNul_turnNothing();
    void softLimits_holdForEveryReadingOfAnAngle();
    void forwardedLines_areCanonical_answersKeepTheirOrder();
    void rawLease_refusalNamesTheHolder();
    void fuzz_parkedAndLocked_servoStays_everyLineOneVerdict();

private:
    void parkAndLock();

    StationFixture *f = nullptr;
};

void TestStationLines::init()
{
    f = new StationFixture;
    StationSettings settings;
    settings.parkServoDeg = kPark;
    // The fuzz sends thousands of lines one after another; the rate limit has its own tests.
    settings.limits.commandsPerSec = 1e6;
    settings.limits.commandBurst = 1e6;
    settings.limits.remoteLinesPerSec = 1e6;
    settings.limits.remoteLineBurst = 1e6;
    QString error;
    QVERIFY2(f->start(0, &error, settings), qPrintable(error));
    QVERIFY(spinUntil([&] { return f->client->state() == RigClient::State::Ready; }, kLong));
}

void TestStationLines::cleanup()
{
    delete f;
    f = nullptr;
}

void TestStationLines::parkAndLock()
{
    f->station->lockPark(QStringLiteral("Front desk"));
    QVERIFY(f->rig.waitForAngle(kPark, 0.6, kLong));
    QTRY_VERIFY_WITH_TIMEOUT(!f->client->isMoving(), kLong);
}

void TestStationLines::parkedAndLocked_firmwareBlanksAndNul_turnNothing_data()
{
    QTest::addColumn<QByteArray>("line");
    // The attacks of issue 12: the firmware reads each of these as an angle.
    QTest::newRow("form feed 5") << QByteArray("\f5");
    QTest::newRow("vertical tab 20") << QByteArray("\v20");
    QTest::newRow("9 NUL") << QByteArray("9\0", 2);
    QTest::newRow("tab 10") << QByteArray("\t10");
    QTest::newRow("plain 170 (refused on main too)") << QByteArray("170");
}

void TestStationLines::parkedAndLocked_firmwareBlanksAndNul_turnNothing()
{
    QFETCH(QByteArray, line);
    StationClient remote;
    remote.connectToStation(f->pairing(), "Rudy");
    QVERIFY(waitConnected(remote));
    parkAndLock();
    const qsizetype parkedAt = f->rig.samples().size();
    QSignalSpy rigStates(f->client.get(), &RigClient::stateChanged);

    QSignalSpy replies(&remote, &StationClient::lineReplied);
    remote.sendLine(line);
    QVERIFY(replies.wait(kLong));
    const auto remoteReply = replies.first().at(0).value<QList<QByteArray>>();
    QCOMPARE(remoteReply.size(), 2);
    QVERIFY2(remoteReply.at(0).startsWith("Error: Refused: The office has parked the camera"),
        remoteReply.at(0).constData());

    RawPeer raw;
    QVERIFY(raw.open(f->station->rawPort()));
    const QList<QByteArray> rawReply = raw.exchange(line + "\r\n", 2);
    QCOMPARE(rawReply.size(), 2);
    QVERIFY2(rawReply.at(0).startsWith("Error: Refused: The office has parked the camera"),
        rawReply.at(0).constData());
    QCOMPARE(rawReply.at(1), QByteArray("OK: Good to go"));

    // The firmware's own word, and the pulse on pin 9: nothing moved, nothing reconnected.
    QCOMPARE(raw.exchange("?\n", 2).value(0),
        QByteArray("Position: angle=60 target=60 moving=0 ms_per_deg=30"));
    for (qsizetype i = parkedAt; i < f->rig.samples().size(); ++i)
        QVERIFY2(qAbs(f->rig.samples().at(i).angleDeg - kPark) < 0.6,
            qPrintable(QString::number(f->rig.samples().at(i).angleDeg)));
    QCOMPARE(rigStates.size(), 0);
    QCOMPARE(f->client->stats().timeouts, 0);
}

void TestStationLines::softLimits_holdForEveryReadingOfAnAngle()
{
    Calibration cal = f->client->calibration();
    cal.minLogicalDeg = -45;  // servo 45..135
    cal.maxLogicalDeg = 45;
    f->client->setCalibration(cal);
    RawPeer raw;
    QVERIFY(raw.open(f->station->rawPort()));
    for (const QByteArray &line : {QByteArray("\f5"), QByteArray("\v20"), QByteArray("9\0", 2),
             QByteArray("+5"), QByteArray("005"), QByteArray("170")}) {
        QCOMPARE(raw.exchange(line + "\n", 2),
            (QList<QByteArray>{"Error: Bad angle", "OK: Good to go"}));
    }
    QCOMPARE(raw.exchange("\f50\n", 2).value(0), QByteArray("Input angle: 50"));
    QVERIFY(f->rig.waitForAngle(50, 0.6, kLong));
    for (const ServoSample &s : f->rig.samples())
        QVERIFY2(s.angleDeg > 44.4 && s.angleDeg < 135.6, qPrintable(QString::number(s.angleDeg)));
}

void TestStationLines::forwardedLines_areCanonical_answersKeepTheirOrder()
{
    QSignalSpy sent(f->client.get(), &RigClient::commandSent);
    RawPeer raw;
    QVERIFY(raw.open(f->station->rawPort()));
    // Pipelined: the station answers "abc" and "1234" itself, but after the rig's answers to
    // the lines before them, as the firmware would.
    static const char kPipelined[] = "\f+7\nabc\n?\x00\n1234\ns05\n";
    const QList<QByteArray> got = raw.exchange(QByteArray(kPipelined, sizeof kPipelined - 1), 10);
    QCOMPARE(got.value(0), QByteArray("Input angle: 7"));
    QCOMPARE(got.value(2), QByteArray("Error: Bad input"));
    QVERIFY2(got.value(4).startsWith("Position: angle="), got.value(4).constData());
    QCOMPARE(got.value(6), QByteArray("Error: Angle more than 3 bytes"));
    QCOMPARE(got.value(8), QByteArray("Speed: ms_per_deg=5"));
    for (int i = 1; i < 10; i += 2)
        QCOMPARE(got.value(i), QByteArray("OK: Good to go"));
    // What reached the firmware: the client's lines in their canonical form (the rig client's
    // own polling "?" may interleave), never the client's bytes.
    QList<QByteArray> lines;
    for (const QList<QVariant> &args : std::as_const(sent))
        lines << args.at(0).toByteArray();
    QVERIFY(lines.contains("7") && lines.contains("S5") && lines.contains("?"));
    for (const QByteArray &l : lines)
        QCOMPARE(canonicalLine(classifyCommandLine(l)), l);
}

void TestStationLines::rawLease_refusalNamesTheHolder()
{
    RawPeer a, b;
    QVERIFY(a.open(f->station->rawPort()));
    QVERIFY(b.open(f->station->rawPort()));
    QCOMPARE(a.exchange("100\n", 2).value(0), QByteArray("Input angle: 100"));
    const QByteArray refusal = b.exchange("50\n", 2).value(0);
    QVERIFY2(refusal.startsWith("Error: Refused: Raw client ")
            && refusal.contains(" is turning the rig."),
        refusal.constData());
    QVERIFY2(!refusal.contains("Refused:  is"), refusal.constData());
    StationClient remote;
    remote.connectToStation(f->pairing(), "Rudy");
    QVERIFY(waitConnected(remote));
    QTRY_VERIFY_WITH_TIMEOUT(remote.state().holder.startsWith("Raw client "), kLong);
}

void TestStationLines::fuzz_parkedAndLocked_servoStays_everyLineOneVerdict()
{
    StationClient remote;
    remote.connectToStation(f->pairing(), "Mallory");
    QVERIFY(waitConnected(remote));
    RawPeer raw;
    QVERIFY(raw.open(f->station->rawPort()));
    parkAndLock();
    const qsizetype parkedAt = f->rig.samples().size();
    QSignalSpy rigStates(f->client.get(), &RigClient::stateChanged);
    QSignalSpy sent(f->client.get(), &RigClient::commandSent);
    QRandomGenerator rng(20121201);  // fixed seed: a failure reproduces
    const int kLines = 10000;  // per client

    // The raw client: a byte stream; a line without terminator runs on into the next one.
    FirmwareModel rawModel;
    int rawVerdicts = 0, rawRefused = 0, rawForwarded = 0, rawTooLong = 0;
    for (int i = 0; i < kLines; ++i) {
        const QByteArray bytes = randomBody(rng) + randomTerminator(rng, false);
        const QList<QByteArray> want = rawModel.feed(bytes);
        const QList<QByteArray> got = raw.exchange(bytes, int(want.size()));
        QVERIFY2(got.size() == want.size(),
            qPrintable(QStringLiteral("line %1 '%2': %3 lines, the firmware gives %4")
                           .arg(i)
                           .arg(printable(bytes))
                           .arg(got.size())
                           .arg(want.size())));
        for (qsizetype k = 0; k < want.size(); k += 2) {
            QVERIFY2(verdictFits(want.at(k), got.at(k)),
                qPrintable(
                    QStringLiteral("line %1 '%2': firmware '%3', station '%4'")
                        .arg(i)
                        .arg(printable(bytes), printable(want.at(k)), printable(got.at(k)))));
            QCOMPARE(got.at(k + 1), QByteArray("OK: Good to go"));
            ++rawVerdicts;
            rawRefused += got.at(k).startsWith("Error: Refused:");
            rawTooLong += got.at(k) == "Error: Angle more than 3 bytes";
            rawForwarded += !got.at(k).startsWith("Error:");
        }
    }
    QCOMPARE(raw.exchange("\n", 0).size(), 0);  // ends any half line; nothing is left over
    QVERIFY(raw.lines.isEmpty());

    // The remote: one "send" per line; each gets exactly one answer, a reply or an error.
    int replies = 0, errors = 0, remoteRefused = 0, remoteForwarded = 0;
    QList<QByteArray> lastReply;
    connect(&remote, &StationClient::lineReplied, this, [&](const QList<QByteArray> &l) {
        ++replies;
        lastReply = l;
    });
    connect(&remote, &StationClient::errorOccurred, this, [&] { ++errors; });
    for (int i = 0; i < kLines; ++i) {
        const QByteArray line = randomBody(rng) + randomTerminator(rng, true);
        const int repliesBefore = replies, errorsBefore = errors;
        remote.sendLine(line);
        QVERIFY2(spinUntil([&] { return replies + errors > repliesBefore + errorsBefore; }, kLong),
            qPrintable(QStringLiteral("send %1 '%2' got no answer").arg(i).arg(printable(line))));
        // A "send" holds one firmware line of 1 to 64 bytes: anything else is a bad message.
        const bool wellFormed =
            !line.isEmpty() && line.size() <= 64 && !line.contains('\r') && !line.contains('\n');
        QCOMPARE(replies - repliesBefore, wellFormed ? 1 : 0);
        QCOMPARE(errors - errorsBefore, wellFormed ? 0 : 1);
        if (!wellFormed)
            continue;
        FirmwareModel model;  // one line, alone: the station never runs two sends together
        const QList<QByteArray> want = model.feed(line + '\n');
        QCOMPARE(lastReply.size(), want.size());
        if (!want.isEmpty()) {
            QVERIFY2(verdictFits(want.at(0), lastReply.at(0)),
                qPrintable(
                    QStringLiteral("send %1 '%2': firmware '%3', station '%4'")
                        .arg(i)
                        .arg(printable(line), printable(want.at(0)), printable(lastReply.at(0)))));
            remoteRefused += lastReply.at(0).startsWith("Error: Refused:");
            remoteForwarded += !lastReply.at(0).startsWith("Error:");
        }
    }
    // Nothing more arrives after the last answer: exactly one per line.
    const int total = replies + errors;
    QVERIFY(!QSignalSpy(&remote, &StationClient::lineReplied).wait(500));
    QCOMPARE(replies + errors, total);
    QCOMPARE(total, kLines);

    // The pulse on pin 9 never left the park position, and the rig was never reconnected.
    for (qsizetype i = parkedAt; i < f->rig.samples().size(); ++i)
        QVERIFY2(qAbs(f->rig.samples().at(i).angleDeg - kPark) < 0.6,
            qPrintable(QString::number(f->rig.samples().at(i).angleDeg)));
    const QByteArray position = raw.exchange("?\n", 2).value(0);
    QVERIFY2(position.startsWith("Position: angle=60 target=60 moving=0"), position.constData());
    QCOMPARE(rigStates.size(), 0);
    QCOMPARE(f->client->stats().timeouts, 0);
    // Every line that reached the firmware was the station's canonical line, and none moves.
    for (const QList<QVariant> &args : std::as_const(sent)) {
        const QByteArray l = args.at(0).toByteArray();
        QCOMPARE(canonicalLine(classifyCommandLine(l)), l);
        QVERIFY2(!classifyCommandLine(l).moves(), l.constData());
    }
    qInfo("fuzz: raw %d lines -> %d verdicts (%d moves refused, %d forwarded, %d too long); "
          "remote %d sends -> %d replies (%d moves refused, %d forwarded) + %d errors; "
          "%lld lines reached the firmware, all canonical, none a move; "
          "servo samples after park %lld, all within 0.6 deg of %g",
        kLines, rawVerdicts, rawRefused, rawForwarded, rawTooLong, kLines, replies, remoteRefused,
        remoteForwarded, errors, qlonglong(sent.size()),
        qlonglong(f->rig.samples().size() - parkedAt), kPark);
}

QTEST_MAIN(TestStationLines)
#include "tst_station_lines.moc"
