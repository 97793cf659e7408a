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
};

void TestPortFinder::settings_findThePort_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<quint16>("vid");
    QTest::addColumn<quint16>("pid");
    QTest::addColumn<QString>("serial");
    QTest::addColumn<QString>("found");
    // Two Unos with serial numbers, and a clone without one.
    QTest::newRow("no_identity_uses_path") << "/dev/pts/7" << quint16(0) << quint16(0) << QString()
                                           << "/dev/pts/7";
    QTest::newRow("renamed_device_found_by_serial") << "/dev/ttyACM0" << quint16(0x2341)
                                                    << quint16(0x0043) << "B2" << "/dev/ttyACM3";
    QTest::newRow("unique_clone_found_without_serial") << "/dev/ttyUSB9" << quint16(0x1a86)
                                                       << quint16(0x7523) << QString()
                                                       << "/dev/ttyUSB0";
    QTest::newRow("identical_boards_prefer_the_path") << "/dev/ttyACM3" << quint16(0x2341)
                                                      << quint16(0x0043) << QString()
                                                      << "/dev/ttyACM3";
    QTest::newRow("identical_boards_elsewhere_keep_path") << "/dev/ttyACM8" << quint16(0x2341)
                                                          << quint16(0x0043) << QString()
                                                          << "/dev/ttyACM8";
    QTest::newRow("gone_keeps_path") << "/dev/ttyACM0" << quint16(0x2341) << quint16(0x0043)
                                     << "ZZ" << "/dev/ttyACM0";
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

QTEST_APPLESS_MAIN(TestPortFinder)
#include "tst_port_finder.moc"
