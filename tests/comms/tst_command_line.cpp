// The station's one reading of a command line (classifyCommandLine with LineFramer) against
// the shared protocol table: for every row, framing and classifying the bytes the host sends
// must predict the firmware's replies, verdict by verdict. The same rows run against the host
// firmware core (tests/firmware) and the compiled firmware in the virtual rig (tests/sim), so
// passing here means the station reads every line exactly as the firmware does.
#include "core/line_framer.h"
#include "core/rig_protocol.h"
#include "support/protocol_vectors.h"

#include <QTest>

using namespace rudebot;
using C = RigCommand::Kind;
Q_DECLARE_METATYPE(RigCommand::Kind)

namespace {

QList<RigCommand> readAsFirmware(const QByteArray &bytes)
{
    LineFramer framer(kMaxCommandBytes, LineFramer::Overflow::Reject);
    QList<RigCommand> out;
    for (const LineFramer::Item &item : framer.feed(bytes)) {
        if (item.kind == LineFramer::Item::Kind::TooLong)
            out.append({C::TooLong, 0, {}});
        else
            out.append(classifyCommandLine(item.line));
    }
    return out;
}

}  // namespace

class TestCommandLine : public QObject {
    Q_OBJECT
private slots:
    void everyVector_classifierPredictsTheFirmwaresVerdicts_data();
    void everyVector_classifierPredictsTheFirmwaresVerdicts();
    void line_classifiesAsTheFirmwareReadsIt_data();
    void line_classifiesAsTheFirmwareReadsIt();
    void canonicalLine_isWhatTheStationForwards_data();
    void canonicalLine_isWhatTheStationForwards();
    void everyByteAndShortLine_isClassifiedWithoutSurprise();
};

void TestCommandLine::everyVector_classifierPredictsTheFirmwaresVerdicts_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QList<QByteArray>>("replies");
    QString error;
    const QList<ProtocolVector> vectors =
        loadProtocolVectors(QStringLiteral(RUDEBOT_VECTORS), &error);
    QVERIFY2(!vectors.isEmpty(), qPrintable(error));
    for (const ProtocolVector &v : vectors)
        QTest::newRow(qPrintable(v.name)) << v.input << v.replies;
}

void TestCommandLine::everyVector_classifierPredictsTheFirmwaresVerdicts()
{
    QFETCH(QByteArray, input);
    QFETCH(QList<QByteArray>, replies);
    const QList<RigCommand> commands = readAsFirmware(input);
    // Every non-empty line gets exactly one verdict and "OK: Good to go"; the framer never
    // hands out an empty line.
    QCOMPARE(replies.size(), commands.size() * 2);
    for (int i = 0; i < commands.size(); ++i) {
        const RigCommand &c = commands.at(i);
        const QList<QByteArray> expected = replies.mid(i * 2, 2);
        QCOMPARE(expected.at(1), goodToGoLine());
        const QList<QByteArray> predicted = firmwareVerdict(c);
        if (!predicted.isEmpty()) {
            QVERIFY2(vectorRepliesMatch(expected, predicted),
                qPrintable(QStringLiteral("%1 predicted '%2', table '%3'")
                               .arg(kindName(c.kind), describeReplies(predicted),
                                   describeReplies(expected))));
            continue;
        }
        // Board-dependent answers: the kind must still be the one the firmware gives.
        QByteArray line = expected.at(0);
        line.replace('*', '0');
        const RigReply::Kind got = parseReplyLine(line).kind;
        const RigReply::Kind want = c.kind == C::Query ? RigReply::Kind::Position
            : c.kind == C::Stop                        ? RigReply::Kind::Stopped
            : c.kind == C::Version                     ? RigReply::Kind::Version
                                                       : RigReply::Kind::Unknown;
        QVERIFY2(want != RigReply::Kind::Unknown, kindName(c.kind));
        QCOMPARE(kindName(got), kindName(want));
    }
}

void TestCommandLine::line_classifiesAsTheFirmwareReadsIt_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<RigCommand::Kind>("kind");
    QTest::addColumn<int>("value");
    auto row = [](const char *name, QByteArray line, C kind, int value) {
        QTest::newRow(name) << line << kind << value;
    };
    row("empty", "", C::Empty, 0);
    row("plain", "90", C::Angle, 90);
    row("form_feed", "\f5", C::Angle, 5);
    row("vertical_tab", "\v20", C::Angle, 20);
    row("nul_ends_line", QByteArray("9\0", 2), C::Angle, 9);
    row("nul_first",
        QByteArray("\0"
                   "5",
            2),
        C::BadInput, 0);
    row("nul_only", QByteArray("\0", 1), C::BadInput, 0);
    row("four_bytes_with_nuls", QByteArray("9\0\0\0", 4), C::TooLong, 0);
    row("minus_zero", "-0", C::Angle, 0);
    row("minus_one", "-1", C::BadAngle, 0);
    row("181", "181", C::BadAngle, 0);
    row("trailing_blank", "90 ", C::BadInput, 0);
    row("cr_inside", "9\r0", C::BadInput, 0);
    row("high_byte",
        "\xb5"
        "9",
        C::BadInput, 0);
    row("query", "?", C::Query, 0);
    row("query_nul", QByteArray("?\0", 2), C::Query, 0);
    row("query_blank", " ?", C::BadInput, 0);
    row("version_lower", "v", C::Version, 0);
    row("stop", "!", C::Stop, 0);
    row("speed", "S15", C::Speed, 15);
    row("speed_lower_nul", QByteArray("s5\0", 3), C::Speed, 5);
    row("speed_zero", "S00", C::BadSpeed, 0);
    row("speed_three_digits", "S100", C::TooLong, 0);
    row("speed_letter", "Sx", C::BadSpeed, 0);
}

void TestCommandLine::line_classifiesAsTheFirmwareReadsIt()
{
    QFETCH(QByteArray, line);
    QFETCH(RigCommand::Kind, kind);
    const RigCommand c = classifyCommandLine(line);
    QCOMPARE(kindName(c.kind), kindName(kind));
    QTEST(c.value, "value");
    QCOMPARE(angleOfCommand(line), kind == C::Angle ? c.value : -1);
}

void TestCommandLine::canonicalLine_isWhatTheStationForwards_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QByteArray>("canonical");
    QTest::newRow("form_feed") << QByteArray("\f5") << QByteArray("5");
    QTest::newRow("nul") << QByteArray("9\0", 2) << QByteArray("9");
    QTest::newRow("zeros") << QByteArray("007") << QByteArray("7");
    QTest::newRow("plus") << QByteArray("+90") << QByteArray("90");
    QTest::newRow("minus_zero") << QByteArray("-0") << QByteArray("0");
    QTest::newRow("version") << QByteArray("v") << QByteArray("V");
    QTest::newRow("speed") << QByteArray("s05") << QByteArray("S5");
    QTest::newRow("query_nul") << QByteArray("?\0", 2) << QByteArray("?");
    QTest::newRow("bad_input") << QByteArray("abc") << QByteArray();
    QTest::newRow("bad_angle") << QByteArray("181") << QByteArray();
    QTest::newRow("too_long") << QByteArray("0090") << QByteArray();
}

void TestCommandLine::canonicalLine_isWhatTheStationForwards()
{
    QFETCH(QByteArray, line);
    QFETCH(QByteArray, canonical);
    const RigCommand c = classifyCommandLine(line);
    QCOMPARE(canonicalLine(c), canonical);
    QCOMPARE(encodeCommand(c), canonical.isEmpty() ? QByteArray() : canonical + '\n');
    QCOMPARE(c.isCommand(), !canonical.isEmpty());
    // The canonical line means the same to the firmware as the client's bytes did.
    if (!canonical.isEmpty()) {
        const RigCommand again = classifyCommandLine(canonical);
        QCOMPARE(kindName(again.kind), kindName(c.kind));
        QCOMPARE(again.value, c.value);
    }
}

void TestCommandLine::everyByteAndShortLine_isClassifiedWithoutSurprise()
{
    // Every line of one or two bytes: only the firmware's own commands are commands, and every
    // command's canonical form classifies back to itself.
    int commands = 0;
    for (int a = 0; a < 256; ++a) {
        for (int b = -1; b < 256; ++b) {
            QByteArray line(1, char(a));
            if (b >= 0)
                line.append(char(b));
            if (line.contains('\r') || line.contains('\n'))
                continue;
            const RigCommand c = classifyCommandLine(line);
            QVERIFY(c.kind != C::Empty && c.kind != C::TooLong);
            if (!c.isCommand())
                continue;
            ++commands;
            const RigCommand again = classifyCommandLine(canonicalLine(c));
            QCOMPARE(kindName(again.kind), kindName(c.kind));
            QCOMPARE(again.value, c.value);
        }
    }
    QVERIFY(commands > 100);
}

QTEST_APPLESS_MAIN(TestCommandLine)
#include "tst_command_line.moc"
