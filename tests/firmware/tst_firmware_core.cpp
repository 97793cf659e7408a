// The firmware's logic on the PC: the protocol table, motion timing and pulse mapping.
#include <QtTest>

#include "controller.h"
#include "servo_pulse.h"
#include "support/protocol_vector_rows.h"

using namespace rudebot;

namespace {

struct RecordingServo : ServoOutput {
    QList<uint16_t> pulses;
    void writeMicroseconds(uint16_t us) override { pulses.append(us); }
};

struct RecordingLines : LineOutput {
    QList<QByteArray> lines;
    void writeLine(const char *line) override { lines.append(QByteArray(line)); }
};

struct Board {
    RecordingServo servo;
    RecordingLines out;
    Controller ctl{servo, out};
    uint32_t now = 0;

    // Boots and idles a while, as a board does before the host's first command arrives.
    void boot()
    {
        ctl.begin(now);
        run(100);
        out.lines.clear();
    }
    void send(const QByteArray &bytes)
    {
        for (char c : bytes)
            ctl.receive(static_cast<uint8_t>(c), now);
    }
    // Runs loop() every millisecond for ms milliseconds.
    void run(uint32_t ms)
    {
        for (uint32_t i = 0; i < ms; ++i) {
            ++now;
            ctl.tick(now);
        }
    }
};

}  // namespace

class TestFirmwareCore : public QObject {
    Q_OBJECT

private slots:
    void protocolVectors_data();
    void protocolVectors();
    void boot_drivesNinetyDegreesAndSaysReady();
    void pulseMapping_matchesServoLibrary_data();
    void pulseMapping_matchesServoLibrary();
    void move_stepsOneDegreePer30msAndEndsExactlyOnTarget();
    void move_fromRestStartsAtOnce();
    void retarget_duringSweep_takesEffectWithinOneStep();
    void stop_holdsCurrentAngle();
    void speed_changesStepPeriod();
    void repeatedSameTarget_doesNotMove();
    void clockWrap_keepsStepping();
};

void TestFirmwareCore::protocolVectors_data()
{
    addProtocolVectorRows();
}

void TestFirmwareCore::protocolVectors()
{
    QFETCH(QByteArray, input);
    QFETCH(QList<QByteArray>, replies);
    Board b;
    b.boot();
    b.send(input);
    QVERIFY2(vectorRepliesMatch(replies, b.out.lines), describeReplies(b.out.lines).constData());
}

void TestFirmwareCore::boot_drivesNinetyDegreesAndSaysReady()
{
    Board b;
    b.ctl.begin(0);
    QCOMPARE(b.servo.pulses, QList<uint16_t>{1472});
    QCOMPARE(b.out.lines,
        (QList<QByteArray>{"Ready: Rudebot firmware " RUDEBOT_FW_VERSION, "OK: Good to go"}));
}

void TestFirmwareCore::pulseMapping_matchesServoLibrary_data()
{
    QTest::addColumn<int>("degrees");
    QTest::addColumn<int>("pulse");
    // map(angle, 0, 180, 544, 2400) with integer division, as Servo::write() computes it.
    QTest::newRow("0") << 0 << 544;
    QTest::newRow("1") << 1 << 554;
    QTest::newRow("45") << 45 << 1008;
    QTest::newRow("90") << 90 << 1472;
    QTest::newRow("179") << 179 << 2389;
    QTest::newRow("180") << 180 << 2400;
    QTest::newRow("clamped 255") << 255 << 2400;
}

void TestFirmwareCore::pulseMapping_matchesServoLibrary()
{
    QFETCH(int, degrees);
    QFETCH(int, pulse);
    QCOMPARE(int(pulseForAngle(uint8_t(degrees))), pulse);
}

void TestFirmwareCore::move_stepsOneDegreePer30msAndEndsExactlyOnTarget()
{
    Board b;
    b.boot();
    b.send("100\n");
    b.run(400);
    QCOMPARE(int(b.ctl.motion().angle()), 100);
    QVERIFY(!b.ctl.motion().moving());
    // 90 (boot) then 91..100, one pulse per degree, ending exactly on target.
    QList<uint16_t> expected{1472};
    for (int a = 91; a <= 100; ++a)
        expected.append(pulseForAngle(uint8_t(a)));
    QCOMPARE(b.servo.pulses, expected);

    Board c;
    c.boot();
    c.send("0\n");
    c.run(89 * 30 - 1);  // the first step is immediate, the 90th is due at 89 * 30 ms
    QCOMPARE(int(c.ctl.motion().angle()), 1);
    c.run(1);
    QCOMPARE(int(c.ctl.motion().angle()), 0);
}

void TestFirmwareCore::move_fromRestStartsAtOnce()
{
    Board b;
    b.boot();
    b.run(1000);
    b.send("120\n");
    QCOMPARE(int(b.ctl.motion().angle()), 91);
}

void TestFirmwareCore::retarget_duringSweep_takesEffectWithinOneStep()
{
    Board b;
    b.boot();
    b.send("180\n");
    b.run(300);  // 11 steps: 90 -> 101
    QCOMPARE(int(b.ctl.motion().angle()), 101);
    b.run(15);  // mid-step
    b.send("0\n");
    QCOMPARE(b.out.lines.last(), QByteArray("OK: Good to go"));
    b.run(15);  // the next step, 30 ms after the previous, already goes the new way
    QCOMPARE(int(b.ctl.motion().angle()), 100);
    QCOMPARE(int(b.ctl.motion().target()), 0);
}

void TestFirmwareCore::stop_holdsCurrentAngle()
{
    Board b;
    b.boot();
    b.send("180\n");
    b.run(150);
    const int at = b.ctl.motion().angle();
    b.send("!\n");
    QCOMPARE(b.out.lines.at(2), QByteArray("Stopped: angle=") + QByteArray::number(at));
    b.run(500);
    QCOMPARE(int(b.ctl.motion().angle()), at);
    QVERIFY(!b.ctl.motion().moving());
}

void TestFirmwareCore::speed_changesStepPeriod()
{
    Board b;
    b.boot();
    b.send("S5\n");
    b.send("180\n");
    b.run(89 * 5);
    QCOMPARE(int(b.ctl.motion().angle()), 180);
}

void TestFirmwareCore::repeatedSameTarget_doesNotMove()
{
    // The seed could never reach a target it had stopped one short of; ours is already there.
    Board b;
    b.boot();
    b.send("95\n");
    b.run(500);
    const int pulses = b.servo.pulses.size();
    b.send("95\n");
    b.run(500);
    QCOMPARE(b.servo.pulses.size(), pulses);
    QCOMPARE(int(b.ctl.motion().angle()), 95);
}

void TestFirmwareCore::clockWrap_keepsStepping()
{
    Board b;
    b.now = 0xFFFFFFFFu - 100;  // millis() wraps after 49.7 days
    b.boot();
    b.send("110\n");
    b.run(700);
    QCOMPARE(int(b.ctl.motion().angle()), 110);
}

QTEST_GUILESS_MAIN(TestFirmwareCore)
#include "tst_firmware_core.moc"
