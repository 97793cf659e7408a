// Connections as remembered text: every kind round-trips, and bad text is refused with a reason.
#include <QtTest>

#include "desktop/connect_dialog.h"
#include "desktop/connection_target.h"
#include "desktop/desktop_app.h"

using namespace rudebot;

namespace {
const QString kLink = QStringLiteral(
    "rudebot://office:47800/?fp=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
    "&key=AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8");
}

class TestConnectionTarget : public QObject {
    Q_OBJECT

private slots:
    void text_roundTrips_data();
    void text_roundTrips();
    void badText_isRefusedWithReason_data();
    void badText_isRefusedWithReason();
    void displayName_neverShowsTheSecret();
    void badLink_errorHidesTheKeyAndEndsOnce_data();
    void badLink_errorHidesTheKeyAndEndsOnce();
};

void TestConnectionTarget::text_roundTrips_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("kind");
    QTest::newRow("station") << kLink << int(ConnectionTarget::Kind::Station);
    QTest::newRow("serial") << QStringLiteral("serial:/dev/ttyACM0")
                            << int(ConnectionTarget::Kind::Serial);
    QTest::newRow("serial with usb id")
        << QStringLiteral("serial:/dev/ttyACM0?vid=2341&pid=43&serial=A1B2")
        << int(ConnectionTarget::Kind::Serial);
    QTest::newRow("bridge") << QStringLiteral("bridge:10.0.0.5:7777")
                            << int(ConnectionTarget::Kind::Bridge);
}

void TestConnectionTarget::text_roundTrips()
{
    QFETCH(QString, text);
    QFETCH(int, kind);
    QString error;
    const auto t = ConnectionTarget::fromString(text, &error);
    QVERIFY2(t, qPrintable(error));
    QCOMPARE(int(t->kind), kind);
    const auto again = ConnectionTarget::fromString(t->toString(), &error);
    QVERIFY2(again, qPrintable(error));
    QCOMPARE(again->toString(), t->toString());
    QCOMPARE(again->link.usbSerialNumber, t->link.usbSerialNumber);
}

void TestConnectionTarget::badText_isRefusedWithReason_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("empty") << QString();
    QTest::newRow("link without key") << QStringLiteral("rudebot://office:47800/?fp=00");
    QTest::newRow("serial without path") << QStringLiteral("serial:");
    QTest::newRow("bridge without port") << QStringLiteral("bridge:host");
    QTest::newRow("nonsense") << QStringLiteral("hello");
}

void TestConnectionTarget::badText_isRefusedWithReason()
{
    QFETCH(QString, text);
    QString error;
    QVERIFY(!ConnectionTarget::fromString(text, &error));
    QVERIFY(!error.isEmpty());
}

void TestConnectionTarget::displayName_neverShowsTheSecret()
{
    QString error;
    const auto t = ConnectionTarget::fromString(kLink, &error);
    QVERIFY(t);
    QVERIFY(!t->displayName().contains(QStringLiteral("key")));
    QVERIFY(!t->displayName().contains(QStringLiteral("AAEC")));
    QCOMPARE(t->displayName(), QStringLiteral("Station at office:47800"));
}

void TestConnectionTarget::badLink_errorHidesTheKeyAndEndsOnce_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("one slash") << QStringLiteral("rudebot:/office:47800/?fp=00&key=SeCrEtKeY123");
    QTest::newRow("typo in scheme")
        << QStringLiteral("rudebo://office:47800/?key=SeCrEtKeY123&fp=00");
    QTest::newRow("bad fingerprint")
        << QStringLiteral("rudebot://office:47800/?fp=00&key=SeCrEtKeY123");
    QTest::newRow("no port") << QStringLiteral("office/?fp=00&KEY=SeCrEtKeY123");
}

// rudebot --connect BADLINK printed the whole link, key included, to stderr and into logs.
void TestConnectionTarget::badLink_errorHidesTheKeyAndEndsOnce()
{
    QFETCH(QString, text);
    QString error;
    QVERIFY(!ConnectionTarget::fromString(text, &error));
    QVERIFY2(!error.contains(QStringLiteral("SeCrEtKeY123")), qPrintable(error));
    if (!text.startsWith(QLatin1String("rudebot://")))  // echoed: shown with its key hidden
        QVERIFY2(error.contains(QStringLiteral("key=…"), Qt::CaseInsensitive), qPrintable(error));

    DesktopOptions options;
    bool help = false;
    error.clear();
    QVERIFY(!parseDesktopArgs({QStringLiteral("--connect"), text}, &options, &error, &help));
    QVERIFY2(!error.contains(QStringLiteral("SeCrEtKeY123")), qPrintable(error));
    QVERIFY2(error.endsWith(QLatin1Char('.')) && !error.endsWith(QStringLiteral("..")),
        qPrintable(error));
}

QTEST_MAIN(TestConnectionTarget)
#include "tst_connection_target.moc"
