// Bytes -> lines, however the link chops them up.
#include "core/line_splitter.h"

#include <QTest>

using namespace rudebot;

class TestLineSplitter : public QObject {
    Q_OBJECT
private slots:
    void chunks_splitIntoLines_data();
    void chunks_splitIntoLines();
    void endlessGarbage_isCutAtTheLimit();
    void reset_forgetsThePartialLine();
};

void TestLineSplitter::chunks_splitIntoLines_data()
{
    QTest::addColumn<QList<QByteArray>>("chunks");
    QTest::addColumn<QList<QByteArray>>("lines");
    using L = QList<QByteArray>;
    QTest::newRow("crlf") << L{"OK: Good to go\r\n"} << L{"OK: Good to go"};
    QTest::newRow("lf") << L{"a\nb\n"} << L{"a", "b"};
    QTest::newRow("cr") << L{"a\rb\r"} << L{"a", "b"};
    QTest::newRow("crlf_split_between_chunks") << L{"a\r", "\nb\r\n"} << L{"a", "b"};
    QTest::newRow("line_split_across_chunks")
        << L{"Inp", "ut angle", ": 9", "0\r\n"} << L{"Input angle: 90"};
    QTest::newRow("byte_by_byte") << L{"x", "\r", "\n", "y", "\n"} << L{"x", "y"};
    QTest::newRow("empty_lines_dropped") << L{"\r\n\r\n\n\ra\r\r\n"} << L{"a"};
    QTest::newRow("no_terminator_yet") << L{"partial"} << L{};
    QTest::newRow("lf_cr_is_two_terminators") << L{"a\n\rb\n"} << L{"a", "b"};
    QTest::newRow("binary_kept") << L{QByteArray("\x00\xff", 2) + "\n"}
                                 << L{QByteArray("\x00\xff", 2)};
}

void TestLineSplitter::chunks_splitIntoLines()
{
    QFETCH(QList<QByteArray>, chunks);
    LineSplitter splitter;
    QList<QByteArray> got;
    for (const QByteArray &c : chunks)
        got += splitter.feed(c);
    QTEST(got, "lines");
}

void TestLineSplitter::endlessGarbage_isCutAtTheLimit()
{
    LineSplitter splitter(8);
    const QList<QByteArray> got = splitter.feed(QByteArray(20, 'x'));
    QCOMPARE(got, (QList<QByteArray>{QByteArray(8, 'x'), QByteArray(8, 'x')}));
    QVERIFY(splitter.hasPartialLine());
}

void TestLineSplitter::reset_forgetsThePartialLine()
{
    LineSplitter splitter;
    splitter.feed("Input ang");
    splitter.reset();
    QCOMPARE(splitter.feed("OK: Good to go\n"), QList<QByteArray>{"OK: Good to go"});
}

QTEST_APPLESS_MAIN(TestLineSplitter)
#include "tst_line_splitter.moc"
