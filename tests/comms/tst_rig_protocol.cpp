// The reply codec against the shared protocol vectors and against edge cases.
#include "core/rig_protocol.h"
#include "support/protocol_vectors.h"

#include <QTest>

using namespace rudebot;
using K = RigReply::Kind;
Q_DECLARE_METATYPE(RigReply::Kind)

class TestRigProtocol : public QObject {
    Q_OBJECT
private slots:
    void everyVectorReply_parsesToAKnownKind_data();
    void everyVectorReply_parsesToAKnownKind();
    void replyLine_parsesToKindAndFields_data();
    void replyLine_parsesToKindAndFields();
    void malformedLine_isUnknownWithItsText_data();
    void malformedLine_isUnknownWithItsText();
    void encoders_endInLfOnly_andRefuseOutOfRange();
    void angleOfCommand_readsLikeTheFirmware_data();
    void angleOfCommand_readsLikeTheFirmware();
};

void TestRigProtocol::everyVectorReply_parsesToAKnownKind_data()
{
    QTest::addColumn<QByteArray>("line");
    QString error;
    const QList<ProtocolVector> vectors =
        loadProtocolVectors(QStringLiteral(RUDEBOT_VECTORS), &error);
    QVERIFY2(!vectors.isEmpty(), qPrintable(error));
    int rows = 0;
    for (const ProtocolVector &v : vectors) {
        for (int i = 0; i < v.replies.size(); ++i) {
            QTest::addRow("%s#%d", qPrintable(v.name), i) << v.replies.at(i);
            ++rows;
        }
    }
    QVERIFY(rows > 40);
    // The boot lines of protocol.md, which the table leaves out.
    QTest::newRow("boot_ready") << QByteArray("Ready: Rudebot firmware 1.0.0");
}

void TestRigProtocol::everyVectorReply_parsesToAKnownKind()
{
    QFETCH(QByteArray, line);
    line.replace('*', '0');  // the table's wildcard for a moving servo's angle
    const RigReply r = parseReplyLine(line);
    QVERIFY2(r.kind != K::Unknown, line.constData());
}

void TestRigProtocol::replyLine_parsesToKindAndFields_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<RigReply::Kind>("kind");
    QTest::addColumn<int>("angle");
    QTest::addColumn<int>("target");
    QTest::addColumn<bool>("moving");
    QTest::addColumn<int>("msPerDeg");
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QByteArray>("version");
    QTest::newRow("ok") << QByteArray("OK: Good to go") << K::GoodToGo << -1 << -1 << false << 0
                        << QByteArray() << QByteArray();
    QTest::newRow("ready") << QByteArray("Ready: Rudebot firmware 1.0.0") << K::Ready << -1 << -1
                           << false << 0 << QByteArray("Rudebot firmware 1.0.0")
                           << QByteArray("1.0.0");
    QTest::newRow("ready_other_firmware")
        << QByteArray("Ready: something else") << K::Ready << -1 << -1 << false << 0
        << QByteArray("something else") << QByteArray();
    QTest::newRow("input_angle_as_typed") << QByteArray("Input angle: 090") << K::InputAngle << 90
                                          << -1 << false << 0 << QByteArray("090") << QByteArray();
    QTest::newRow("input_angle_blank") << QByteArray("Input angle:  90") << K::InputAngle << 90
                                       << -1 << false << 0 << QByteArray(" 90") << QByteArray();
    QTest::newRow("input_angle_form_feed") << QByteArray("Input angle: \f5") << K::InputAngle << 5
                                           << -1 << false << 0 << QByteArray("\f5") << QByteArray();
    QTest::newRow("input_angle_minus_zero") << QByteArray("Input angle: -0") << K::InputAngle << 0
                                            << -1 << false << 0 << QByteArray("-0") << QByteArray();
    QTest::newRow("position_moving")
        << QByteArray("Position: angle=98 target=60 moving=1 ms_per_deg=30") << K::Position << 98
        << 60 << true << 30 << QByteArray() << QByteArray();
    QTest::newRow("position_still")
        << QByteArray("Position: angle=0 target=0 moving=0 ms_per_deg=99") << K::Position << 0 << 0
        << false << 99 << QByteArray() << QByteArray();
    QTest::newRow("stopped") << QByteArray("Stopped: angle=42") << K::Stopped << 42 << -1 << false
                             << 0 << QByteArray() << QByteArray();
    QTest::newRow("speed") << QByteArray("Speed: ms_per_deg=15") << K::Speed << -1 << -1 << false
                           << 15 << QByteArray() << QByteArray();
    QTest::newRow("version") << QByteArray("Version: Rudebot firmware 1.2.3") << K::Version << -1
                             << -1 << false << 0 << QByteArray("Rudebot firmware 1.2.3")
                             << QByteArray("1.2.3");
    for (const char *e : {"Error: Bad input", "Error: Bad angle", "Error: Angle more than 3 bytes",
             "Error: Bad speed"}) {
        const K k = QByteArray(e).endsWith("input") ? K::BadInput
            : QByteArray(e).endsWith("angle")       ? K::BadAngle
            : QByteArray(e).endsWith("bytes")       ? K::TooLong
                                                    : K::BadSpeed;
        QTest::newRow(e) << QByteArray(e) << k << -1 << -1 << false << 0 << QByteArray()
                         << QByteArray();
    }
}

void TestRigProtocol::replyLine_parsesToKindAndFields()
{
    QFETCH(QByteArray, line);
    QFETCH(RigReply::Kind, kind);
    const RigReply r = parseReplyLine(line);
    QCOMPARE(kindName(r.kind), kindName(kind));
    QTEST(r.angle, "angle");
    QTEST(r.target, "target");
    QTEST(r.moving, "moving");
    QTEST(r.msPerDeg, "msPerDeg");
    QTEST(r.text, "text");
    QTEST(r.version, "version");
    QCOMPARE(r.isVerdict(), kind != K::GoodToGo && kind != K::Ready);
    QCOMPARE(r.isError(), line.startsWith("Error: "));
}

void TestRigProtocol::malformedLine_isUnknownWithItsText_data()
{
    QTest::addColumn<QByteArray>("line");
    for (const char *l :
        {"", "OK", "ok: good to go", "OK: Good to go ", "Input angle: ", "Input angle: 9a",
            "Input angle: 181", "Position: angle=1 target=2 moving=2 ms_per_deg=3",
            "Position: angle=1 target=2 moving=0",
            "Position: target=2 angle=1 moving=0 ms_per_deg=3",
            "Position: angle=x target=2 moving=0 ms_per_deg=3", "Stopped: angle=", "Speed: 15",
            "Error: Bad", "\xff\xfe", "Input angle: 99999999999999"})
        QTest::newRow(l) << QByteArray(l);
}

void TestRigProtocol::malformedLine_isUnknownWithItsText()
{
    QFETCH(QByteArray, line);
    const RigReply r = parseReplyLine(line);
    QCOMPARE(kindName(r.kind), kindName(K::Unknown));
    QCOMPARE(r.text, line);
    QVERIFY(!r.isVerdict());
}

void TestRigProtocol::encoders_endInLfOnly_andRefuseOutOfRange()
{
    QCOMPARE(encodeAngle(0), QByteArray("0\n"));
    QCOMPARE(encodeAngle(180), QByteArray("180\n"));
    QVERIFY(encodeAngle(-1).isEmpty());
    QVERIFY(encodeAngle(181).isEmpty());
    QCOMPARE(encodeQuery(), QByteArray("?\n"));
    QCOMPARE(encodeVersion(), QByteArray("V\n"));
    QCOMPARE(encodeStop(), QByteArray("!\n"));
    QCOMPARE(encodeSpeed(15), QByteArray("S15\n"));
    QVERIFY(encodeSpeed(0).isEmpty());
    QVERIFY(encodeSpeed(100).isEmpty());
    QCOMPARE(encodeRawLine("1234"), QByteArray("1234\n"));
    QVERIFY(encodeRawLine("").isEmpty());
    QVERIFY(encodeRawLine("9\r").isEmpty());
    QVERIFY(encodeRawLine("9\n0").isEmpty());
}

void TestRigProtocol::angleOfCommand_readsLikeTheFirmware_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<int>("angle");
    QTest::newRow("plain") << QByteArray("90") << 90;
    QTest::newRow("leading_zero") << QByteArray("090") << 90;
    QTest::newRow("blank") << QByteArray(" 90") << 90;
    QTest::newRow("plus") << QByteArray("+90") << 90;
    QTest::newRow("minus_zero") << QByteArray("-0") << 0;
    QTest::newRow("terminated") << QByteArray("45\n") << 45;
    QTest::newRow("too_big") << QByteArray("181") << -1;
    QTest::newRow("negative") << QByteArray("-5") << -1;
    QTest::newRow("junk") << QByteArray("9a") << -1;
    QTest::newRow("too_long") << QByteArray("0090") << -1;
    QTest::newRow("query") << QByteArray("?") << -1;
    QTest::newRow("empty") << QByteArray("") << -1;
    QTest::newRow("form_feed") << QByteArray("\f5") << 5;
    QTest::newRow("vertical_tab") << QByteArray("\v20") << 20;
    QTest::newRow("nul_ends_line") << QByteArray("9\0", 2) << 9;
    QTest::newRow("crlf_terminated") << QByteArray("7\r\n") << 7;
}

void TestRigProtocol::angleOfCommand_readsLikeTheFirmware()
{
    QFETCH(QByteArray, line);
    QTEST(angleOfCommand(line), "angle");
}

QTEST_APPLESS_MAIN(TestRigProtocol)
#include "tst_rig_protocol.moc"
