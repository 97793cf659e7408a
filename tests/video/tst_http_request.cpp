#include <QTest>

#include "video/http_request.h"

using namespace rudebot;

class tst_HttpRequest : public QObject {
    Q_OBJECT
private slots:
    void validHead_isParsed_data();
    void validHead_isParsed();
    void invalidHead_isRejected_data();
    void invalidHead_isRejected();
    void bearerToken_comesFromHeaderOrQuery_data();
    void bearerToken_comesFromHeaderOrQuery();
    void headEnd_isFoundWithCrlfOrLf_data();
    void headEnd_isFoundWithCrlfOrLf();
};

void tst_HttpRequest::validHead_isParsed_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("token");
    QTest::addColumn<QByteArray>("host");
    QTest::newRow("browser") << QByteArray(
        "GET /stream HTTP/1.1\r\nHost: station:8081\r\nAccept: */*\r\n\r\n")
                             << "/stream"
                             << "" << QByteArray("station:8081");
    QTest::newRow("query, LF only")
        << QByteArray("GET /snapshot.jpg?token=abc%2B1&x=2 HTTP/1.0\nHOST:  h \n\n")
        << "/snapshot.jpg"
        << "abc+1" << QByteArray("h");
    QTest::newRow("percent-encoded path")
        << QByteArray("GET /stream%2Emjpg HTTP/1.1\r\n\r\n") << "/stream.mjpg"
        << "" << QByteArray();
}

void tst_HttpRequest::validHead_isParsed()
{
    QFETCH(QByteArray, head);
    QFETCH(QString, path);
    QFETCH(QString, token);
    QFETCH(QByteArray, host);
    QString error;
    const auto r = parseHttpRequestHead(head, &error);
    QVERIFY2(r.has_value(), qPrintable(error));
    QCOMPARE(r->method, QByteArray("GET"));
    QCOMPARE(r->path, path);
    QCOMPARE(r->bearerToken(), token);
    QCOMPARE(r->header("Host"), host);
}

void tst_HttpRequest::invalidHead_isRejected_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::newRow("empty") << QByteArray("\r\n\r\n");
    QTest::newRow("not HTTP") << QByteArray("HELLO\r\n\r\n");
    QTest::newRow("HTTP/2 preface") << QByteArray("PRI * HTTP/2.0\r\n\r\n");
    QTest::newRow("absolute URL") << QByteArray("GET http://x/stream HTTP/1.1\r\n\r\n");
    QTest::newRow("header without colon") << QByteArray("GET / HTTP/1.1\r\nbroken\r\n\r\n");
}

void tst_HttpRequest::invalidHead_isRejected()
{
    QFETCH(QByteArray, head);
    QString error;
    QVERIFY(!parseHttpRequestHead(head, &error).has_value());
    QVERIFY(!error.isEmpty());
}

void tst_HttpRequest::bearerToken_comesFromHeaderOrQuery_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<QString>("token");
    QTest::newRow("header") << QByteArray(
        "GET /stream HTTP/1.1\r\nAuthorization: Bearer s3cret\r\n")
                            << "s3cret";
    QTest::newRow("header, any case")
        << QByteArray("GET /stream HTTP/1.1\r\nauthorization: bearer s3cret\r\n") << "s3cret";
    QTest::newRow("query") << QByteArray("GET /stream?token=q1 HTTP/1.1\r\n") << "q1";
    QTest::newRow("header wins") << QByteArray(
        "GET /stream?token=q1 HTTP/1.1\r\nAuthorization: Bearer h1\r\n")
                                 << "h1";
    QTest::newRow("basic is not a bearer")
        << QByteArray("GET /stream HTTP/1.1\r\nAuthorization: Basic eDp5\r\n") << "";
}

void tst_HttpRequest::bearerToken_comesFromHeaderOrQuery()
{
    QFETCH(QByteArray, head);
    QFETCH(QString, token);
    const auto r = parseHttpRequestHead(head, nullptr);
    QVERIFY(r.has_value());
    QCOMPARE(r->bearerToken(), token);
}

void tst_HttpRequest::headEnd_isFoundWithCrlfOrLf_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<int>("end");
    QTest::newRow("CRLF") << QByteArray("GET / HTTP/1.1\r\nA: b\r\n\r\nbody") << 24;
    QTest::newRow("LF") << QByteArray("GET / HTTP/1.1\nA: b\n\nbody") << 21;
    QTest::newRow("incomplete") << QByteArray("GET / HTTP/1.1\r\nA: b\r\n") << -1;
}

void tst_HttpRequest::headEnd_isFoundWithCrlfOrLf()
{
    QFETCH(QByteArray, data);
    QFETCH(int, end);
    QCOMPARE(int(httpHeadEnd(data)), end);
}

QTEST_APPLESS_MAIN(tst_HttpRequest)
#include "tst_http_request.moc"
