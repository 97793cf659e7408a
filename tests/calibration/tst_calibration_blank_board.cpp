// The wizard on a new Uno: rudebot-sim --blank --bootloader (Optiboot and nothing else, as a
// board comes from the shop). The port opens but no firmware answers: the wizard must still
// reach the firmware page and offer Install, and go no further until a firmware answers.
#include <QtTest>

#include <QLabel>

#include "calibration_bench.h"

using namespace rudebot;

class TestCalibrationBlankBoard : public QObject {
    Q_OBJECT
private slots:
    void blankUno_reachesTheFirmwarePage_withInstall_andStopsThere();
};

void TestCalibrationBlankBoard::blankUno_reachesTheFirmwarePage_withInstall_andStopsThere()
{
    CalibrationBench bench;
    QString error;
    QVERIFY2(bench.start(&error, {QStringLiteral("--blank"), QStringLiteral("--bootloader"),
                                  QStringLiteral(OPTIBOOT_HEX)}), qPrintable(error));
    auto wizard = bench.makeWizard();
    wizard->show();
    QVERIFY(QTest::qWaitForWindowExposed(wizard.get()));
    QCOMPARE(wizard->currentId(), int(CalibrationWizard::ConnectPage));

    // The port opens; nothing we know answers (the client keeps probing and reopening).
    QVERIFY(QTest::qWaitFor([&] { return bench.client->state() == RigClient::State::AwaitingBoard; }, 20000));
    QVERIFY(CalibrationBench::next(wizard.get(), 30000));
    QCOMPARE(bench.client->state() == RigClient::State::Ready, false);
    QCOMPARE(wizard->currentId(), int(CalibrationWizard::FirmwarePage));
    auto *verdict = CalibrationBench::find<QLabel>(wizard.get(), "firmwareVerdict");
    QVERIFY2(verdict->text().contains(QStringLiteral("No firmware answers")), qPrintable(verdict->text()));
    QVERIFY(CalibrationBench::find<QPushButton>(wizard.get(), "installFirmware")->isVisible());
    // The later pages need a firmware: Next stays off, also across the client's reconnects.
    QAbstractButton *next = wizard->button(QWizard::NextButton);
    QSignalSpy reconnects(bench.client.get(), &RigClient::errorOccurred);
    QVERIFY(reconnects.wait(30000));  // the client gave up on this open and reopens
    QVERIFY(!next->isEnabled());
    QCOMPARE(wizard->currentId(), int(CalibrationWizard::FirmwarePage));
}

QTEST_MAIN(TestCalibrationBlankBoard)
#include "tst_calibration_blank_board.moc"
