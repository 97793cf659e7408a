// The one bounded line framer: firmware-style rejection of over-long lines (raw clients, the
// station's JSON lines) and cutting (the board's replies, see tst_line_splitter).
#include "core/line_framer.h"

#include <QTest>

using namespace rudebot;
using Item = LineFramer::Item;
using K = Item::Kind;

class TestLineFramer : public QObject {
    Q_OBJECT
private slots:
    void reject_reportsOnceAtTheFirstByteTooMany_dropsTheTail();
    void reject_lineOfExactlyMaxLength_isALine();
    void reject_tooLongSplitAcrossChunks_reportedOnce();
    void reject_endlessLine_staysBounded();
    void cut_handsOutPieces();
    void terminators_crLfCrlf_emptyLinesDropped();
};

void TestLineFramer::reject_reportsOnceAtTheFirstByteTooMany_dropsTheTail()
{
    LineFramer f(3, LineFramer::Overflow::Reject);
    QCOMPARE(f.feed("123"), QList<Item>{});
    QCOMPARE(f.feed("4"), (QList<Item>{{K::TooLong, {}}}));
    QCOMPARE(f.feed("90\n"), QList<Item>{});  // the tail of the long line, not a command
    QCOMPARE(f.feed("90\n"), (QList<Item>{{K::Line, "90"}}));
}

void TestLineFramer::reject_lineOfExactlyMaxLength_isALine()
{
    LineFramer f(3, LineFramer::Overflow::Reject);
    QCOMPARE(f.feed("180\r\n"), (QList<Item>{{K::Line, "180"}}));
    QVERIFY(!f.hasPartialLine());
}

void TestLineFramer::reject_tooLongSplitAcrossChunks_reportedOnce()
{
    LineFramer f(4, LineFramer::Overflow::Reject);
    QList<Item> got;
    for (const char *chunk : {"ab", "cd", "ef", "gh", "\r", "\nok\n"})
        got += f.feed(chunk);
    QCOMPARE(got, (QList<Item>{{K::TooLong, {}}, {K::Line, "ok"}}));
}

void TestLineFramer::reject_endlessLine_staysBounded()
{
    LineFramer f(8, LineFramer::Overflow::Reject);
    QCOMPARE(f.feed(QByteArray(1 << 20, '7')).size(), 1);
    QVERIFY(f.hasPartialLine());
    f.reset();
    QVERIFY(!f.hasPartialLine());
    QCOMPARE(f.feed("x\n"), (QList<Item>{{K::Line, "x"}}));
}

void TestLineFramer::cut_handsOutPieces()
{
    LineFramer f(4, LineFramer::Overflow::Cut);
    QCOMPARE(f.feed("abcdefghij\n"),
        (QList<Item>{{K::Line, "abcd"}, {K::Line, "efgh"}, {K::Line, "ij"}}));
}

void TestLineFramer::terminators_crLfCrlf_emptyLinesDropped()
{
    LineFramer f(16, LineFramer::Overflow::Reject);
    QCOMPARE(f.feed(QByteArray("a\rb\nc\r\n\r\n\n\0d\n", 14)),
        (QList<Item>{
            {K::Line, "a"}, {K::Line, "b"}, {K::Line, "c"}, {K::Line, QByteArray("\0d", 2)}}));
}

QTEST_APPLESS_MAIN(TestLineFramer)
#include "tst_line_framer.moc"
