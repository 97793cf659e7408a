// rudebotctl as scripts use it: the real executable, its exit statuses, stdout and stderr.
#include "integration_helpers.h"
#include "support/virtual_rig.h"

#include <QProcess>

namespace {

struct Run {
    int code = -1;
    QString out;
    QString err;
};

// Runs rudebotctl while the event loop keeps turning (the virtual rig reports meanwhile).
Run rudebotctl(const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral(RUDEBOTCTL_PATH), args);
    p.waitForStarted(10000);
    if (!QTest::qWaitFor([&p] { return p.state() == QProcess::NotRunning; }, 60000)) {
        p.kill();  // the caller sees exit code -1
        p.waitForFinished(5000);
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
        QString::fromLocal8Bit(p.readAllStandardOutput()),
        QString::fromLocal8Bit(p.readAllStandardError())};
}

bool oneLine(const QString &s)
{
    return s.endsWith(QLatin1Char('\n')) && s.count(QLatin1Char('\n')) == 1;
}

}  // namespace

class TestRudebotctl : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void gotoWait_turnsTheRig_andExitsZero();
    void status_printsFirmwareAngleTargetMoving();
    void send_printsTheReplies_andAnErrorReplyExitsOne();
    void badArgument_exitsTwo_withOneLine_data();
    void badArgument_exitsTwo_withOneLine();
    void noRig_exitsThree_withOneLine_data();
    void noRig_exitsThree_withOneLine();
    void silentBoard_exitsFour_withOneLine();
    void help_exitsZero();

private:
    VirtualRig m_rig;
};

void TestRudebotctl::initTestCase()
{
    VirtualRig::Options o;
    o.speed = 0;
    o.resetOnOpen = true;  // each run resets the board, as a real Uno on USB
    QVERIFY2(m_rig.start(o), qPrintable(m_rig.errorString()));
}

void TestRudebotctl::gotoWait_turnsTheRig_andExitsZero()
{
    const Run r = rudebotctl({"--serial", m_rig.linkPath(), "goto", "120", "--wait"});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QCOMPARE(r.out, QStringLiteral("arrived 120\n"));
    QVERIFY(r.err.isEmpty());
    QVERIFY(m_rig.waitForAngle(120, 0.5, 5000));
    // Without --wait it returns once the board took the angle.
    const Run quick = rudebotctl({"--serial", m_rig.linkPath(), "goto", "60"});
    QVERIFY2(quick.code == 0, qPrintable(quick.err));
    QVERIFY(m_rig.waitForAngle(60, 0.5, 10000));
}

void TestRudebotctl::status_printsFirmwareAngleTargetMoving()
{
    const Run r = rudebotctl({"--serial", m_rig.linkPath(), "status"});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains(QLatin1String("firmware=rudebot 1.0.0\n")), qPrintable(r.out));
    QVERIFY(r.out.contains(QLatin1String("angle=90\n")));  // the open reset the board
    QVERIFY(r.out.contains(QLatin1String("target=90\n")));
    QVERIFY(r.out.contains(QLatin1String("moving=0\n")));
}

void TestRudebotctl::send_printsTheReplies_andAnErrorReplyExitsOne()
{
    Run r = rudebotctl({"--serial", m_rig.linkPath(), "send", "V"});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QCOMPARE(r.out, QStringLiteral("Version: Rudebot firmware 1.0.0\nOK: Good to go\n"));
    r = rudebotctl({"--serial", m_rig.linkPath(), "send", "abc"});
    QCOMPARE(r.code, 1);
    QCOMPARE(r.out, QStringLiteral("Error: Bad input\nOK: Good to go\n"));
    QVERIFY2(oneLine(r.err) && r.err.contains(QLatin1String("refused")), qPrintable(r.err));
    r = rudebotctl({"--serial", m_rig.linkPath(), "query"});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY(r.out.startsWith(QLatin1String("Position: angle=90")));
}

void TestRudebotctl::badArgument_exitsTwo_withOneLine_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::newRow("angle_out_of_range") << QStringList{"--serial", "/dev/null", "goto", "200"};
    QTest::newRow("unknown_command") << QStringList{"--serial", "/dev/null", "jump"};
    QTest::newRow("no_link") << QStringList{"status"};
}

void TestRudebotctl::badArgument_exitsTwo_withOneLine()
{
    QFETCH(QStringList, args);
    const Run r = rudebotctl(args);
    QCOMPARE(r.code, 2);
    QVERIFY2(oneLine(r.err) && r.err.startsWith(QLatin1String("rudebotctl: bad argument")),
        qPrintable(r.err));
}

void TestRudebotctl::noRig_exitsThree_withOneLine_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::newRow("no_such_device") << QStringList{"--serial", "/nonexistent/tty", "status"};
    QTest::newRow("no_bridge") << QStringList{
        "--connect", QStringLiteral("127.0.0.1:%1").arg(freeLoopbackPort()), "goto", "10"};
}

void TestRudebotctl::noRig_exitsThree_withOneLine()
{
    QFETCH(QStringList, args);
    const Run r = rudebotctl(args);
    QCOMPARE(r.code, 3);
    QVERIFY2(
        oneLine(r.err) && r.err.startsWith(QLatin1String("rudebotctl: no rig")), qPrintable(r.err));
}

void TestRudebotctl::silentBoard_exitsFour_withOneLine()
{
    // A board that answers the first "?" and then hangs: a real socket on 127.0.0.1.
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    QList<QTcpSocket *> peers;
    connect(&server, &QTcpServer::newConnection, this, [&] {
        QTcpSocket *s = server.nextPendingConnection();
        peers << s;
        connect(s, &QTcpSocket::readyRead, s, [s] {
            if (s->readAll().contains("?\n") && !s->property("answered").toBool()) {
                s->setProperty("answered", true);
                s->write(
                    "Position: angle=90 target=90 moving=0 ms_per_deg=30\r\nOK: Good to go\r\n");
            }
        });
    });
    const Run r = rudebotctl({"--connect", QStringLiteral("127.0.0.1:%1").arg(server.serverPort()),
        "--boot-wait", "50", "goto", "10"});
    QCOMPARE(r.code, 4);
    QVERIFY2(oneLine(r.err) && r.err.startsWith(QLatin1String("rudebotctl: timeout")),
        qPrintable(r.err));
}

void TestRudebotctl::help_exitsZero()
{
    const Run r = rudebotctl({"--help"});
    QCOMPARE(r.code, 0);
    QVERIFY(r.out.contains(QLatin1String("Exit status")));
}

QTEST_GUILESS_MAIN(TestRudebotctl)
#include "tst_rudebotctl.moc"
