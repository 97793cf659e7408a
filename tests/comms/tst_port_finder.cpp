// Finding a serial device again, by USB identity where known and by path otherwise.
#include "comms/port_finder.h"

#include <QTest>

using namespace rudebot;

class TestPortFinder : public QObject {
    Q_OBJECT
private slots:
    void settings_findThePort_data();
    void settings_findThePort();
    void openedPath_revealsItsUsbIdentity();
    void arduinos_areRecognisedByUsbIds_data();
    void arduinos_areRecognisedByUsbIds();
    void firstArduino_skipsOtherPorts_andKeepsItsUsbIdentity();
};

void TestPortFinder::settings_findThePort_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<quint16>("vid");
    QTest::addColumn<quint16>("pid");
    QTest::addColumn<QString>("serial");
    QTest::addColumn<QString>("found");
    // Two Unos with serial numbers, and a clone without one.
    QTest::newRow("no_identity_uses_path")
        << "/dev/pts/7" << quint16(0) << quint16(0) << QString() << "/dev/pts/7";
    QTest::newRow("renamed_device_found_by_serial")
        << "/dev/ttyACM0" << quint16(0x2341) << quint16(0x0043) << "B2"
        << "/dev/ttyACM3";
    QTest::newRow("unique_clone_found_without_serial")
        << "/dev/ttyUSB9" << quint16(0x1a86) << quint16(0x7523) << QString() << "/dev/ttyUSB0";
    QTest::newRow("identical_boards_prefer_the_path")
        << "/dev/ttyACM3" << quint16(0x2341) << quint16(0x0043) << QString() << "/dev/ttyACM3";
    QTest::newRow("identical_boards_elsewhere_keep_path")
        << "/dev/ttyACM8" << quint16(0x2341) << quint16(0x0043) << QString() << "/dev/ttyACM8";
    QTest::newRow("gone_keeps_path") << "/dev/ttyACM0" << quint16(0x2341) << quint16(0x0043) << "ZZ"
                                     << "/dev/ttyACM0";
}

void TestPortFinder::settings_findThePort()
{
    QFETCH(QString, path);
    const QList<PortCandidate> ports{
        {"/dev/ttyS0", 0, 0, {}},
        {"/dev/ttyACM1", 0x2341, 0x0043, "A1"},
        {"/dev/ttyACM3", 0x2341, 0x0043, "B2"},
        {"/dev/ttyUSB0", 0x1a86, 0x7523, {}},
    };
    LinkSettings s;
    s.path = path;
    QFETCH(quint16, vid);
    QFETCH(quint16, pid);
    QFETCH(QString, serial);
    s.usbVendorId = vid;
    s.usbProductId = pid;
    s.usbSerialNumber = serial;
    QTEST(findPort(s, path, ports), "found");
}

void TestPortFinder::openedPath_revealsItsUsbIdentity()
{
    const QList<PortCandidate> ports{{"/dev/ttyS0", 0, 0, {}}, {"/dev/ttyACM0", 0x2341, 0x43, "X"}};
    const auto id = identifyPort("/dev/ttyACM0", ports);
    QVERIFY(id.has_value());
    QCOMPARE(id->usbSerialNumber, QStringLiteral("X"));
    QVERIFY(!identifyPort("/dev/ttyS0", ports).has_value());  // not USB: nothing to find it by
    QVERIFY(!identifyPort("/dev/pts/3", ports).has_value());
}

void TestPortFinder::arduinos_areRecognisedByUsbIds_data()
{
    QTest::addColumn<int>("vid");
    QTest::addColumn<int>("pid");
    QTest::addColumn<int>("board");
    QTest::newRow("Arduino Uno") << 0x2341 << 0x0043 << int(UsbBoard::Arduino);
    QTest::newRow("Arduino.org") << 0x2A03 << 0x0043 << int(UsbBoard::Arduino);
    QTest::newRow("CH340 clone") << 0x1A86 << 0x7523 << int(UsbBoard::Ch340Serial);
    QTest::newRow("CH340, other product") << 0x1A86 << 0x5523 << int(UsbBoard::Unknown);
    QTest::newRow("FTDI") << 0x0403 << 0x6001 << int(UsbBoard::FtdiSerial);
    QTest::newRow("a mouse") << 0x046d << 0xc077 << int(UsbBoard::Unknown);
    QTest::newRow("built-in ttyS") << 0 << 0 << int(UsbBoard::Unknown);
}

void TestPortFinder::arduinos_areRecognisedByUsbIds()
{
    QFETCH(int, vid);
    QFETCH(int, pid);
    QFETCH(int, board);
    QCOMPARE(int(usbBoard(quint16(vid), quint16(pid))), board);
    const PortCandidate p{"/dev/ttyACM0", quint16(vid), quint16(pid), {}};
    QCOMPARE(looksLikeArduino(p), board != int(UsbBoard::Unknown));
}

void TestPortFinder::firstArduino_skipsOtherPorts_andKeepsItsUsbIdentity()
{
    const QList<PortCandidate> ports{{"/dev/ttyS0", 0, 0, {}},
        {"/dev/ttyUSB0", 0x046d, 0xc077, "M"}, {"/dev/ttyACM1", 0x2341, 0x43, "UNO1"},
        {"/dev/ttyACM2", 0x2341, 0x43, "UNO2"}};
    const auto link = firstArduino(ports);
    QVERIFY(link.has_value());
    QCOMPARE(link->path, QStringLiteral("/dev/ttyACM1"));
    QCOMPARE(link->usbVendorId, quint16(0x2341));
    QCOMPARE(link->usbProductId, quint16(0x43));
    QCOMPARE(link->usbSerialNumber, QStringLiteral("UNO1"));
    QVERIFY(!firstArduino(ports.mid(0, 2)).has_value());
    QVERIFY(!firstArduino({}).has_value());
}

QTEST_APPLESS_MAIN(TestPortFinder)
#include "tst_port_finder.moc"
