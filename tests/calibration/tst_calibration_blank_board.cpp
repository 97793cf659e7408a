// The wizard on a new Uno: rudebot-sim --blank --bootloader (Optiboot and nothing else, as a
// board comes from the shop). The port opens but no firmware answers: the wizard must still
// reach the firmware page and offer Install, and go no further until a firmware answers.
#include <QtTest>

#include <QLabel>

#include "calibration_bench.h"
#include "flash/flash_and_verify.h"

using namespace rudebot;

class TestCalibrationBlankBoard : public QObject {
    Q_OBJECT
private slots:
    void blankUno_reachesTheFirmwarePage_withInstall_andStopsThere();
    void install_showsProgressOnThePage_thenTheFirmwareThatAnswers();
};

void TestCalibrationBlankBoard::blankUno_reachesTheFirmwarePage_withInstall_andStopsThere()
{
    CalibrationBench bench;
    QString error;
    QVERIFY2(bench.start(&error,
                 {QStringLiteral("--blank"), QStringLiteral("--bootloader"),
                     QStringLiteral(OPTIBOOT_HEX)}),
        qPrintable(error));
    auto wizard = bench.makeWizard();
    wizard->show();
    QVERIFY(QTest::qWaitForWindowExposed(wizard.get()));
    QCOMPARE(wizard->currentId(), int(CalibrationWizard::ConnectPage));

    // The port opens; nothing we know answers (the client keeps probing and reopening).
    QVERIFY(QTest::qWaitFor(
        [&] { return bench.client->state() == RigClient::State::AwaitingBoard; }, 20000));
    QVERIFY(CalibrationBench::next(wizard.get(), 30000));
    QCOMPARE(bench.client->state() == RigClient::State::Ready, false);
    QCOMPARE(wizard->currentId(), int(CalibrationWizard::FirmwarePage));
    auto *verdict = CalibrationBench::find<QLabel>(wizard.get(), "firmwareVerdict");
    QVERIFY2(verdict->text().contains(QStringLiteral("No firmware answers")),
        qPrintable(verdict->text()));
    QVERIFY(CalibrationBench::find<QPushButton>(wizard.get(), "installFirmware")->isVisible());
    // The later pages need a firmware: Next stays off, also across the client's reconnects.
    QAbstractButton *next = wizard->button(QWizard::NextButton);
    QSignalSpy reconnects(bench.client.get(), &RigClient::errorOccurred);
    QVERIFY(reconnects.wait(30000));  // the client gave up on this open and reopens
    QVERIFY(!next->isEnabled());
    QCOMPARE(wizard->currentId(), int(CalibrationWizard::FirmwarePage));
}

// Install, wired as the app does (DesktopApp::installFirmware): the client lets go of the port,
// avrdude writes through Optiboot, the wizard is told the progress, the client takes the port back.
void TestCalibrationBlankBoard::install_showsProgressOnThePage_thenTheFirmwareThatAnswers()
{
    CalibrationBench bench;
    QString error;
    QVERIFY2(bench.start(&error,
                 {QStringLiteral("--blank"), QStringLiteral("--bootloader"),
                     QStringLiteral(OPTIBOOT_HEX)}),
        qPrintable(error));
    auto wizard = bench.makeWizard();
    wizard->show();
    QVERIFY(QTest::qWaitForWindowExposed(wizard.get()));
    QVERIFY(CalibrationBench::next(wizard.get(), 30000));
    QCOMPARE(wizard->currentId(), int(CalibrationWizard::FirmwarePage));

    FlashAndVerify flash;
    QStringList verdicts;  // what the page said while the port was avrdude's
    auto *verdict = CalibrationBench::find<QLabel>(wizard.get(), "firmwareVerdict");
    auto *install = CalibrationBench::find<QPushButton>(wizard.get(), "installFirmware");
    connect(wizard.get(), &CalibrationWizard::installFirmwareRequested, this, [&] {
        bench.client->stop();
        wizard->setFirmwareInstallProgress(flashPhaseText(FlashPhase::Connecting), 0);
        FlashSettings settings;
        settings.port = bench.rig.linkPath();
        flash.start(settings);
    });
    connect(&flash, &FlashAndVerify::progress, this, [&](FlashPhase phase, int percent) {
        wizard->setFirmwareInstallProgress(flashPhaseText(phase), percent);
        verdicts << verdict->text();
        QVERIFY(!install->isEnabled());
        QVERIFY(!wizard->button(QWizard::NextButton)->isEnabled());
    });
    QSignalSpy finished(&flash, &FlashAndVerify::finished);
    connect(&flash, &FlashAndVerify::finished, this, [&](bool ok, const QString &message) {
        wizard->setFirmwareInstallFinished(ok, message);
        bench.client->start();
    });
    CalibrationBench::click(install);
    QVERIFY(finished.wait(180000));
    QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(finished.at(0).at(1).toString()));

    QVERIFY(verdicts.size() > 5);
    for (const QString &v : std::as_const(verdicts)) {
        QVERIFY2(v.startsWith(QStringLiteral("Installing the Rudebot firmware")), qPrintable(v));
        QVERIFY2(!v.contains(QStringLiteral("No firmware")), qPrintable(v));
    }
    QVERIFY(verdicts.last().endsWith(QStringLiteral("100 %")));
    // Back on the client: the page now names the firmware that answers, and Next goes on.
    QVERIFY(QTest::qWaitFor(
        [&] { return verdict->text().contains(QStringLiteral("Rudebot firmware 1.0.0")); }, 30000));
    QVERIFY(CalibrationBench::next(wizard.get()));
    QCOMPARE(wizard->currentId(), int(CalibrationWizard::LimitsPage));
}

QTEST_MAIN(TestCalibrationBlankBoard)
#include "tst_calibration_blank_board.moc"
