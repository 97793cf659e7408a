// The office view on the virtual rig (the real firmware in simavr): the rig state says "Ready"
// once the rig stands still, not "Ready, turning".
#include <QApplication>
#include <QLabel>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

#include "calibration/calibration_profile.h"
#include "calibration/calibration_wizard.h"
#include "calibration/profile_store.h"
#include "desktop/desktop_app.h"
#include "desktop/message_bar.h"
#include "desktop/office_window.h"
#include "ui/rig_dial.h"
#include "support/virtual_rig.h"

using namespace rudebot;

class TestOfficeViewRig : public QObject {
    Q_OBJECT
private slots:
    void rigStandsStill_stateSaysReady();
};

void TestOfficeViewRig::rigStandsStill_stateSaysReady()
{
    VirtualRig rig;
    VirtualRig::Options o;
    o.speed = 1;  // real time: the move lasts long enough to be seen turning
    o.extraArgs = {"--hold"};
    QVERIFY2(rig.start(o), qPrintable(rig.errorString()));
    QTemporaryDir dir;
    QSettings settings(dir.filePath("settings.ini"), QSettings::IniFormat);
    DesktopOptions options;
    options.office = true;
    options.connect = "serial:" + rig.linkPath();
    options.stationData = dir.filePath("station");
    ProfileStore store(dir.filePath("station/profiles"));  // a known rig: no wizard
    CalibrationProfile profile;
    profile.name = "Desk";
    profile.rigId = rig.linkPath();
    profile.saved = QDateTime::currentDateTimeUtc();
    QString error;
    QVERIFY2(store.save(profile, &error), qPrintable(error));
    DesktopApp app(qApp, &settings, options);
    QVERIFY2(app.start(&error), qPrintable(error));
    OfficeWindow *office = app.officeWindow();
    auto *state = office->findChild<QLabel *>(QStringLiteral("officeRigState"));
    QVERIFY(state);
    QTRY_COMPARE_WITH_TIMEOUT(state->text(), QStringLiteral("Ready"), 30000);
    for (double target : {30.0, -20.0}) {
        emit office->dial()->targetRequested(target);
        QTRY_COMPARE_WITH_TIMEOUT(state->text(), QStringLiteral("Ready, turning"), 10000);
        QVERIFY(rig.waitForAngle(90 + target, 0.5, 20000));
        QTRY_COMPARE_WITH_TIMEOUT(state->text(), QStringLiteral("Ready"), 5000);
    }
}

QTEST_MAIN(TestOfficeViewRig)
#include "tst_office_view_rig.moc"
