#include <QRandomGenerator>
#include <QTest>

#include "video/mjpeg_parser.h"

using namespace rudebot;

namespace {
struct Style {
    QByteArray eol = "\r\n";
    bool contentLength = true;
    QByteArray preamble;  // bytes before the first delimiter
    QByteArray delimiterDashes = "--";
    bool breakAfterPayload = true;  // the line break between a payload and the next delimiter
    QByteArray extraHeaders;  // per part, each ending in eol
    bool closing = false;  // a closing delimiter and an epilogue
};

// Binary payloads full of CR, LF and dashes, like JPEG data can be.
QList<QByteArray> payloads(bool withFakeDelimiters)
{
    QRandomGenerator rng(42);
    QList<QByteArray> out;
    for (int i = 0; i < 6; ++i) {
        QByteArray p;
        const int n = 200 + int(rng.bounded(3000));
        for (int k = 0; k < n; ++k) {
            const quint32 r = rng.bounded(20);
            p.append(r == 0 ? '\r' : r == 1 ? '\n' : r == 2 ? '-' : char(rng.bounded(256)));
        }
        p.prepend("\xff\xd8");
        p.append("\xff\xd9");  // JPEG's end marker: never a line break the parser could take
        if (withFakeDelimiters && i % 2)
            p.insert(p.size() / 2, "\r\n--frame\r\n");  // only Content-Length can get this right
        out.append(p);
    }
    return out;
}

QByteArray stream(const QList<QByteArray> &frames, const Style &s)
{
    QByteArray out = s.preamble;
    for (const QByteArray &f : frames) {
        out += s.delimiterDashes + "frame" + s.eol;
        out += "Content-Type: image/jpeg" + s.eol;
        if (s.contentLength)
            out += "Content-Length: " + QByteArray::number(f.size()) + s.eol;
        out += s.extraHeaders;
        out += s.eol + f;
        if (s.breakAfterPayload)
            out += s.eol;
    }
    if (s.closing)
        out += s.delimiterDashes + "frame--" + s.eol + "epilogue that is ignored" + s.eol;
    return out;
}

QList<QByteArray> feedInChunks(MjpegParser &parser, const QByteArray &data, int chunk)
{
    QList<QByteArray> out;
    for (qsizetype i = 0; i < data.size(); i += chunk)
        out += parser.feed(
            QByteArrayView(data.constData() + i, std::min<qsizetype>(chunk, data.size() - i)));
    return out;
}
}  // namespace

Q_DECLARE_METATYPE(Style)

class tst_MjpegParser : public QObject {
    Q_OBJECT
private slots:
    void streamFedInAnyChunks_givesTheSameFrames_data();
    void streamFedInAnyChunks_givesTheSameFrames();
    void boundaryFromContentType_readsTheParameter_data();
    void boundaryFromContentType_readsTheParameter();
    void contentLengthOverTheLimit_isAnError();
    void partWithoutLengthOverTheLimit_isAnErrorNotGrowth();
    void endlessPartHeaders_areAnError();
    void garbageWithoutDelimiters_staysBounded();
    void afterAnError_feedReturnsNothing();
};

void tst_MjpegParser::streamFedInAnyChunks_givesTheSameFrames_data()
{
    QTest::addColumn<Style>("style");
    QTest::addColumn<bool>("fakeDelimiters");
    QTest::addColumn<QByteArray>("declaredBoundary");
    QTest::addColumn<int>("chunk");

    QList<std::tuple<const char *, Style, bool, QByteArray>> styles;
    styles.append({"CRLF, Content-Length", Style{}, true, "frame"});
    Style lf;
    lf.eol = "\n";
    styles.append({"LF, Content-Length", lf, true, "frame"});
    Style noLength;
    noLength.contentLength = false;
    styles.append({"CRLF, no Content-Length", noLength, false, "frame"});
    Style lfNoLength = lf;
    lfNoLength.contentLength = false;
    styles.append({"LF, no Content-Length", lfNoLength, false, "frame"});
    Style garbage;
    garbage.preamble =
        "HTTP junk\r\n--fra\r\n-frame\r\nnot a delimiter --frameX? no\r\n\xff\xd8 stray\r\n";
    styles.append({"garbage before the first delimiter", garbage, true, "frame"});
    Style garbageNoLength = garbage;
    garbageNoLength.contentLength = false;
    styles.append({"garbage, no Content-Length", garbageNoLength, false, "frame"});
    Style buggyCamera;
    buggyCamera.delimiterDashes = "--";
    styles.append({"declared boundary already has the dashes", buggyCamera, true, "--frame"});
    Style tight;
    tight.breakAfterPayload = false;
    styles.append({"no line break after a counted payload", tight, true, "frame"});
    Style headers;
    headers.extraHeaders = "X-Timestamp: 12345.678\r\ncontent-LENGTH-ignored: 3\r\n";
    styles.append({"extra part headers", headers, true, "frame"});
    Style closing;
    closing.closing = true;
    styles.append({"closing delimiter and epilogue", closing, true, "frame"});

    for (const auto &[name, style, fake, boundary] : styles) {
        for (int chunk : {1, 7, 1000, 1 << 30})
            QTest::addRow("%s, chunks of %d", name, chunk == 1 << 30 ? -1 : chunk)
                << style << fake << boundary << chunk;
    }
}

void tst_MjpegParser::streamFedInAnyChunks_givesTheSameFrames()
{
    QFETCH(Style, style);
    QFETCH(bool, fakeDelimiters);
    QFETCH(QByteArray, declaredBoundary);
    const QList<QByteArray> frames = payloads(fakeDelimiters);
    const QByteArray data = stream(frames, style);
    // The last part without Content-Length ends only when the next delimiter comes.
    const qsizetype expected =
        style.contentLength || style.closing ? frames.size() : frames.size() - 1;

    QFETCH(int, chunk);
    MjpegParser parser(declaredBoundary);
    const QList<QByteArray> got =
        feedInChunks(parser, data, std::min<qsizetype>(chunk, data.size()));
    QVERIFY2(!parser.hasError(), qPrintable(parser.errorString()));
    QCOMPARE(got.size(), expected);
    for (qsizetype i = 0; i < expected; ++i)
        QVERIFY2(got.at(i) == frames.at(i), qPrintable(QStringLiteral("frame %1 differs").arg(i)));
    QCOMPARE(parser.isFinished(), style.closing);
}

void tst_MjpegParser::boundaryFromContentType_readsTheParameter_data()
{
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("boundary");  // empty: none
    QTest::newRow("plain") << QByteArray("multipart/x-mixed-replace; boundary=frame")
                           << QByteArray("frame");
    QTest::newRow("quoted") << QByteArray("multipart/x-mixed-replace;boundary=\"a b\"")
                            << QByteArray("a b");
    QTest::newRow("case and spaces")
        << QByteArray("Multipart/X-Mixed-Replace ;  BOUNDARY = --myboundary ")
        << QByteArray("--myboundary");
    QTest::newRow("other parameters first")
        << QByteArray("multipart/x-mixed-replace; charset=x; boundary=b1") << QByteArray("b1");
    QTest::newRow("not multipart") << QByteArray("image/jpeg") << QByteArray();
    QTest::newRow("no boundary") << QByteArray("multipart/x-mixed-replace") << QByteArray();
    QTest::newRow("empty boundary")
        << QByteArray("multipart/x-mixed-replace; boundary=\"\"") << QByteArray();
}

void tst_MjpegParser::boundaryFromContentType_readsTheParameter()
{
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, boundary);
    const auto got = MjpegParser::boundaryFromContentType(contentType);
    QCOMPARE(got.has_value(), !boundary.isEmpty());
    if (got)
        QCOMPARE(*got, boundary);
}

void tst_MjpegParser::contentLengthOverTheLimit_isAnError()
{
    MjpegParser parser("frame", 1000);
    QVERIFY(parser.feed("--frame\r\nContent-Length: 1001\r\n\r\n").isEmpty());
    QVERIFY(parser.hasError());
    QVERIFY(parser.errorString().contains("1001"));
    // The default limit is 8 MB.
    MjpegParser big("frame");
    big.feed("--frame\r\nContent-Length: 9000000\r\n\r\n");
    QVERIFY(big.hasError());
}

void tst_MjpegParser::partWithoutLengthOverTheLimit_isAnErrorNotGrowth()
{
    MjpegParser parser("frame", 1000);
    parser.feed("--frame\r\nContent-Type: image/jpeg\r\n\r\n");
    const QByteArray chunk(100, 'x');
    for (int i = 0; i < 100 && !parser.hasError(); ++i) {
        parser.feed(chunk);
        QVERIFY(parser.bufferedBytes() <= 1000 + chunk.size());
    }
    QVERIFY(parser.hasError());
    QCOMPARE(parser.bufferedBytes(), 0);
}

void tst_MjpegParser::endlessPartHeaders_areAnError()
{
    MjpegParser parser("frame");
    parser.feed("--frame\r\n");
    for (int i = 0; i < 1000 && !parser.hasError(); ++i)
        parser.feed("X-Header: " + QByteArray(100, 'y') + "\r\n");
    QVERIFY(parser.hasError());
}

void tst_MjpegParser::garbageWithoutDelimiters_staysBounded()
{
    MjpegParser parser("frame");
    QRandomGenerator rng(7);
    QByteArray garbage(4096, Qt::Uninitialized);
    for (int i = 0; i < 256; ++i) {  // 1 MiB
        for (char &c : garbage)
            c = char(rng.bounded(256));
        QVERIFY(parser.feed(garbage).isEmpty());
        QVERIFY(parser.bufferedBytes() < 256);
    }
    QVERIFY(!parser.hasError());
    // And a stream that starts after it is still read.
    const QList<QByteArray> got = parser.feed("\r\n--frame\r\nContent-Length: 3\r\n\r\nabc\r\n");
    QCOMPARE(got, QList<QByteArray>{"abc"});
}

void tst_MjpegParser::afterAnError_feedReturnsNothing()
{
    MjpegParser parser("frame", 10);
    parser.feed("--frame\r\nContent-Length: 11\r\n\r\n");
    QVERIFY(parser.hasError());
    QVERIFY(parser.feed("--frame\r\nContent-Length: 3\r\n\r\nabc\r\n").isEmpty());
    QVERIFY(MjpegParser("").hasError());  // no boundary: nothing can be separated
}

QTEST_APPLESS_MAIN(tst_MjpegParser)
#include "tst_mjpeg_parser.moc"
