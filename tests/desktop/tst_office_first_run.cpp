// The office role on a rig this computer has never calibrated: the wizard comes up by itself
// once the board answers; with a saved profile it does not, and the profile is applied.
#include <QApplication>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

#include "calibration/calibration_profile.h"
#include "calibration/calibration_wizard.h"
#include "desktop/desktop_app.h"
#include "desktop/message_bar.h"
#include "desktop/office_window.h"
#include "support/visible_top_level.h"
#include "ui/rig_dial.h"
#include "ui/video_view.h"

#include "calibration/profile_store.h"
#include "support/office_on_loopback.h"
#include "support/virtual_rig.h"
#include <QLabel>
#include <QCameraDevice>
#include <QMediaDevices>
#include <QMessageBox>

using namespace rudebot;

namespace {

CalibrationWizard *visibleWizard()
{
    return test::visibleTopLevel<CalibrationWizard>();
}

}  // namespace

class TestOfficeFirstRun : public QObject {
    Q_OBJECT

private slots:
    void unknownRig_opensTheWizard_knownRig_appliesItsProfile();
    void officeThatCannotStart_saysWhyInAWindow();
    void unplugged_clearsFirmwareAndActualAngle();
    void unusableMicrophone_theBannerSaysWhereToChooseAnother();
};

// The banner and the sound panel named the button with its ellipsis and then ended the
// sentence: "Sound devices….".
void TestOfficeFirstRun::unusableMicrophone_theBannerSaysWhereToChooseAnother()
{
    VirtualRig rig;
    QVERIFY2(rig.start({}), qPrintable(rig.errorString()));
    QTemporaryDir dir;
    QSettings settings(dir.filePath("settings.ini"), QSettings::IniFormat);
    settings.setValue("audio/microphone", "no-such-microphone");
    DesktopOptions options = officeOnLoopback("serial:" + rig.linkPath(), dir.filePath("station"));
    QString error;
    DesktopApp app(qApp, &settings, options);
    QVERIFY2(app.start(&error), qPrintable(error));
    const QString text = app.officeWindow()->messageBar()->text();
    QVERIFY2(text.startsWith(QStringLiteral("No sound: no microphone named 'no-such-microphone'")),
        qPrintable(text));
    QVERIFY2(
        text.endsWith(QStringLiteral(". Choose another device with the Sound devices button.")),
        qPrintable(text));
    auto *state = app.officeWindow()->findChild<QLabel *>(QStringLiteral("officeMicrophoneState"));
    QVERIFY(state);
    QCOMPARE(state->text(),
        QStringLiteral("No office microphone: choose one with the Sound devices button."));
}

void TestOfficeFirstRun::unplugged_clearsFirmwareAndActualAngle()
{
    VirtualRig rig;
    VirtualRig::Options o;
    o.extraArgs = {"--hold"};  // the firmware boots (and announces its version) once we open it
    QVERIFY2(rig.start(o), qPrintable(rig.errorString()));
    QTemporaryDir dir;
    QSettings settings(dir.filePath("settings.ini"), QSettings::IniFormat);
    DesktopOptions options = officeOnLoopback("serial:" + rig.linkPath(), dir.filePath("station"));
    ProfileStore store(dir.filePath("station/profiles"));  // a known rig: no wizard in the way
    CalibrationProfile profile;
    profile.name = "Desk";
    profile.rigId = rig.linkPath();
    profile.saved = QDateTime::currentDateTimeUtc();
    QString error;
    QVERIFY2(store.save(profile, &error), qPrintable(error));
    DesktopApp app(qApp, &settings, options);
    QVERIFY2(app.start(&error), qPrintable(error));
    OfficeWindow *office = app.officeWindow();
    auto *firmware = office->findChild<QLabel *>(QStringLiteral("officeFirmware"));
    auto *dial = office->findChild<RigDial *>();
    QVERIFY(firmware && dial);
    QTRY_VERIFY_WITH_TIMEOUT(
        firmware->text().startsWith(QStringLiteral("Rudebot 1.0.0")) && dial->hasActualAngle(),
        30000);

    rig.kill();  // unplugged
    QTRY_COMPARE_WITH_TIMEOUT(firmware->text(), QStringLiteral("–"), 30000);
    QVERIFY(!firmware->isEnabled());
    QVERIFY(!dial->hasActualAngle());
}

// Started from the desktop menu (rudebot --office), a failure printed only to stderr showed
// nothing at all: main() shows this box.
void TestOfficeFirstRun::officeThatCannotStart_saysWhyInAWindow()
{
    QTemporaryDir dir;
    QFile blocker(dir.filePath("not-a-dir"));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    QSettings settings(dir.filePath("settings.ini"), QSettings::IniFormat);
    DesktopOptions options;
    options.office = true;
    options.officeAddress = QHostAddress::LocalHost;
    options.officePort = 0;
    options.connect = "serial:/dev/null";
    options.stationData = dir.filePath("not-a-dir/station");  // cannot be created
    QString error;
    DesktopApp app(qApp, &settings, options);
    QVERIFY(!app.start(&error));
    QVERIFY(!error.isEmpty());
    const auto box = startFailureBox(error);
    box->show();
    QVERIFY(QTest::qWaitForWindowExposed(box.get()));
    QCOMPARE(box->icon(), QMessageBox::Critical);
    QCOMPARE(box->text(), error);
}

void TestOfficeFirstRun::unknownRig_opensTheWizard_knownRig_appliesItsProfile()
{
    VirtualRig rig;
    VirtualRig::Options o;
    o.extraArgs = {"--hold"};
    QVERIFY2(rig.start(o), qPrintable(rig.errorString()));
    QTemporaryDir dir;
    QSettings settings(dir.filePath("settings.ini"), QSettings::IniFormat);
    DesktopOptions options = officeOnLoopback("serial:" + rig.linkPath(), dir.filePath("station"));
    QString error;
    {
        DesktopApp app(qApp, &settings, options);
        QVERIFY2(app.start(&error), qPrintable(error));
        // These machines have no camera: the preview says so rather than "Waiting for video…".
        auto *preview = app.officeWindow()->findChild<VideoView *>();
        QVERIFY(preview);
        if (QMediaDevices::videoInputs().isEmpty()) {
            QVERIFY(!preview->placeholderText().isEmpty());
            QCOMPARE(preview->idleTitle(), QStringLiteral("No camera"));
            QVERIFY2(!preview->statusText().contains(QStringLiteral("Waiting")),
                qPrintable(preview->statusText()));
        }
        QTRY_VERIFY_WITH_TIMEOUT(visibleWizard() != nullptr, 30000);
        visibleWizard()->reject();  // Cancel: nothing saved
    }
    QTRY_VERIFY_WITH_TIMEOUT(visibleWizard() == nullptr, 10000);

    // Now a profile exists for this rig (under the name the office view used before rig ids had
    // one scheme): no wizard, and the station uses its calibration.
    ProfileStore store(dir.filePath("station/profiles"));
    CalibrationProfile profile;
    profile.name = "Team table";
    profile.rigId = rig.linkPath();
    profile.calibration.homeServoDeg = 100;
    profile.calibration.minLogicalDeg = -40;
    profile.calibration.maxLogicalDeg = 50;
    profile.msPerDegree = 20;
    profile.saved = QDateTime::currentDateTimeUtc();
    QVERIFY2(store.save(profile, &error), qPrintable(error));
    DesktopApp app(qApp, &settings, options);
    QVERIFY2(app.start(&error), qPrintable(error));
    // The wizard would open the moment the board answers; wait for that moment, then look.
    auto rigReady = [] {
        for (QWidget *w : QApplication::topLevelWidgets())
            if (auto *office = qobject_cast<OfficeWindow *>(w))
                for (QLabel *l : office->findChildren<QLabel *>())
                    if (l->text().startsWith(QStringLiteral("Ready")))
                        return true;
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(rigReady(), 30000);
    QCoreApplication::processEvents();
    QVERIFY(visibleWizard() == nullptr);

    // The saved profile is in force (the office dial shows its limits), and an exported file
    // imported from the office view replaces it.
    OfficeWindow *office = nullptr;
    for (QWidget *w : QApplication::topLevelWidgets())
        if (auto *o = qobject_cast<OfficeWindow *>(w))
            office = o;
    QVERIFY(office);
    RigDial *dial = office->findChild<RigDial *>();
    QVERIFY(dial);
    QTRY_COMPARE_WITH_TIMEOUT(dial->minimumAngle(), -40.0, 10000);
    QCOMPARE(dial->maximumAngle(), 50.0);
    // It was saved under the rig's old name (its bare port path): now it is under the rig's id.
    QVERIFY(store.contains("serial-" + rig.linkPath()));
    QVERIFY(!store.contains(rig.linkPath()));
    CalibrationProfile other = profile;
    other.calibration.minLogicalDeg = -70;
    other.calibration.maxLogicalDeg = 30;
    const QString file = dir.filePath("exported.json");
    QVERIFY2(writeProfileFile(other, file, &error), qPrintable(error));
    // Import outcomes go to the message bar, never into the camera's place (the preview's
    // placeholder and its warning are the camera's).
    auto *preview = office->findChild<VideoView *>();
    QVERIFY(preview);
    const QString cameraText = preview->placeholderText();
    // No camera on these machines: the office's own words, not the bridge's --camera flag.
    QVERIFY2(!cameraText.contains(QStringLiteral("--camera")), qPrintable(cameraText));
    QVERIFY2(!cameraText.contains(QStringLiteral("Rudebot station's")), qPrintable(cameraText));
    emit office->importCalibrationRequested(file);
    QTRY_COMPARE_WITH_TIMEOUT(dial->minimumAngle(), -70.0, 10000);
    QCOMPARE(dial->maximumAngle(), 30.0);
    QCOMPARE(office->messageBar()->kind(), MessageBar::Kind::Info);
    QVERIFY2(office->messageBar()->text().contains(QStringLiteral("imported")),
        qPrintable(office->messageBar()->text()));
    QCOMPARE(preview->placeholderText(), cameraText);
    // A damaged file changes nothing.
    QFile bad(dir.filePath("bad.json"));
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.write("{\"format\":\"nonsense\"}");
    bad.close();
    emit office->importCalibrationRequested(bad.fileName());
    QCoreApplication::processEvents();
    QCOMPARE(office->messageBar()->kind(), MessageBar::Kind::Error);
    QVERIFY2(office->messageBar()->text().startsWith(QStringLiteral("Not imported")),
        qPrintable(office->messageBar()->text()));
    QCOMPARE(preview->placeholderText(), cameraText);
    QCOMPARE(dial->minimumAngle(), -70.0);
    const auto kept = store.load("serial-" + rig.linkPath());
    QVERIFY(kept.has_value());
    QCOMPARE(kept->calibration.minLogicalDeg, -70.0);
}

QTEST_MAIN(TestOfficeFirstRun)
#include "tst_office_first_run.moc"
