// One name per rig (comms/rig_id.h), whichever way it was reached, and the names used before.
#include <QTest>

#include "comms/rig_id.h"

using namespace rudebot;

class TestRigId : public QObject {
    Q_OBJECT
private slots:
    void rigIdForLink_namesTheRigNotThePort_whenItCan_data();
    void rigIdForLink_namesTheRigNotThePort_whenItCan();
    void station_isNamedByItsCertificate();
    void legacyNames_areThoseTheOfficeViewUsed();
};

void TestRigId::rigIdForLink_namesTheRigNotThePort_whenItCan_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("serial");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("id");
    const int serial = int(LinkSettings::Kind::Serial), tcp = int(LinkSettings::Kind::Tcp);
    QTest::newRow("Uno with a serial number") << serial << "/dev/ttyACM0"
                                              << "7583"
                                              << "" << 0 << "usb-7583";
    QTest::newRow("the same Uno, another port") << serial << "/dev/ttyACM1"
                                                << "7583"
                                                << "" << 0 << "usb-7583";
    QTest::newRow("clone without a number") << serial << "/dev/ttyUSB0"
                                            << ""
                                            << "" << 0 << "serial-/dev/ttyUSB0";
    QTest::newRow("raw bridge") << tcp << ""
                                << ""
                                << "office-pc" << 7777 << "tcp-office-pc-7777";
}

void TestRigId::rigIdForLink_namesTheRigNotThePort_whenItCan()
{
    QFETCH(int, kind);
    QFETCH(QString, path);
    QFETCH(QString, serial);
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(QString, id);
    LinkSettings link;
    link.kind = LinkSettings::Kind(kind);
    link.path = path;
    link.usbSerialNumber = serial;
    link.host = host;
    link.port = quint16(port);
    QCOMPARE(rigIdForLink(link), id);
}

void TestRigId::station_isNamedByItsCertificate()
{
    QCOMPARE(rigIdForStation("8d1c0a9e77f2b3c4d5e6f708192a3b4c"),
        QStringLiteral("station-8d1c0a9e77f2b3c4"));
}

void TestRigId::legacyNames_areThoseTheOfficeViewUsed()
{
    LinkSettings uno;
    uno.path = QStringLiteral("/dev/ttyACM0");
    uno.usbSerialNumber = QStringLiteral("7583");
    QCOMPARE(legacyRigIds(uno), QStringList{QStringLiteral("usb:7583")});
    uno.usbSerialNumber.clear();
    QCOMPARE(legacyRigIds(uno), QStringList{QStringLiteral("/dev/ttyACM0")});
    LinkSettings bridge;
    bridge.kind = LinkSettings::Kind::Tcp;
    QVERIFY(legacyRigIds(bridge).isEmpty());
}

QTEST_APPLESS_MAIN(TestRigId)
#include "tst_rig_id.moc"
