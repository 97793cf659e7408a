// The station's JSON protocol, both ways: every message type is built by its one toJson,
// sent as one line and parsed back by the other end's parser to the same value; StationState
// fills the "state" message the station sends and the client reads. Pure: no sockets.
#include <QtTest>

#include "station/station_protocol.h"

using namespace rudebot;
using namespace rudebot::station;

Q_DECLARE_METATYPE(rudebot::station::ClientMessage)
Q_DECLARE_METATYPE(rudebot::station::ServerMessage)

namespace {

StationState busyState()
{
    StationState s;
    s.station = QStringLiteral("Front office");
    s.videoPort = 47801;
    s.link = QStringLiteral("ready");
    s.firmware = QStringLiteral("rudebot");
    s.version = QStringLiteral("1.0.0");
    s.rigMessage = QStringLiteral("The rig did not answer in time.");
    s.linkDescription = QStringLiteral("serial /dev/ttyACM0");
    s.angle = 97;
    s.target = 120;
    s.moving = true;
    s.calibration.homeServoDeg = 84.5;
    s.calibration.minLogicalDeg = -33;
    s.calibration.maxLogicalDeg = 44;
    s.calibration.inverted = true;
    s.calibration.hfovDeg = 72;
    s.directionChecked = false;  // not the default: the round trip must carry it
    s.fastestMsPerDeg = 22;
    s.holder = QStringLiteral("Rudy");
    s.holderId = 3;
    s.overrideHeld = true;
    s.overrideBy = QStringLiteral("Front desk");
    s.overrideReason = QStringLiteral("calibrating");
    s.parkLocked = true;
    s.parkBy = QStringLiteral("Kim");
    s.parkServo = 12.5;
    s.videoPaused = true;
    s.privacyMessage = QStringLiteral("video paused for privacy");
    s.videoPausedBy = QStringLiteral("Front desk");
    s.clients = {{3, QStringLiteral("Rudy"), QStringLiteral("remote")},
        {4, QStringLiteral("Raw client 4"), QStringLiteral("raw")}};
    s.asking = {{3, QStringLiteral("Rudy"), QStringLiteral("remote")}};
    return s;
}

}  // namespace

class TestStationProtocol : public QObject {
    Q_OBJECT

private slots:
    void clientMessage_roundTrips_data();
    void clientMessage_roundTrips();
    void serverMessage_roundTrips_data();
    void serverMessage_roundTrips();
    void state_hasTheDocumentedShape();
    void state_missingFields_takeDefaults();
    void serverMessage_malformed_isRefusedWithAReason();
};

void TestStationProtocol::clientMessage_roundTrips_data()
{
    QTest::addColumn<ClientMessage>("message");
    QTest::addColumn<QByteArray>("type");
    QTest::newRow("auth") << ClientMessage(Auth{"Rudy", QByteArray(64, 'a')}) << QByteArray("auth");
    QTest::newRow("target servo") << ClientMessage(Target{120.5, false}) << QByteArray("target");
    QTest::newRow("target logical") << ClientMessage(Target{-20, true}) << QByteArray("target");
    QTest::newRow("stop") << ClientMessage(Stop{}) << QByteArray("stop");
    QTest::newRow("ping") << ClientMessage(Ping{1234567890123}) << QByteArray("ping");
    QTest::newRow("send") << ClientMessage(SendLine{"?"}) << QByteArray("send");
    // Every byte a firmware line may hold survives the JSON string (Latin-1 both ways).
    QTest::newRow("send bytes") << ClientMessage(SendLine{QByteArray("\f5\0\xff\x80", 5)})
                                << QByteArray("send");
    QTest::newRow("override") << ClientMessage(Override{true}) << QByteArray("override");
    QTest::newRow("park") << ClientMessage(Park{true}) << QByteArray("park");
    QTest::newRow("unpark") << ClientMessage(Park{false}) << QByteArray("park");
    QTest::newRow("name") << ClientMessage(Rename{"Front desk"}) << QByteArray("name");
    QTest::newRow("pause video") << ClientMessage(PauseVideo{true}) << QByteArray("video");
    QTest::newRow("resume video") << ClientMessage(PauseVideo{false}) << QByteArray("video");
    QTest::newRow("ask control") << ClientMessage(AskControl{}) << QByteArray("ask_control");
    QTest::newRow("grant") << ClientMessage(AnswerControl{3, true})
                           << QByteArray("answer_control");
    QTest::newRow("decline") << ClientMessage(AnswerControl{12, false})
                             << QByteArray("answer_control");
    QTest::newRow("speed") << ClientMessage(Speed{60}) << QByteArray("speed");
    QTest::newRow("speed fastest") << ClientMessage(Speed{0}) << QByteArray("speed");
}

void TestStationProtocol::clientMessage_roundTrips()
{
    QFETCH(ClientMessage, message);
    QFETCH(QByteArray, type);
    const QByteArray line = encode(message);
    QVERIFY(line.endsWith('\n'));
    QCOMPARE(line.count('\n'), 1);
    QCOMPARE(toJson(message).value("type").toString().toLatin1(), type);
    QString error;
    const auto back = parseClientMessage(line.chopped(1), &error);
    QVERIFY2(back, qPrintable(error));
    QCOMPARE(back->index(), message.index());
    QVERIFY(*back == message);
}

void TestStationProtocol::serverMessage_roundTrips_data()
{
    QTest::addColumn<ServerMessage>("message");
    QTest::addColumn<QByteArray>("type");
    QTest::newRow("hello") << ServerMessage(Hello{"Front office", kProtocolVersion, "00ff"})
                           << QByteArray("hello");
    QTest::newRow("welcome") << ServerMessage(Welcome{7, "remote"}) << QByteArray("welcome");
    QTest::newRow("state") << ServerMessage(busyState()) << QByteArray("state");
    QTest::newRow("state idle") << ServerMessage(StationState{}) << QByteArray("state");
    QTest::newRow("refused") << ServerMessage(Refused{"Rudy is turning the rig."})
                             << QByteArray("refused");
    QTest::newRow("error") << ServerMessage(Error{"bad-message", "not a JSON object"})
                           << QByteArray("error");
    QTest::newRow("pong") << ServerMessage(Pong{42}) << QByteArray("pong");
    QTest::newRow("reply") << ServerMessage(Reply{{"Input angle: 90", "OK: Good to go"}})
                           << QByteArray("reply");
    QTest::newRow("reply empty") << ServerMessage(Reply{}) << QByteArray("reply");
    QTest::newRow("control granted")
        << ServerMessage(ControlAnswer{true, "Front desk gave you control."})
        << QByteArray("control_answer");
    QTest::newRow("control declined")
        << ServerMessage(ControlAnswer{false, "Front desk said no."}) << QByteArray("control_answer");
}

void TestStationProtocol::serverMessage_roundTrips()
{
    QFETCH(ServerMessage, message);
    QFETCH(QByteArray, type);
    const QByteArray line = encode(message);
    QCOMPARE(line.count('\n'), 1);
    QCOMPARE(toJson(message).value("type").toString().toLatin1(), type);
    QString error;
    const auto back = parseServerMessage(line.chopped(1), &error);
    QVERIFY2(back, qPrintable(error));
    QCOMPARE(back->index(), message.index());
    QVERIFY(*back == message);
}

void TestStationProtocol::state_hasTheDocumentedShape()
{
    // docs/station.md's example: the fields clients already read keep their names and places.
    const QJsonObject o = busyState().toJson();
    QCOMPARE(o.value("type").toString(), QStringLiteral("state"));
    QCOMPARE(o.value("video_port").toInt(), 47801);
    QCOMPARE(o.value("rig").toObject().value("angle").toInt(), 97);
    QCOMPARE(o.value("rig").toObject().value("link").toString(), QStringLiteral("ready"));
    QCOMPARE(o.value("calibration").toObject().value("home").toDouble(), 84.5);
    QCOMPARE(o.value("control").toObject().value("holder").toString(), QStringLiteral("Rudy"));
    QCOMPARE(o.value("control").toObject().value("park_servo").toDouble(), 12.5);
    QCOMPARE(o.value("clients").toArray().size(), 2);
    // Unknown angles and no holder are null, not -1 or "".
    const QJsonObject idle = StationState{}.toJson();
    QVERIFY(idle.value("rig").toObject().value("angle").isNull());
    QVERIFY(idle.value("rig").toObject().value("target").isNull());
    QVERIFY(idle.value("control").toObject().value("holder").isNull());
}

void TestStationProtocol::state_missingFields_takeDefaults()
{
    const StationState s = StationState::fromJson({{"type", "state"}});
    QVERIFY(s == StationState{});
    QCOMPARE(s.angle, -1);
    QCOMPARE(s.calibration.homeServoDeg, 90.0);
    QCOMPARE(s.parkServo, 90.0);
    QVERIFY(s.directionChecked);  // a station older than the field: no warning
    QCOMPARE(s.fastestMsPerDeg, 30);  // and the firmware's default speed
}

void TestStationProtocol::serverMessage_malformed_isRefusedWithAReason()
{
    for (const QByteArray &line : {QByteArray("not json"), QByteArray("[1,2]"),
             QByteArray(R"({"type":"fly"})"), QByteArray(R"({"lines":[]})")}) {
        QString error;
        QVERIFY2(!parseServerMessage(line, &error), line.constData());
        QVERIFY(!error.isEmpty());
    }
}

QTEST_APPLESS_MAIN(TestStationProtocol)
#include "tst_station_protocol.moc"
