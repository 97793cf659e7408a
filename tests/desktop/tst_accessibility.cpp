// Keyboard alone and a screen reader: every control of the Connect dialog (each tab) and of
// the office view is reached with Tab and has an accessible name and description in the
// accessibility tree. The office view runs on the virtual rig (the real firmware in simavr).
#include <QApplication>
#include <QSettings>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>

#include "calibration/calibration_profile.h"
#include "calibration/profile_store.h"
#include "desktop/connect_dialog.h"
#include "desktop/desktop_app.h"
#include "desktop/office_window.h"
#include "support/keyboard_reach.h"
#include "support/office_on_loopback.h"
#include "support/virtual_rig.h"
#include "ui/rig_dial.h"

using namespace rudebot;

class TestAccessibility : public QObject {
    Q_OBJECT
private slots:
    void connectDialog_everyTab_reachableAndNamed();
    void officeView_reachableAndNamed();
};

void TestAccessibility::connectDialog_everyTab_reachableAndNamed()
{
    ConnectDialog dialog(
        {QStringLiteral("bridge:10.0.0.5:7777")}, nullptr, [] { return QList<PortCandidate>{}; });
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *tabs = dialog.findChild<QTabWidget *>();
    QVERIFY(tabs);
    for (int i = 0; i < tabs->count(); ++i) {
        tabs->setCurrentIndex(i);
        const QStringList problems = keyboard_reach::problems(&dialog);
        QVERIFY2(problems.isEmpty(),
            qPrintable(
                tabs->tabText(i) + QStringLiteral(": ") + problems.join(QStringLiteral("; "))));
    }
}

void TestAccessibility::officeView_reachableAndNamed()
{
    VirtualRig rig;
    VirtualRig::Options o;
    o.extraArgs = {"--hold"};
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
    QVERIFY(QTest::qWaitForWindowExposed(office));
    QTRY_VERIFY_WITH_TIMEOUT(
        office->dial()->isEnabled() && office->dial()->hasActualAngle(), 30000);
    const QStringList problems = keyboard_reach::problems(office);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QStringLiteral("; "))));
}

QTEST_MAIN(TestAccessibility)
#include "tst_accessibility.moc"
