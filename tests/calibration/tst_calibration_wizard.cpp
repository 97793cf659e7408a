// The real calibration wizard, driven with QTest against the virtual rig (the real firmware in
// simavr, on its pty, through RigClient) and the virtual camera following the measured servo
// angle: what the user marks, answers and clicks ends up in the saved profile; Cancel leaves
// the stored profile and the rig as they were.
#include <QtTest>

#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QSpinBox>

#include "calibration_bench.h"
#include "support/keyboard_reach.h"

// Every control of the page on show is reached with Tab and named for screen readers.
#define CHECK_KEYBOARD_REACH(wizard)                                                               \
    do {                                                                                           \
        const QStringList problems_ = keyboard_reach::problems(wizard);                            \
        QVERIFY2(problems_.isEmpty(),                                                              \
            qPrintable(QStringLiteral("page %1: %2")                                               \
                           .arg((wizard)->currentId())                                             \
                           .arg(problems_.join(QStringLiteral("; ")))));                           \
    } while (0)
#include "calibration/page_fov.h"
#include "calibration/page_speed.h"

using namespace rudebot;

namespace {

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

}  // namespace

class TestCalibrationWizard : public QObject {
    Q_OBJECT
private slots:
    void fullRun_savesTheLimitsHomeDirectionFieldOfViewAndSpeedThatWereSet();
    void cancel_leavesTheStoredProfileAndTheRigAsTheyWere();
};

void TestCalibrationWizard::fullRun_savesTheLimitsHomeDirectionFieldOfViewAndSpeedThatWereSet()
{
    CalibrationBench bench;
    QString error;
    QVERIFY2(bench.start(&error), qPrintable(error));
    auto wizard = bench.makeWizard();
    QSignalSpy saved(wizard.get(), &CalibrationWizard::profileSaved);
    wizard->show();
    QVERIFY(QTest::qWaitForWindowExposed(wizard.get()));

    // Connect, firmware.
    QCOMPARE(wizard->currentId(), int(CalibrationWizard::ConnectPage));
    QVERIFY(bench.waitReady());
    CHECK_KEYBOARD_REACH(wizard.get());
    QVERIFY(CalibrationBench::next(wizard.get()));
    auto *verdict = CalibrationBench::find<QLabel>(wizard.get(), "firmwareVerdict");
    QVERIFY(verdict->text().contains(QStringLiteral("Rudebot firmware 1.0.0")));
    QVERIFY(!CalibrationBench::find<QPushButton>(wizard.get(), "installFirmware")->isVisible());
    CHECK_KEYBOARD_REACH(wizard.get());
    QVERIFY(CalibrationBench::next(wizard.get()));

    // Limits: keys on the dial (no profile yet: Right grows the servo angle), then the marks.
    QCOMPARE(wizard->currentId(), int(CalibrationWizard::LimitsPage));
    auto *dial = CalibrationBench::find<RigDial>(wizard.get(), "jogDial");
    QCOMPARE(wizard->focusWidget(), dial);
    QVERIFY(!wizard->button(QWizard::NextButton)->isEnabled());
    CHECK_KEYBOARD_REACH(wizard.get());
    dial->setFocus();
    QVERIFY2(bench.jogWithKeys(dial, 90, 40), qPrintable(QString::number(bench.servo())));
    CalibrationBench::click(CalibrationBench::find<QPushButton>(wizard.get(), "markLeft"));
    QCOMPARE(wizard->focusWidget(), dial);  // the keys keep working after a click
    QVERIFY2(bench.jogWithKeys(dial, 40, 150), qPrintable(QString::number(bench.servo())));
    CalibrationBench::click(CalibrationBench::find<QPushButton>(wizard.get(), "markRight"));
    QCOMPARE(CalibrationBench::find<QLabel>(wizard.get(), "leftEndText")->text(),
        QStringLiteral("servo 40\u00b0"));
    QCOMPARE(CalibrationBench::find<QLabel>(wizard.get(), "rightEndText")->text(),
        QStringLiteral("servo 150\u00b0"));
    QVERIFY(CalibrationBench::next(wizard.get()));

    // Home.
    QCOMPARE(wizard->currentId(), int(CalibrationWizard::HomePage));
    dial = CalibrationBench::find<RigDial>(wizard.get(), "jogDial");
    QVERIFY(bench.jogWithKeys(dial, 150, 95));
    CalibrationBench::click(CalibrationBench::find<QPushButton>(wizard.get(), "markHome"));
    CHECK_KEYBOARD_REACH(wizard.get());
    QVERIFY(CalibrationBench::next(wizard.get()));

    // Park: it starts at the end farthest from home (never home: home faces the people) and
    // the rig turns there; too near home is refused; turned to the wall and marked.
    QCOMPARE(wizard->currentId(), int(CalibrationWizard::ParkPage));
    QCOMPARE(wizard->draft().parkServo, std::optional<double>(40));  // 55 from home, as 150
    QVERIFY(bench.rig.waitForAngle(40, 0.5, 20000));
    QVERIFY(wizard->button(QWizard::NextButton)->isEnabled());
    dial = CalibrationBench::find<RigDial>(wizard.get(), "jogDial");
    QVERIFY(QTest::qWaitFor([&] { return bench.client->isAtTarget(); }, 20000));
    QVERIFY(bench.jogWithKeys(dial, 40, 105));
    CalibrationBench::click(CalibrationBench::find<QPushButton>(wizard.get(), "markPark"));
    QVERIFY(!wizard->button(QWizard::NextButton)->isEnabled());  // 10 degrees from home
    QVERIFY(CalibrationBench::find<QLabel>(wizard.get(), "problem")->text().contains("away from home"));
    QVERIFY(bench.jogWithKeys(dial, 105, 140));
    CalibrationBench::click(CalibrationBench::find<QPushButton>(wizard.get(), "markPark"));
    QCOMPARE(CalibrationBench::find<QLabel>(wizard.get(), "parkText")->text(),
        QStringLiteral("servo 140\u00b0, 45\u00b0 from home"));
    CHECK_KEYBOARD_REACH(wizard.get());
    QVERIFY(CalibrationBench::next(wizard.get()));

    // Direction: answer what the virtual camera really did. Content moves opposite to the yaw.
    QCOMPARE(wizard->currentId(), int(CalibrationWizard::DirectionPage));
    auto *movedLeft = CalibrationBench::find<QPushButton>(wizard.get(), "movedLeft");
    auto *movedRight = CalibrationBench::find<QPushButton>(wizard.get(), "movedRight");
    QVERIFY(QTest::qWaitFor([&] { return movedLeft->isEnabled(); }, 30000));
    const double turnedTo = bench.servo();
    QVERIFY2(std::abs(turnedTo - 95) > 5, qPrintable(QString::number(turnedTo)));
    const double yawChange = bench.yawAt(turnedTo) - bench.yawAt(95);
    CalibrationBench::click(yawChange > 0 ? movedLeft : movedRight);
    QCOMPARE(wizard->draft().inverted, std::optional<bool>(true));
    CHECK_KEYBOARD_REACH(wizard.get());
    QVERIFY(CalibrationBench::next(wizard.get()));

    // Field of view: click Dev, the wizard turns, click Dev again.
    QCOMPARE(wizard->currentId(), int(CalibrationWizard::FovPage));
    auto *fov = qobject_cast<PageFov *>(wizard->currentPage());
    auto *video = CalibrationBench::find<VideoView>(wizard.get(), "fovVideo");
    QVERIFY(QTest::qWaitFor([&] { return fov->stage() == PageFov::Stage::FirstClick; }, 30000));
    QVERIFY(bench.rig.waitForAngle(95, 0.5, 5000));
    QVERIFY(!video->pictureRect().isEmpty());
    const double x1 = bench.personX(QStringLiteral("Dev"));
    QVERIFY(x1 > 0.55 && x1 < 1);
    CalibrationBench::clickPicture(video, {x1, 0.5});
    QVERIFY(QTest::qWaitFor([&] { return fov->stage() == PageFov::Stage::SecondClick; }, 30000));
    const double x2 = bench.personX(QStringLiteral("Dev"));
    QVERIFY2(x2 > 0 && x2 < x1, qPrintable(QStringLiteral("%1 -> %2").arg(x1).arg(x2)));
    CalibrationBench::clickPicture(video, {x2, 0.5});
    QCOMPARE(fov->stage(), PageFov::Stage::Done);
    const double hfov = CalibrationBench::find<QDoubleSpinBox>(wizard.get(), "hfovSpin")->value();
    qInfo("field of view measured with two clicks on Dev: %.2f degrees (the camera's: 60)", hfov);
    QVERIFY2(std::abs(hfov - 60) <= 1, qPrintable(QString::number(hfov)));
    QVERIFY(CalibrationBench::find<QLabel>(wizard.get(), "fovResult")
                ->text()
                .contains(QStringLiteral("Measured")));
    CHECK_KEYBOARD_REACH(wizard.get());
    QVERIFY(CalibrationBench::next(wizard.get()));

    // Speed: 60 degrees a second is S17; the move is timed and shown.
    QCOMPARE(wizard->currentId(), int(CalibrationWizard::SpeedPage));
    auto *speedPage = qobject_cast<PageSpeed *>(wizard->currentPage());
    auto *spin = CalibrationBench::find<QSpinBox>(wizard.get(), "speedSpin");
    spin->setValue(60);
    QVERIFY(CalibrationBench::find<QLabel>(wizard.get(), "speedSetting")
                ->text()
                .startsWith(QStringLiteral("17 ms per degree")));
    QSignalSpy sent(bench.client.get(), &RigClient::commandSent);
    CalibrationBench::click(CalibrationBench::find<QPushButton>(wizard.get(), "trySpeed"));
    QVERIFY(QTest::qWaitFor([&] { return speedPage->measuredMs() > 0; }, 30000));
    bool sentS17 = false;
    for (const auto &args : sent)
        sentS17 = sentS17 || args.at(0).toByteArray() == "S17";
    QVERIFY(sentS17);
    // 30 degrees at 17 ms: 510 ms of turning, plus the client's polling.
    qInfo("30 degrees at S17 took %d ms", speedPage->measuredMs());
    QVERIFY2(speedPage->measuredMs() > 350 && speedPage->measuredMs() < 2500,
        qPrintable(QString::number(speedPage->measuredMs())));
    QVERIFY(CalibrationBench::find<QLabel>(wizard.get(), "speedMeasured")
                ->text()
                .startsWith(QStringLiteral("Turned 30\u00b0 in ")));
    CHECK_KEYBOARD_REACH(wizard.get());
    QVERIFY(CalibrationBench::next(wizard.get()));

    // Summary: a name, then Finish.
    QCOMPARE(wizard->currentId(), int(CalibrationWizard::SummaryPage));
    QCOMPARE(CalibrationBench::find<QLabel>(wizard.get(), "summaryPark")->text(),
        QStringLiteral("45\u00b0 left (servo 140\u00b0)"));
    CHECK_KEYBOARD_REACH(wizard.get());
    auto *name = CalibrationBench::find<QLineEdit>(wizard.get(), "profileName");
    name->selectAll();
    QTest::keyClicks(name, QStringLiteral("Team table"));
    QAbstractButton *finish = wizard->button(QWizard::FinishButton);
    QVERIFY(finish->isEnabled());
    CalibrationBench::click(finish);
    QVERIFY2(saved.size() == 1,
        qPrintable(CalibrationBench::find<QLabel>(wizard.get(), "problem")->text()));
    QCOMPARE(wizard->result(), int(QDialog::Accepted));

    QString loadError;
    const auto profile = bench.store.load(bench.rigId, &loadError);
    QVERIFY2(profile, qPrintable(loadError));
    QCOMPARE(profile->name, QStringLiteral("Team table"));
    QCOMPARE(profile->rigId, bench.rigId);
    const Calibration &c = profile->calibration;
    QVERIFY2(std::abs(c.homeServoDeg - 95) <= 1, qPrintable(QString::number(c.homeServoDeg)));
    QCOMPARE(c.inverted, true);
    // Inverted: servo 150 is 55 degrees left of home, servo 40 55 degrees right.
    QVERIFY2(std::abs(c.minLogicalDeg + 55) <= 1, qPrintable(QString::number(c.minLogicalDeg)));
    QVERIFY2(std::abs(c.maxLogicalDeg - 55) <= 1, qPrintable(QString::number(c.maxLogicalDeg)));
    QVERIFY2(std::abs(c.hfovDeg - 60) <= 1, qPrintable(QString::number(c.hfovDeg)));
    // Servo 140 with the direction inverted: 45 degrees left of home.
    QVERIFY(c.parkLogicalDeg);
    QVERIFY2(std::abs(*c.parkLogicalDeg + 45) <= 1, qPrintable(QString::number(*c.parkLogicalDeg)));
    QCOMPARE(profile->msPerDegree, 17);
    // The rig now enforces it and stands at home.
    QCOMPARE(bench.client->calibration().inverted, true);
    QCOMPARE(bench.client->calibration().homeServoDeg, c.homeServoDeg);
    QVERIFY(bench.rig.waitForAngle(95, 0.5, 10000));
}

void TestCalibrationWizard::cancel_leavesTheStoredProfileAndTheRigAsTheyWere()
{
    CalibrationBench bench;
    CalibrationProfile old;
    old.name = QStringLiteral("Old");
    old.rigId = bench.rigId;
    old.calibration = Calibration{90, -80, 80, false, 70, std::nullopt};
    old.msPerDegree = 25;
    old.saved = QDateTime(QDate(2024, 1, 2), QTime(3, 4, 5), Qt::UTC);
    QVERIFY(bench.store.save(old));
    const QString path = bench.store.pathFor(bench.rigId);
    const QByteArray before = readAll(path);
    const QDateTime modified = QFileInfo(path).lastModified();

    QString error;
    QVERIFY2(bench.start(&error), qPrintable(error));
    bench.client->setCalibration(old.calibration);  // what the app does with a stored profile
    QVERIFY(bench.waitReady());
    const double startServo = bench.servo();
    auto wizard = bench.makeWizard();
    QSignalSpy sent(bench.client.get(), &RigClient::commandSent);
    wizard->show();
    QVERIFY(QTest::qWaitForWindowExposed(wizard.get()));
    QVERIFY(CalibrationBench::next(wizard.get()));
    QVERIFY(CalibrationBench::next(wizard.get()));

    // Limits beyond the old ones (the wizard lifts them), home, and the direction answered.
    auto *dial = CalibrationBench::find<RigDial>(wizard.get(), "jogDial");
    QVERIFY2(bench.jogWithKeys(dial, startServo, 5),
        qPrintable(QStringLiteral("from %1 at %2, dial %3")
                       .arg(startServo)
                       .arg(bench.servo())
                       .arg(dial->targetAngle())));
    CalibrationBench::click(CalibrationBench::find<QPushButton>(wizard.get(), "markLeft"));
    QVERIFY(bench.jogWithKeys(dial, 5, 120));
    CalibrationBench::click(CalibrationBench::find<QPushButton>(wizard.get(), "markRight"));
    QVERIFY(CalibrationBench::next(wizard.get()));
    dial = CalibrationBench::find<RigDial>(wizard.get(), "jogDial");
    QVERIFY(bench.jogWithKeys(dial, 120, 100));
    CalibrationBench::click(CalibrationBench::find<QPushButton>(wizard.get(), "markHome"));
    QVERIFY(CalibrationBench::next(wizard.get()));
    QCOMPARE(wizard->currentId(), int(CalibrationWizard::ParkPage));  // the suggestion will do
    QVERIFY(CalibrationBench::next(wizard.get()));
    auto *movedLeft = CalibrationBench::find<QPushButton>(wizard.get(), "movedLeft");
    QVERIFY(QTest::qWaitFor([&] { return movedLeft->isEnabled(); }, 30000));
    CalibrationBench::click(movedLeft);
    QVERIFY(wizard->button(QWizard::NextButton)->isEnabled());

    // Back and forward again: the direction page asks afresh.
    CalibrationBench::click(wizard->button(QWizard::BackButton));
    QCOMPARE(wizard->currentId(), int(CalibrationWizard::ParkPage));
    QVERIFY(CalibrationBench::next(wizard.get()));
    QCOMPARE(wizard->currentId(), int(CalibrationWizard::DirectionPage));
    QVERIFY(!wizard->button(QWizard::NextButton)->isEnabled());
    QVERIFY(!wizard->draft().inverted.has_value());

    // Cancel in the middle of the turn.
    QVERIFY(QTest::qWaitFor([&] { return bench.client->isMoving(); }, 10000));
    // Something was marked: Cancel asks first; "Keep calibrating" (the default) keeps it all.
    CalibrationBench::click(wizard->button(QWizard::CancelButton));
    QPointer<QMessageBox> confirm =
        wizard->findChild<QMessageBox *>(QStringLiteral("discardConfirm"));
    QVERIFY(confirm);
    QTRY_VERIFY(confirm->isVisible());
    QVERIFY(wizard->isVisible());
    CalibrationBench::click(confirm->findChild<QPushButton *>(QStringLiteral("keepCalibrating")));
    QTRY_VERIFY(!confirm);
    QVERIFY(wizard->isVisible());
    QCOMPARE(wizard->currentId(), int(CalibrationWizard::DirectionPage));
    QVERIFY(wizard->draft().leftEndServo.has_value());
    CalibrationBench::click(wizard->button(QWizard::CancelButton));
    confirm = wizard->findChild<QMessageBox *>(QStringLiteral("discardConfirm"));
    QVERIFY(confirm);
    CalibrationBench::click(confirm->findChild<QPushButton *>(QStringLiteral("discard")));
    QCOMPARE(wizard->result(), int(QDialog::Rejected));
    QVERIFY(!wizard->isVisible());

    QCOMPARE(readAll(path), before);
    QCOMPARE(QFileInfo(path).lastModified(), modified);
    QCOMPARE(QDir(bench.store.directory()).entryList(QDir::Files),
        QStringList{QFileInfo(path).fileName()});
    const Calibration now = bench.client->calibration();
    QCOMPARE(now.homeServoDeg, 90.0);
    QCOMPARE(now.minLogicalDeg, -80.0);
    QCOMPARE(now.maxLogicalDeg, 80.0);
    QCOMPARE(now.inverted, false);
    QCOMPARE(now.hfovDeg, 70.0);
    QVERIFY2(
        bench.rig.waitForAngle(startServo, 0.5, 15000), qPrintable(QString::number(bench.servo())));
    bool restoredSpeed = false;
    for (const auto &args : sent)
        restoredSpeed = restoredSpeed || args.at(0).toByteArray() == "S25";
    QVERIFY(restoredSpeed);
}

QTEST_MAIN(TestCalibrationWizard)
#include "tst_calibration_wizard.moc"
