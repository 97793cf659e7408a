#include "desktop/calibration_flow.h"

#include <QFileInfo>
#include <QProgressDialog>

#include "calibration/calibration_wizard.h"
#include "calibration/profile_store.h"
#include "calibration/rig_client_calibration_rig.h"
#include "comms/rig_client.h"
#include "desktop/message_bar.h"
#include "desktop/office_window.h"
#include "flash/flash_and_verify.h"
#include "station/station.h"

namespace rudebot {

CalibrationFlow::CalibrationFlow(RigClient *rig, Station *station, OfficeWindow *window,
    const QString &profilesDir, const QString &rigId, const QStringList &legacyIds, QObject *parent)
    : QObject(parent), m_rig(rig), m_station(station), m_window(window), m_rigId(rigId),
      m_profiles(std::make_unique<ProfileStore>(profilesDir))
{
    for (const QString &old : legacyIds) {
        if (m_profiles->contains(m_rigId) || !m_profiles->contains(old))
            continue;
        QString error;
        auto profile = m_profiles->load(old, &error);
        if (!profile)
            continue;  // unusable: applySavedProfile() finds nothing and the wizard is offered
        profile->rigId = m_rigId;
        if (m_profiles->save(*profile, &error))
            m_profiles->remove(old, &error);
    }
}

CalibrationFlow::~CalibrationFlow()
{
    giveControlBack();
}

void CalibrationFlow::takeControl()
{
    // The wizard turns the rig itself, past the station's rules and with a half-made
    // calibration: a remote's preset then went to the opposite side. Remotes wait until it closes.
    if (!m_station || m_before)
        return;
    const ControlArbiter &a = m_station->arbiter();
    m_before = Control{a.overrideHeld(), a.overrideBy(), a.overrideReason()};
    m_station->takeOverride(m_window->officeName(), QStringLiteral("calibrating"));
}

void CalibrationFlow::giveControlBack()
{
    if (!m_station || !m_before)
        return;
    const Control before = *m_before;
    m_before.reset();
    if (before.held)
        m_station->takeOverride(before.by, before.reason);
    else
        m_station->releaseOverride();
}

bool CalibrationFlow::hasProfile() const
{
    return m_profiles->contains(m_rigId);
}

void CalibrationFlow::applySavedProfile()
{
    QString error;
    if (const auto profile = m_profiles->load(m_rigId, &error)) {
        m_rig->setCalibration(profile->calibration);
        m_rig->setSpeed(profile->msPerDegree);  // the client sets it again after every reset
        if (m_station) {
            m_station->setDirectionChecked(true);  // the wizard asked someone which way it turns
            m_station->setCalibratedSpeed(profile->msPerDegree);
        }
    } else if (!error.isEmpty()) {
        m_window->messageBar()->showMessage(
            tr("The saved calibration for this rig is unusable (%1). "
               "Run Calibrate rig… again.")
                .arg(error),
            MessageBar::Kind::Error);
    }
}

void CalibrationFlow::importProfile(const QString &path)
{
    QString error;
    if (!m_profiles->importFile(path, m_rigId, &error)) {
        // The old profile stays in force.
        m_window->messageBar()->showMessage(
            tr("Not imported: %1").arg(error), MessageBar::Kind::Error);
        return;
    }
    applySavedProfile();
    m_window->messageBar()->showMessage(
        tr("Calibration imported from %1 and in force.").arg(QFileInfo(path).fileName()),
        MessageBar::Kind::Info, 8000);
}

void CalibrationFlow::openWhenRigFirstReady()
{
    // As soon as the board answers, or as soon as it is clear that nothing we know answers
    // (a new Uno: the wizard's firmware step installs ours). A blank board never gets Ready.
    auto *once = new QObject(this);
    auto openOnce = [this, once] {
        if (once->property("done").toBool())
            return;
        once->setProperty("done", true);
        once->deleteLater();
        open();
    };
    connect(m_rig, &RigClient::stateChanged, once, [openOnce](RigClient::State st) {
        if (st == RigClient::State::Ready)
            openOnce();
    });
    connect(m_rig, &RigClient::errorOccurred, once, [openOnce](RigClient::Error e) {
        if (e == RigClient::Error::NoBoard)
            openOnce();
    });
}

void CalibrationFlow::setFrame(const QImage &frame)
{
    if (m_wizard)
        m_wizard->setFrame(frame);
}

void CalibrationFlow::open()
{
    if (m_wizard) {
        m_wizard->raise();
        return;
    }
    m_calibrationRig = std::make_unique<RigClientCalibrationRig>(m_rig);
    m_wizard = new CalibrationWizard(m_calibrationRig.get(), m_profiles.get(), m_rigId, m_window);
    m_wizard->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_wizard, &CalibrationWizard::installFirmwareRequested, this,
        &CalibrationFlow::installFirmware);
    connect(m_wizard, &CalibrationWizard::profileSaved, this,
        [this](const CalibrationProfile &profile) {
            if (!m_station)
                return;
            m_station->setDirectionChecked(true);  // the wizard's direction step asked someone
            m_station->setCalibratedSpeed(profile.msPerDegree);
        });
    connect(m_wizard, &QObject::destroyed, this, [this] {
        m_calibrationRig.reset();
        giveControlBack();
    });
    takeControl();
    m_wizard->show();
}

void CalibrationFlow::installFirmware()
{
    if (m_flash && m_flash->isRunning())
        return;
    // avrdude needs the port to itself: the rig client lets go, and takes it back afterwards.
    const QString port = m_rig->describeLink().section(QLatin1Char(' '), 1);
    m_rig->stop();
    m_flash = std::make_unique<FlashAndVerify>();
    // The wizard's firmware page shows the progress and its Cancel stops it: one Cancel button.
    // Without the wizard (the office view's Install button) a progress dialog does both.
    if (m_wizard) {
        connect(m_wizard, &CalibrationWizard::installCancelRequested, m_flash.get(),
            &FlashAndVerify::cancel);
    } else {
        m_flashProgress = new QProgressDialog(
            tr("Installing the Rudebot firmware on %1…").arg(port), tr("Cancel"), 0, 100, m_window);
        m_flashProgress->setWindowModality(Qt::WindowModal);  // the rig is busy: nothing else to do
        m_flashProgress->setMinimumDuration(0);
        connect(
            m_flashProgress, &QProgressDialog::canceled, m_flash.get(), &FlashAndVerify::cancel);
    }
    connect(m_flash.get(), &FlashAndVerify::progress, this, [this](FlashPhase phase, int percent) {
        if (m_flashProgress)
            m_flashProgress->setValue(percent);
        if (m_wizard)
            m_wizard->setFirmwareInstallProgress(flashPhaseText(phase), percent);
    });
    if (m_wizard)
        m_wizard->setFirmwareInstallProgress(flashPhaseText(FlashPhase::Connecting), 0);
    connect(
        m_flash.get(), &FlashAndVerify::finished, this, [this](bool ok, const QString &message) {
            if (m_flashProgress)
                m_flashProgress->deleteLater();
            if (m_wizard)
                m_wizard->setFirmwareInstallFinished(ok, message);
            m_rig->start();
            m_window->messageBar()->showMessage(
                ok ? message : tr("Installing the firmware failed: %1").arg(message),
                ok ? MessageBar::Kind::Info : MessageBar::Kind::Error, ok ? 10000 : 0);
        });
    FlashSettings settings;
    settings.port = port;
    m_flash->start(settings);
}

}  // namespace rudebot
