// What a first day with the wizard showed, on the virtual rig (the real firmware in simavr,
// real time): "Mark right end" pressed while the camera turns marks where the camera is, not
// where it was asked to go; without a camera the direction step asks about the rig itself and
// never about black panes; the speed step shows the picture; while the firmware installs,
// the wizard's own Cancel stops it and nothing else offers a second Cancel.
#include <QtTest>

#include <QLabel>

#include "calibration_bench.h"

using namespace rudebot;

class TestCalibrationWizardFirstDay : public QObject {
    Q_OBJECT
private slots:
    void markRightEnd_whileTurning_marksWhereTheCameraIs();
    void noCamera_directionAsksWhichWayTheRigTurned();
    void installing_cancelStopsTheInstallAndKeepsTheWizard();
};

void TestCalibrationWizardFirstDay::markRightEnd_whileTurning_marksWhereTheCameraIs()
{
    CalibrationBench bench;
    QString error;
    QVERIFY2(bench.start(&error), qPrintable(error));
    auto wizard = bench.makeWizard();
    wizard->show();
    QVERIFY(QTest::qWaitForWindowExposed(wizard.get()));
    QVERIFY(bench.waitReady());
    QVERIFY(CalibrationBench::next(wizard.get()));
    QVERIFY(CalibrationBench::next(wizard.get()));
    QCOMPARE(wizard->currentId(), int(CalibrationWizard::LimitsPage));
    auto *dial = CalibrationBench::find<RigDial>(wizard.get(), "jogDial");
    const double start = bench.servo();
    for (int i = 0; i < 6; ++i)  // 60 degrees: about 1.8 s of turning at 30 ms per degree
        QTest::keyClick(dial, Qt::Key_Right, Qt::ShiftModifier);
    QVERIFY(QTest::qWaitFor(
        [&] {
            return bench.client->hasActualAngle() && bench.client->actualServoDeg() >= start + 15;
        },
        20000));
    QVERIFY(bench.client->isMoving());
    CalibrationBench::click(CalibrationBench::find<QPushButton>(wizard.get(), "markRight"));
    const double marked = wizard->draft().rightEndServo.value_or(-1);
    qInfo("turning from %.0f to %.0f, Mark right end pressed: marked %.0f", start, start + 60,
        marked);
    QVERIFY2(marked >= start + 15 && marked < start + 55, qPrintable(QString::number(marked)));
    // The rig stops there and the dial says so, instead of going on to the old target.
    QVERIFY(QTest::qWaitFor([&] { return bench.client->isAtTarget(); }, 20000));
    QVERIFY2(std::abs(bench.servo() - marked) <= 1.5, qPrintable(QString::number(bench.servo())));
    QCOMPARE(CalibrationBench::find<QLabel>(wizard.get(), "rightEndText")->text(),
        QStringLiteral("servo %1\u00b0").arg(marked, 0, 'f', 0));

    // The speed step has the picture too.
    auto *speedVideo = wizard->page(CalibrationWizard::SpeedPage)
                           ->findChild<VideoView *>(QStringLiteral("speedVideo"));
    QVERIFY(speedVideo);
    QTRY_VERIFY_WITH_TIMEOUT(!speedVideo->frame().isNull(), 10000);
    QVERIFY(wizard->hasVideo());
}

void TestCalibrationWizardFirstDay::noCamera_directionAsksWhichWayTheRigTurned()
{
    CalibrationBench bench;
    QString error;
    QVERIFY2(bench.start(&error), qPrintable(error));
    bench.camera.stop();
    auto wizard =
        std::make_unique<CalibrationWizard>(bench.adapter.get(), &bench.store, bench.rigId);
    wizard->resize(1100, 720);  // no frames connected: no camera
    wizard->show();
    QVERIFY(QTest::qWaitForWindowExposed(wizard.get()));
    QVERIFY(bench.waitReady());
    QTRY_VERIFY_WITH_TIMEOUT(!wizard->hasVideo(), 10000);
    QVERIFY(CalibrationBench::next(wizard.get()));
    QVERIFY(CalibrationBench::next(wizard.get()));
    auto *video = CalibrationBench::find<VideoView>(wizard.get(), "limitsVideo");
    QCOMPARE(video->statusText(), QStringLiteral("No picture from the camera"));
    auto *dial = CalibrationBench::find<RigDial>(wizard.get(), "jogDial");
    QVERIFY(bench.jogWithKeys(dial, bench.servo(), 60));
    CalibrationBench::click(CalibrationBench::find<QPushButton>(wizard.get(), "markLeft"));
    QVERIFY(bench.jogWithKeys(dial, 60, 130));
    CalibrationBench::click(CalibrationBench::find<QPushButton>(wizard.get(), "markRight"));
    QVERIFY(CalibrationBench::next(wizard.get()));
    dial = CalibrationBench::find<RigDial>(wizard.get(), "jogDial");
    QVERIFY(bench.jogWithKeys(dial, 130, 90));
    CalibrationBench::click(CalibrationBench::find<QPushButton>(wizard.get(), "markHome"));
    QVERIFY(CalibrationBench::next(wizard.get()));
    QCOMPARE(wizard->currentId(), int(CalibrationWizard::ParkPage));  // the suggested park
    QVERIFY(CalibrationBench::next(wizard.get()));

    QCOMPARE(wizard->currentId(), int(CalibrationWizard::DirectionPage));
    auto *left = CalibrationBench::find<QPushButton>(wizard.get(), "movedLeft");
    auto *right = CalibrationBench::find<QPushButton>(wizard.get(), "movedRight");
    auto *status = CalibrationBench::find<QLabel>(wizard.get(), "directionStatus");
    QVERIFY(QTest::qWaitFor([&] { return left->isEnabled(); }, 30000));
    QVERIFY2(!left->text().contains(QStringLiteral("picture")), qPrintable(left->text()));
    QVERIFY2(left->text().contains(QStringLiteral("camera turned left")), qPrintable(left->text()));
    QVERIFY2(
        right->text().contains(QStringLiteral("camera turned right")), qPrintable(right->text()));
    QVERIFY2(status->text().contains(QStringLiteral("No picture")), qPrintable(status->text()));
    QVERIFY(!CalibrationBench::find<VideoView>(wizard.get(), "directionVideo")->isVisible());

    // Someone behind the laptop saw what the virtual camera really did (its yaw).
    const double yawChange = bench.yawAt(bench.servo()) - bench.yawAt(90);
    CalibrationBench::click(yawChange > 0 ? right : left);
    // The bench's camera turns left for a larger servo angle: inverted, as with the picture.
    QCOMPARE(wizard->draft().inverted, std::optional<bool>(true));
}

void TestCalibrationWizardFirstDay::installing_cancelStopsTheInstallAndKeepsTheWizard()
{
    CalibrationBench bench;
    QString error;
    QVERIFY2(bench.start(&error), qPrintable(error));
    auto wizard = bench.makeWizard();
    QSignalSpy cancelInstall(
        wizard.get(), &CalibrationWizard::installCancelRequested);  // the app's flasher
    wizard->show();
    QVERIFY(QTest::qWaitForWindowExposed(wizard.get()));
    QVERIFY(bench.waitReady());
    QVERIFY(CalibrationBench::next(wizard.get()));
    QCOMPARE(wizard->currentId(), int(CalibrationWizard::FirmwarePage));
    wizard->setFirmwareInstallProgress(QStringLiteral("Writing"), 40);
    CalibrationBench::click(wizard->button(QWizard::CancelButton));
    QCOMPARE(cancelInstall.size(), 1);
    QVERIFY(wizard->isVisible());
    wizard->setFirmwareInstallFinished(false, QStringLiteral("cancelled"));
    CalibrationBench::click(wizard->button(QWizard::CancelButton));
    QVERIFY(!wizard->isVisible());  // nothing marked yet: no question
    QCOMPARE(cancelInstall.size(), 1);
}

QTEST_MAIN(TestCalibrationWizardFirstDay)
#include "tst_calibration_wizard_first_day.moc"
