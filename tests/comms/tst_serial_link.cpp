// The serial link's open errors: each tells the user what to do about it.
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include "comms/serial_link.h"

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

using namespace rudebot;

class TestSerialLink : public QObject {
    Q_OBJECT
private slots:
    void permissionDenied_pointsAtDialoutAndTheUdevRule()
    {
        const QString advice = serialOpenAdvice(QSerialPort::PermissionError);
        QVERIFY2(advice.contains("dialout") && advice.contains("udev rule"), qPrintable(advice));
    }
    void otherErrors_pointAtThePlugAndOtherPrograms()
    {
        QVERIFY(serialOpenAdvice(QSerialPort::DeviceNotFoundError).contains("plugged in"));
        QVERIFY(serialOpenAdvice(QSerialPort::OpenError).contains("no other program"));
        QVERIFY(!serialOpenAdvice(QSerialPort::OpenError).contains("dialout"));
    }
    void portHeldByAnotherStation_saysSo_notDialout()
    {
        // A pty stands in for the Uno's port; the first link is the running station.
        const int master = ::posix_openpt(O_RDWR | O_NOCTTY);
        QVERIFY(master >= 0 && ::grantpt(master) == 0 && ::unlockpt(master) == 0);
        LinkSettings s;
        s.kind = LinkSettings::Kind::Serial;
        s.path = QString::fromLocal8Bit(::ptsname(master));
        SerialLink first(s);
        first.open();
        QTRY_COMPARE_WITH_TIMEOUT(first.state(), Link::State::Open, 10000);
        SerialLink second(s);
        QSignalSpy errors(&second, &Link::errorOccurred);
        second.open();
        QTRY_VERIFY_WITH_TIMEOUT(!errors.isEmpty(), 10000);
        const QString message = errors.first().at(0).toString();
        QVERIFY2(message.contains("Another program holds the port") && !message.contains("dialout"),
            qPrintable(message));
        first.close();
        ::close(master);
    }
    void missingPort_failsWithThePathAndTheAdvice()
    {
        QTemporaryDir dir;
        LinkSettings s;
        s.kind = LinkSettings::Kind::Serial;
        s.path = dir.filePath("ttyACM9");
        SerialLink link(s);
        QSignalSpy errors(&link, &Link::errorOccurred);
        link.open();
        QTRY_VERIFY_WITH_TIMEOUT(!errors.isEmpty(), 10000);
        const QString message = errors.first().at(0).toString();
        QVERIFY2(
            message.contains("ttyACM9") && message.contains("plugged in"), qPrintable(message));
        QCOMPARE(link.state(), Link::State::Closed);
    }
};

QTEST_GUILESS_MAIN(TestSerialLink)
#include "tst_serial_link.moc"
