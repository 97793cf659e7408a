// The office view on the virtual rig (the real firmware in simavr, or a blank board): a board
// nothing we know answers on offers "Install firmware…" right in the message bar and opens the
// wizard by itself; the rig state says "Ready" once the rig stands still, not "Ready, turning".
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
#include "support/office_on_loopback.h"
#include "support/virtual_rig.h"
#include "support/visible_top_level.h"
#include "ui/rig_dial.h"

using namespace rudebot;

namespace {
CalibrationWizard *visibleWizard()
{
    return test::visibleTopLevel<CalibrationWizard>();
}
}  // namespace

class TestOfficeViewRig : public QObject {
    Q_OBJECT
private slots:
    void blankBoard_offersInstallAndOpensTheWizard();
    void rigStandsStill_stateSaysReady();
};

void TestOfficeViewRig::blankBoard_offersInstallAndOpensTheWizard()
{
    VirtualRig rig;
    VirtualRig::Options o;
    o.extraArgs = {"--blank"};
    QVERIFY2(rig.start(o), qPrintable(rig.errorString()));
    QTemporaryDir dir;
    QSettings settings(dir.filePath("settings.ini"), QSettings::IniFormat);
    DesktopOptions options = officeOnLoopback("serial:" + rig.linkPath(), dir.filePath("station"));
    DesktopApp app(qApp, &settings, options);
    QString error;
    QVERIFY2(app.start(&error), qPrintable(error));
    MessageBar *bar = app.officeWindow()->messageBar();
    QTRY_VERIFY_WITH_TIMEOUT(bar->actionText() == QStringLiteral("Install firmware…"), 60000);
    QVERIFY2(
        bar->text().contains(QStringLiteral("No Rudebot board answers")), qPrintable(bar->text()));
    QCOMPARE(bar->kind(), MessageBar::Kind::Error);
    QTRY_VERIFY_WITH_TIMEOUT(visibleWizard() != nullptr, 30000);
    QCOMPARE(visibleWizard()->currentId(), int(CalibrationWizard::ConnectPage));
    visibleWizard()->reject();
    QTRY_VERIFY_WITH_TIMEOUT(visibleWizard() == nullptr, 10000);
}

void TestOfficeViewRig::rigStandsStill_stateSaysReady()
{
    VirtualRig rig;
    VirtualRig::Options o;
    o.speed = 1;  // real time: the move lasts long enough to be seen turning
    o.extraArgs = {"--hold"};
    QVERIFY2(rig.start(o), qPrintable(rig.errorString()));
    QTemporaryDir dir;
    QSettings settings(dir.filePath("settings.ini"), QSettings::IniFormat);
    DesktopOptions options = officeOnLoopback("serial:" + rig.linkPath(), dir.filePath("station"));
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
