// The flasher's own behaviour without a board: avrdude missing, a missing file, the command
// line, cancelling and a silent avrdude (a small shell script stands in for avrdude).
#include "flash/bundled_firmware.h"
#include "flash/firmware_flasher.h"

#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace rudebot;

namespace {

// A stand-in avrdude: prints what a real one prints when a board answers, then hangs.
QString writeHangingAvrdude(const QTemporaryDir &dir)
{
    const QString path = dir.filePath(QStringLiteral("avrdude"));
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write("#!/bin/sh\n"
            "echo 'avrdude: device signature = 0x1e950f (probably m328p)' >&2\n"
            "printf 'Writing | #####' >&2\n"
            "exec sleep 60\n");
    f.close();
    f.setPermissions(f.permissions() | QFileDevice::ExeOwner);
    return path;
}

FlashSettings settingsFor(const QString &avrdude)
{
    FlashSettings s;
    s.port = QStringLiteral("/dev/ttyACM0");
    s.hexFile = QStringLiteral(TEST_FIRMWARE_HEX);
    s.avrdude = avrdude;
    return s;
}

}  // namespace

class TestFirmwareFlasher : public QObject {
    Q_OBJECT
private slots:
    void avrdudeMissing_failsWithTheInstallCommand_data();
    void avrdudeMissing_failsWithTheInstallCommand();
    void missingHexFile_failsBeforeTheBoardIsReset();
    void arguments_areTheArduinoIdesUpload();
    void bundledFirmware_isFoundInTheBuildTree_andKnowsItsVersion();
    void cancel_stopsAvrdude_andSaysTheFirmwareMayBeIncomplete();
    void silentAvrdude_isKilled_andReportedAsALostBoard();
};

void TestFirmwareFlasher::avrdudeMissing_failsWithTheInstallCommand_data()
{
    QTest::addColumn<QString>("program");
    QTest::newRow("path that does not exist") << QStringLiteral("/nonexistent/bin/avrdude");
    QTest::newRow("name not on PATH") << QStringLiteral("rudebot-test-no-such-avrdude");
}

void TestFirmwareFlasher::avrdudeMissing_failsWithTheInstallCommand()
{
    QFETCH(QString, program);
    FirmwareFlasher flasher;
    QSignalSpy finished(&flasher, &FirmwareFlasher::finished);
    flasher.start(settingsFor(program));
    QCOMPARE(finished.count(), 0);  // never from inside start()
    QVERIFY(finished.wait(2000));
    QCOMPARE(finished.at(0).at(0).toBool(), false);
    const QString message = finished.at(0).at(1).toString();
    QVERIFY2(message.contains(QStringLiteral("avrdude is not installed")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("sudo apt install avrdude")), qPrintable(message));
    QCOMPARE(flasher.error(), FlashError::AvrdudeMissing);
    QVERIFY(!flasher.isRunning());
}

void TestFirmwareFlasher::missingHexFile_failsBeforeTheBoardIsReset()
{
    QTemporaryDir dir;
    FlashSettings s = settingsFor(writeHangingAvrdude(dir));
    s.hexFile = dir.filePath(QStringLiteral("missing.hex"));
    FirmwareFlasher flasher;
    QSignalSpy finished(&flasher, &FirmwareFlasher::finished);
    flasher.start(s);
    QVERIFY(finished.wait(2000));
    QCOMPARE(flasher.error(), FlashError::FileUnreadable);
    QVERIFY(flasher.message().contains(s.hexFile));
    QVERIFY(flasher.output().isEmpty());  // avrdude never ran
}

void TestFirmwareFlasher::arguments_areTheArduinoIdesUpload()
{
    FlashSettings s = settingsFor(QStringLiteral("avrdude"));
    QCOMPARE(FirmwareFlasher::arguments(s),
        QStringList({"-p", "atmega328p", "-c", "arduino", "-P", "/dev/ttyACM0", "-b", "115200",
            "-D", "-U", "flash:w:" TEST_FIRMWARE_HEX ":i"}));
    s.syncAttempts = 2;
    s.verify = false;
    QStringList args = FirmwareFlasher::arguments(s);
    QVERIFY(args.join(' ').contains(QStringLiteral("-D -x attempts=2 -V -U")));
}

void TestFirmwareFlasher::bundledFirmware_isFoundInTheBuildTree_andKnowsItsVersion()
{
    QStringList tried;
    const QString path = bundledFirmwarePath(&tried);
    QCOMPARE(QFileInfo(path).canonicalFilePath(),
        QFileInfo(QStringLiteral(TEST_FIRMWARE_HEX)).canonicalFilePath());
    QVERIFY(tried.first().endsWith(QStringLiteral("/share/rudebot/firmware/rudebot.hex")));
    QCOMPARE(bundledFirmwareVersion(), QStringLiteral("1.0.0"));
}

void TestFirmwareFlasher::cancel_stopsAvrdude_andSaysTheFirmwareMayBeIncomplete()
{
    QTemporaryDir dir;
    FirmwareFlasher flasher;
    QSignalSpy progress(&flasher, &FirmwareFlasher::progress);
    QSignalSpy finished(&flasher, &FirmwareFlasher::finished);
    flasher.start(settingsFor(writeHangingAvrdude(dir)));
    QTRY_VERIFY_WITH_TIMEOUT(!progress.isEmpty() && progress.last().at(1).toInt() == 5, 5000);
    QCOMPARE(progress.last().at(0).value<FlashPhase>(), FlashPhase::Writing);
    flasher.cancel();
    QVERIFY(finished.wait(5000));
    QCOMPARE(finished.at(0).at(0).toBool(), false);
    QCOMPARE(flasher.error(), FlashError::Cancelled);
    QVERIFY(flasher.message().contains(QStringLiteral("flash it again")));
}

void TestFirmwareFlasher::silentAvrdude_isKilled_andReportedAsALostBoard()
{
    QTemporaryDir dir;
    FlashSettings s = settingsFor(writeHangingAvrdude(dir));
    s.stallTimeoutMs = 500;
    FirmwareFlasher flasher;
    QSignalSpy finished(&flasher, &FirmwareFlasher::finished);
    flasher.start(s);
    QVERIFY(finished.wait(5000));
    QCOMPARE(flasher.error(), FlashError::ConnectionLost);
    QVERIFY(flasher.message().contains(QStringLiteral("/dev/ttyACM0 stopped answering")));
}

QTEST_GUILESS_MAIN(TestFirmwareFlasher)
#include "tst_firmware_flasher.moc"
