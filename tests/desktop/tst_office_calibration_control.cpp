// The calibration wizard takes control: opened in the office view (a real station in front of
// the virtual rig running the real firmware), it holds an override with the reason
// "calibrating" that a paired remote sees and is refused by, and gives control back as it was
// when it closes. Before, a remote's preset during calibration turned the rig by the half-made
// calibration (to the opposite side) and the wizard's dial stuck.
#include <QApplication>
#include <QLineEdit>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

#include "calibration/calibration_profile.h"
#include "calibration/calibration_wizard.h"
#include "calibration/profile_store.h"
#include "desktop/desktop_app.h"
#include "desktop/message_bar.h"
#include "desktop/office_window.h"
#include "remote/station_client.h"
#include "station/pairing.h"
#include "station/station.h"
#include "support/office_on_loopback.h"
#include "support/virtual_rig.h"
#include "support/visible_top_level.h"
#include "ui/rig_dial.h"

#include <QPushButton>

using namespace rudebot;

namespace {
CalibrationWizard *visibleWizard()
{
    return test::visibleTopLevel<CalibrationWizard>();
}
}  // namespace

class TestOfficeCalibrationControl : public QObject {
    Q_OBJECT
private slots:
    void wizard_holdsControlAsCalibrating_andGivesItBack();
    void uncheckedDirection_remoteIsTold_officeIsPrompted();
};

void TestOfficeCalibrationControl::wizard_holdsControlAsCalibrating_andGivesItBack()
{
    VirtualRig rig;
    VirtualRig::Options o;
    o.extraArgs = {"--hold"};
    QVERIFY2(rig.start(o), qPrintable(rig.errorString()));
    QTemporaryDir dir;
    QSettings settings(dir.filePath("settings.ini"), QSettings::IniFormat);
    settings.setValue("office/name", "Ana");
    DesktopOptions options = officeOnLoopback("serial:" + rig.linkPath(), dir.filePath("station"));
    ProfileStore store(dir.filePath("station/profiles"));  // a known rig: no wizard by itself
    CalibrationProfile profile;
    profile.name = "Desk";
    profile.rigId = rig.linkPath();
    profile.saved = QDateTime::currentDateTimeUtc();
    QString error;
    QVERIFY2(store.save(profile, &error), qPrintable(error));
    DesktopApp app(qApp, &settings, options);
    QVERIFY2(app.start(&error), qPrintable(error));
    OfficeWindow *office = app.officeWindow();
    QTRY_VERIFY_WITH_TIMEOUT(office->dial()->hasActualAngle(), 30000);

    // A paired remote, over TLS on 127.0.0.1.
    auto pairing =
        PairingInfo::fromUri(office->findChild<QLineEdit *>("pairingLink")->text(), &error);
    QVERIFY2(pairing, qPrintable(error));
    // The office station listens where it was told (any free port here), not on 47800 where
    // another test or a real station may already be.
    QVERIFY(pairing->port != 0 && pairing->port != 47800);
    pairing->host = QStringLiteral("127.0.0.1");
    StationClient remote;
    QSignalSpy refused(&remote, &StationClient::refused);
    remote.connectToStation(*pairing, QStringLiteral("Rudy"));
    QTRY_VERIFY_WITH_TIMEOUT(
        remote.status() == StationClient::Status::Connected && remote.state().angle >= 0, 30000);
    QVERIFY(remote.state().directionChecked);  // the saved calibration checked it
    remote.setTargetLogical(24);
    QVERIFY(rig.waitForAngle(114, 0.6, 20000));

    emit office->calibrateRequested();
    QTRY_VERIFY_WITH_TIMEOUT(visibleWizard() != nullptr, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(remote.state().overrideHeld, 10000);
    QCOMPARE(remote.state().overrideReason, QStringLiteral("calibrating"));
    QCOMPARE(remote.state().overrideBy, QStringLiteral("Ana"));
    QVERIFY(!office->dial()->isEnabled());  // the wizard turns the rig, nothing else

    // The remote's preset is refused, saying why, and the servo stays.
    remote.setTargetLogical(-24);
    QTRY_VERIFY_WITH_TIMEOUT(!refused.isEmpty(), 10000);
    QVERIFY2(refused.last().at(0).toString().contains(QStringLiteral("calibrating")),
        qPrintable(refused.last().at(0).toString()));
    QTest::qWait(500);
    QVERIFY(qAbs(rig.servo().angleDeg - 114) < 0.6);

    // Cancel (nothing marked yet): control is given back, and the remote may turn again.
    visibleWizard()->reject();
    QTRY_VERIFY_WITH_TIMEOUT(!remote.state().overrideHeld, 10000);
    QVERIFY(office->dial()->isEnabled());
    remote.setTargetLogical(-24);
    QVERIFY(rig.waitForAngle(66, 0.6, 20000));

    // Holding control already: the wizard marks it calibrating, and afterwards it is the
    // office's plain override again.
    office->overrideButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(remote.state().overrideHeld, 10000);
    emit office->calibrateRequested();
    QTRY_COMPARE_WITH_TIMEOUT(remote.state().overrideReason, QStringLiteral("calibrating"), 10000);
    visibleWizard()->reject();
    QTRY_VERIFY_WITH_TIMEOUT(remote.state().overrideReason.isEmpty(), 10000);
    QVERIFY(remote.state().overrideHeld);
    QCOMPARE(remote.state().overrideBy, QStringLiteral("Ana"));
}

// No calibration for this rig: the direction is a guess, so the station's state says so, a
// remote reads it, and the office view offers the wizard. Saving a calibration checks it.
void TestOfficeCalibrationControl::uncheckedDirection_remoteIsTold_officeIsPrompted()
{
    VirtualRig rig;
    VirtualRig::Options o;
    o.extraArgs = {"--hold"};
    QVERIFY2(rig.start(o), qPrintable(rig.errorString()));
    QTemporaryDir dir;
    QSettings settings(dir.filePath("settings.ini"), QSettings::IniFormat);
    DesktopOptions options = officeOnLoopback("serial:" + rig.linkPath(), dir.filePath("station"));
    DesktopApp app(qApp, &settings, options);
    QString error;
    QVERIFY2(app.start(&error), qPrintable(error));
    OfficeWindow *office = app.officeWindow();
    QTRY_VERIFY_WITH_TIMEOUT(visibleWizard() != nullptr, 30000);  // never calibrated here
    visibleWizard()->reject();
    QTRY_VERIFY_WITH_TIMEOUT(visibleWizard() == nullptr, 10000);
    auto pairing = PairingInfo::fromUri(office->findChild<QLineEdit *>("pairingLink")->text(), &error);
    QVERIFY2(pairing, qPrintable(error));
    pairing->host = QStringLiteral("127.0.0.1");
    StationClient remote;
    remote.connectToStation(*pairing, QStringLiteral("Rudy"));
    QTRY_VERIFY_WITH_TIMEOUT(remote.status() == StationClient::Status::Connected
        && remote.state().angle >= 0, 30000);
    QVERIFY(!remote.state().directionChecked);
    QTRY_COMPARE_WITH_TIMEOUT(office->messageBar()->actionText(), QStringLiteral("Calibrate rig…"), 10000);
    QVERIFY2(office->messageBar()->text().contains(QStringLiteral("Nobody has checked")),
        qPrintable(office->messageBar()->text()));
    office->messageBar()->triggerAction();
    QTRY_VERIFY_WITH_TIMEOUT(visibleWizard() != nullptr, 10000);
    visibleWizard()->reject();
}

QTEST_MAIN(TestOfficeCalibrationControl)
#include "tst_office_calibration_control.moc"
