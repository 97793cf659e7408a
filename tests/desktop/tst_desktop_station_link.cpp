// The desktop app takes a station's pairing link the way rudebotctl does (one link source,
// station/link_source.h): from a file of the user's own, standard input or
// RUDEBOT_STATION_LINK, never from the command line, where every local user's `ps` shows it.
// The real `rudebot` is started with the link on its standard input and connects to a real
// station (the real firmware in the virtual rig, TLS on 127.0.0.1); its command line, as `ps`
// reads it from /proc, holds no key.
#include <QFile>
#include <QProcess>
#include <QtTest>

#include "desktop/connection_target.h"
#include "desktop/desktop_options.h"
#include "station/station_fixture.h"

using namespace rudebot;

namespace {

const int kLong = 30000;

QString writeLink(const QString &path, const QString &link, QFile::Permissions mode)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(link.toUtf8() + '\n');
    f.close();
    f.setPermissions(mode);
    return path;
}

// A well-formed link of a station that is not there: 32 bytes of key, a SHA-256 fingerprint.
QString testLink(char fill)
{
    return PairingInfo{"127.0.0.1", 47800, QByteArray(64, 'a'), QByteArray(32, fill)}.toUri();
}

}  // namespace

class TestDesktopStationLink : public QObject {
    Q_OBJECT
private slots:
    void init() { qunsetenv("RUDEBOT_STATION_LINK"); }
    void linkOnTheCommandLine_isRefusedWithWhereToPutIt_data();
    void linkOnTheCommandLine_isRefusedWithWhereToPutIt();
    void linkFromAPrivateFile_connectsThere_otherReadableFileRefused();
    void linkFromTheEnvironment_whenNothingElseIsGiven();
    void realApp_linkOnStandardInput_connects_keyNotInItsCommandLine();
};

void TestDesktopStationLink::linkOnTheCommandLine_isRefusedWithWhereToPutIt_data()
{
    QTest::addColumn<QStringList>("args");
    const QString link = QStringLiteral("rudebot://office:47800/?fp=%1&key=SeCrEtKeY123")
                             .arg(QString(64, QLatin1Char('a')));
    QTest::newRow("--connect LINK") << QStringList{"--connect", link};
    QTest::newRow("--station LINK") << QStringList{"--station", link};
}

void TestDesktopStationLink::linkOnTheCommandLine_isRefusedWithWhereToPutIt()
{
    QFETCH(QStringList, args);
    DesktopOptions o;
    QString error;
    bool help = false;
    QVERIFY(!parseDesktopArgs(args, &o, &error, &help));
    QVERIFY2(error.contains("every user of this computer") && error.contains("--station FILE")
            && error.contains("RUDEBOT_STATION_LINK"),
        qPrintable(error));
    QVERIFY2(!error.contains("SeCrEtKeY123"), qPrintable(error));
    // serial: and bridge: targets are no secret and stay on --connect.
    DesktopOptions serial;
    QVERIFY(parseDesktopArgs({"--connect", "serial:/dev/ttyACM0"}, &serial, &error, &help));
    QCOMPARE(serial.connect, QStringLiteral("serial:/dev/ttyACM0"));
}

void TestDesktopStationLink::linkFromAPrivateFile_connectsThere_otherReadableFileRefused()
{
    QTemporaryDir dir;
    const QString link = testLink('b');
    const QString mine = writeLink(dir.filePath("office.link"), link,
        QFile::ReadOwner | QFile::WriteOwner);
    DesktopOptions o;
    QString error;
    bool help = false;
    QVERIFY2(parseDesktopArgs({"--station", mine}, &o, &error, &help), qPrintable(error));
    QVERIFY(o.connect.isEmpty());  // not read yet: parsing touches no file
    QVERIFY2(resolveStationLink(&o, &error), qPrintable(error));
    QCOMPARE(o.connect, link);
    QCOMPARE(ConnectionTarget::fromString(o.connect, &error)->kind,
        ConnectionTarget::Kind::Station);

    const QString shared = writeLink(dir.filePath("shared.link"), link,
        QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
    DesktopOptions o2;
    QVERIFY(parseDesktopArgs({"--station", shared}, &o2, &error, &help));
    QVERIFY(!resolveStationLink(&o2, &error));
    QVERIFY2(error.contains("readable by other users"), qPrintable(error));
    QVERIFY2(!error.contains(link.mid(link.indexOf("key=") + 4)), qPrintable(error));

    DesktopOptions o3;
    QVERIFY(!parseDesktopArgs({"--station", mine, "--office"}, &o3, &error, &help));
}

void TestDesktopStationLink::linkFromTheEnvironment_whenNothingElseIsGiven()
{
    const QString link = testLink('c');
    qputenv("RUDEBOT_STATION_LINK", link.toUtf8());
    DesktopOptions o;
    QString error;
    bool help = false;
    QVERIFY(parseDesktopArgs({}, &o, &error, &help));
    QVERIFY(o.station);
    QVERIFY2(resolveStationLink(&o, &error), qPrintable(error));
    QCOMPARE(o.connect, link);
    // The demo and a serial port do not pick it up.
    DesktopOptions demo;
    QVERIFY(parseDesktopArgs({"--demo"}, &demo, &error, &help));
    QVERIFY(!demo.station);
    qunsetenv("RUDEBOT_STATION_LINK");
}

void TestDesktopStationLink::realApp_linkOnStandardInput_connects_keyNotInItsCommandLine()
{
    StationFixture f;
    QString error;
    QVERIFY2(f.start(0, &error), qPrintable(error));
    const QString link = f.pairing().toUri();
    const QByteArray key = link.toUtf8().mid(link.indexOf(QLatin1String("key=")) + 4);
    QVERIFY(key.size() > 20);

    QTemporaryDir home;
    QProcess app;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("QT_QPA_PLATFORM", "offscreen");
    env.insert("HOME", home.path());
    env.insert("XDG_CONFIG_HOME", home.filePath("config"));
    env.insert("XDG_DATA_HOME", home.filePath("data"));
    env.remove("RUDEBOT_STATION_LINK");
    app.setProcessEnvironment(env);
    app.setProcessChannelMode(QProcess::MergedChannels);
    app.start(QStringLiteral(RUDEBOT_APP), {"--station", "-"});
    QVERIFY(app.waitForStarted(10000));
    app.write(link.toUtf8() + '\n');
    app.closeWriteChannel();

    // It connects: the station lists a remote.
    const bool joined = QTest::qWaitFor(
        [&] {
            for (const ClientInfo &c : f.station->clients())
                if (c.kind == QLatin1String("remote"))
                    return true;
            return false;
        },
        60000);
    QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(app.processId()));
    QVERIFY(cmdline.open(QIODevice::ReadOnly));
    const QByteArray seen = cmdline.readAll();
    app.terminate();
    if (!app.waitForFinished(10000))
        app.kill();
    const QByteArray log = app.readAll();
    QVERIFY2(joined, log.constData());
    QVERIFY2(!seen.contains(key), seen.constData());
    QVERIFY2(!log.contains(key), "the app printed the key");
}

QTEST_MAIN(TestDesktopStationLink)
#include "tst_desktop_station_link.moc"
