// rudebotctl's command line: what it accepts and the one-line reasons it gives.
#include "tools/rudebotctl/ctl_request.h"

#include <QTest>

using namespace rudebot;
using namespace rudebot::ctl;

class TestCtlRequest : public QObject {
    Q_OBJECT
private slots:
    void goodCommandLine_isParsed();
    void badCommandLine_givesAReason_data();
    void badCommandLine_givesAReason();
    void help_listsTheExitStatuses();
};

void TestCtlRequest::goodCommandLine_isParsed()
{
    Request r;
    QString error;
    QVERIFY2(
        parseRequest(
            {"--connect", "127.0.0.1:7000", "goto", "120", "--wait", "--timeout", "3"}, &r, &error),
        qPrintable(error));
    QCOMPARE(r.command, Request::Command::Goto);
    QCOMPARE(r.link.kind, LinkSettings::Kind::Tcp);
    QCOMPARE(r.link.host, QStringLiteral("127.0.0.1"));
    QCOMPARE(r.link.port, quint16(7000));
    QCOMPARE(r.angle, 120.0);
    QVERIFY(r.wait);
    QCOMPARE(r.timeoutMs, 3000);

    QVERIFY(parseRequest({"--serial", "/dev/ttyACM0", "send", "-5"}, &r, &error));
    QCOMPARE(r.command, Request::Command::Send);
    QCOMPARE(r.line, QByteArray("-5"));
    QCOMPARE(r.link.path, QStringLiteral("/dev/ttyACM0"));

    QVERIFY(parseRequest({"--serial", "/dev/x", "--logical", "goto", "-30"}, &r, &error));
    QVERIFY(r.logical);
    QCOMPARE(r.angle, -30.0);
}

void TestCtlRequest::badCommandLine_givesAReason_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("reason");
    QTest::newRow("no_link") << QStringList{
        "status"} << "--serial PATH, --connect HOST:PORT, --station FILE or --office SOCKET";
    QTest::newRow("override_as_remote")
        << QStringList{"--station", "/tmp/link", "override", "take"} << "use --office";
    // The old form: a pairing link (a password) in argv, where every local user's ps shows it.
    QTest::newRow("link_in_argv") << QStringList{"--station", "rudebot://h:1/?fp=a&key=b", "status"}
                                  << "can be read by every user of this computer (ps)";
    QTest::newRow("override_bad_word")
        << QStringList{"--office", "/tmp/s", "override", "grab"} << "take or release";
    QTest::newRow("park_bad_word")
        << QStringList{"--office", "/tmp/s", "park", "now"} << "lock or unlock";
    QTest::newRow("no_command") << QStringList{"--serial", "/dev/x"} << "no command";
    QTest::newRow("unknown_command")
        << QStringList{"--serial", "/dev/x", "dance"} << "unknown command";
    QTest::newRow("angle_too_big")
        << QStringList{"--serial", "/dev/x", "goto", "181"} << "0 to 180";
    QTest::newRow("angle_not_a_number")
        << QStringList{"--serial", "/dev/x", "goto", "left"} << "not 'left'";
    QTest::newRow("goto_without_angle")
        << QStringList{"--serial", "/dev/x", "goto"} << "goto needs";
    QTest::newRow("bad_host_port")
        << QStringList{"--connect", "localhost", "status"} << "HOST:PORT";
    QTest::newRow("port_zero") << QStringList{"--connect", "h:0", "status"} << "HOST:PORT";
    QTest::newRow("unknown_option")
        << QStringList{"--serial", "/dev/x", "--fast", "status"} << "unknown option";
    QTest::newRow("missing_value") << QStringList{"status", "--serial"} << "needs a value";
    QTest::newRow("bad_timeout") << QStringList{"--serial", "/dev/x", "--timeout", "-1", "status"}
                                 << "positive";
    QTest::newRow("extra_argument")
        << QStringList{"--serial", "/dev/x", "status", "now"} << "takes 0";
}

void TestCtlRequest::badCommandLine_givesAReason()
{
    QFETCH(QStringList, args);
    QFETCH(QString, reason);
    Request r;
    QString error;
    QVERIFY(!parseRequest(args, &r, &error));
    QVERIFY2(error.contains(reason), qPrintable(error));
    QVERIFY(!error.contains(QLatin1Char('\n')));
}

void TestCtlRequest::help_listsTheExitStatuses()
{
    const QString help = helpText();
    for (const char *s : {"0 ok", "1 the rig refused", "2 bad argument", "3 no rig", "4 timeout"})
        QVERIFY2(help.contains(QLatin1String(s)), s);
}

QTEST_APPLESS_MAIN(TestCtlRequest)
#include "tst_ctl_request.moc"
