#include "calibration/calibration_wizard.h"

#include <QFileDialog>
#include <QMetaMethod>
#include <QPushButton>

#include "calibration/calibration_rig.h"
#include "calibration/page_connect.h"
#include "calibration/page_direction.h"
#include "calibration/page_firmware.h"
#include "calibration/page_fov.h"
#include "calibration/page_home.h"
#include "calibration/page_limits.h"
#include "calibration/page_park.h"
#include "calibration/page_speed.h"
#include "calibration/page_summary.h"
#include "calibration/picture_row.h"
#include "calibration/profile_store.h"
#include "calibration/step_list.h"
#include "ui/video_view.h"

namespace rudebot {

CalibrationWizard::CalibrationWizard(
    CalibrationRig *rig, ProfileStore *store, const QString &rigId, QWidget *parent)
    : QWizard(parent), m_rig(rig), m_store(store), m_rigId(rigId)
{
    setObjectName(QStringLiteral("calibrationWizard"));
    setWindowTitle(tr("Calibrate the rig"));
    setWizardStyle(QWizard::ModernStyle);
    setOption(QWizard::NoBackButtonOnStartPage);
    setMinimumSize(980, 660);

    // Where we start from, and what Cancel restores.
    const auto previous = m_store->load(m_rigId, &m_loadError);
    m_draft.before = previous ? previous->calibration : m_rig->calibration();
    m_draft.msPerDegreeBefore = previous ? previous->msPerDegree : 30;
    m_draft.nameBefore = previous ? previous->name : QString();
    m_draft.hfovDeg = m_draft.before.hfovDeg;
    m_draft.msPerDegree = m_draft.msPerDegreeBefore;
    m_draft.name = previous ? previous->name : tr("My rig");
    if (m_rig->hasServoAngle())
        m_draft.servoBefore = m_rig->servoAngle();
    connect(m_rig, &CalibrationRig::angleChanged, this, [this](double servo) {
        if (m_draft.servoBefore < 0)  // opened before the rig answered: its first position
            m_draft.servoBefore = servo;
    });

    auto *firmware = m_firmware = new PageFirmware(m_draft, m_rig, this);
    auto *limits = new PageLimits(m_draft, m_rig, this);
    auto *home = new PageHome(m_draft, m_rig, this);
    auto *park = new PagePark(m_draft, m_rig, this);
    auto *direction = new PageDirection(m_draft, m_rig, this);
    auto *fov = new PageFov(m_draft, m_rig, this);
    m_summary = new PageSummary(m_draft, m_rig, this);
    setPage(ConnectPage, new PageConnect(m_draft, m_rig, this));
    setPage(FirmwarePage, firmware);
    setPage(LimitsPage, limits);
    setPage(HomePage, home);
    setPage(ParkPage, park);
    setPage(DirectionPage, direction);
    setPage(FovPage, fov);
    setPage(SpeedPage, new PageSpeed(m_draft, m_rig, this));
    setPage(SummaryPage, m_summary);
    auto *speed = qobject_cast<PageSpeed *>(page(SpeedPage));
    m_videos = {limits->videoView(), home->videoView(), park->videoView(),
        direction->videoView(), fov->videoView(), speed->videoView()};
    m_sinceFrame.start();
    m_videoCheck.setInterval(500);
    connect(&m_videoCheck, &QTimer::timeout, this, &CalibrationWizard::checkVideo);
    m_videoCheck.start();

    button(QWizard::BackButton)->setToolTip(tr("The previous step"));
    button(QWizard::NextButton)->setToolTip(tr("The next step"));
    button(QWizard::FinishButton)->setToolTip(tr("Save this calibration and use it"));
    button(QWizard::CancelButton)->setToolTip(tr("Put everything back as it was"));

    m_steps = new StepList({tr("Connect"), tr("Firmware"), tr("Limits"), tr("Home"), tr("Park"),
                               tr("Direction"), tr("Field of view"), tr("Speed"), tr("Summary")},
        this);
    setSideWidget(m_steps);

    connect(firmware, &PageFirmware::installFirmwareRequested, this,
        &CalibrationWizard::installFirmwareRequested);
    connect(m_summary, &PageSummary::exportRequested, this, &CalibrationWizard::exportProfile);
    connect(this, &QWizard::currentIdChanged, this, [this](int id) {
        if (auto *left = qobject_cast<RigPage *>(page(m_lastPage)))
            left->leave();
        m_lastPage = id;
        m_steps->setCurrent(id);
    });

    m_rig->beginCalibration();
}

void CalibrationWizard::setFrame(const QImage &frame)
{
    if (!frame.isNull()) {
        m_sinceFrame.restart();
        setHasVideo(true);
    }
    // Only the page on show paints; the others keep the newest frame for when they appear.
    for (VideoView *v : std::as_const(m_videos)) {
        v->setFrame(frame);
        if (auto *row = qobject_cast<PictureRow *>(v->parentWidget()); row && !frame.isNull())
            row->setAspect(double(frame.width()) / frame.height());
    }
}

void CalibrationWizard::checkVideo()
{
    if (m_sinceFrame.elapsed() > kNoVideoMs)
        setHasVideo(false);
}

void CalibrationWizard::setHasVideo(bool hasVideo)
{
    if (hasVideo == m_hasVideo)
        return;
    m_hasVideo = hasVideo;
    for (VideoView *v : std::as_const(m_videos)) {
        v->setIdleTitle(hasVideo ? QString() : tr("No picture from the camera"));
        v->setPlaceholderText(hasVideo
                ? tr("The camera's picture appears here.")
                : tr(
                    "Nothing has arrived for %1 s. Check that the camera is connected and not used "
                    "by another program; the steps still work by watching the rig itself.")
                      .arg(kNoVideoMs / 1000));
    }
    for (int id : pageIds())
        if (auto *p = qobject_cast<RigPage *>(page(id)))
            p->setVideoAvailable(hasVideo);
}

bool CalibrationWizard::hasProgress() const
{
    return m_draft.leftEndServo || m_draft.rightEndServo || m_draft.homeServo
        || m_draft.inverted.has_value() || currentId() >= FovPage;
}

void CalibrationWizard::setFirmwareInstallProgress(const QString &what, int percent)
{
    m_firmware->setInstallProgress(what, percent);
}

void CalibrationWizard::setFirmwareInstallFinished(bool ok, const QString &message)
{
    m_firmware->setInstallFinished(ok, message);
}

std::optional<CalibrationProfile> CalibrationWizard::buildProfile(QString *error) const
{
    const auto calibration = m_draft.result(error);
    if (!calibration)
        return std::nullopt;
    CalibrationProfile p;
    p.name = m_draft.name;
    p.rigId = m_rigId;
    p.calibration = *calibration;
    p.msPerDegree = m_draft.msPerDegree;
    QDateTime now = QDateTime::currentDateTimeUtc();
    now.setTime(QTime(now.time().hour(), now.time().minute(), now.time().second()));
    p.saved = now;  // whole seconds: what the file keeps
    const QString why = validateProfile(p);
    if (!why.isEmpty()) {
        if (error)
            *error = why;
        return std::nullopt;
    }
    return p;
}

bool CalibrationWizard::validateCurrentPage()
{
    if (currentId() != SummaryPage)
        return QWizard::validateCurrentPage();
    QString error;
    const auto profile = buildProfile(&error);
    if (!profile || !m_store->save(*profile, &error)) {
        m_summary->setSaveError(error);
        return false;
    }
    m_saved = *profile;
    return true;
}

void CalibrationWizard::done(int result)
{
    if (m_finished)
        return QDialog::done(result);
    // Finish: validateCurrentPage() saves; a failure keeps the wizard open, saying why.
    // (QWizard::done() would validate, and so save, a second time.)
    if (result == QDialog::Accepted) {
        if (!validateCurrentPage())
            return;
        m_finished = true;
        m_videoCheck.stop();
        if (auto *left = qobject_cast<RigPage *>(currentPage()))
            left->leave();
        m_rig->setMsPerDegree(m_saved.msPerDegree);
        m_rig->endCalibration(m_saved.calibration);
        m_rig->jogTo(m_saved.calibration.homeServoDeg);
        QDialog::done(result);
        emit profileSaved(m_saved);
        return;
    }
    if (m_firmware->isInstalling()
        && isSignalConnected(QMetaMethod::fromSignal(&CalibrationWizard::installCancelRequested))) {
        // Cancel stops the installation; closing now would leave the board half written.
        emit installCancelRequested();
        return;
    }
    if (hasProgress() && !m_discardConfirmed) {
        if (m_confirm)
            return;
        auto *box = new QMessageBox(QMessageBox::Question, tr("Discard this calibration?"),
            tr("Cancel forgets the limits, home and direction marked so far and puts the rig "
               "back as it was."),
            QMessageBox::NoButton, this);
        box->setObjectName(QStringLiteral("discardConfirm"));
        QPushButton *discard = box->addButton(tr("Discard"), QMessageBox::DestructiveRole);
        discard->setObjectName(QStringLiteral("discard"));
        QPushButton *keep = box->addButton(tr("Keep calibrating"), QMessageBox::RejectRole);
        keep->setObjectName(QStringLiteral("keepCalibrating"));
        box->setDefaultButton(keep);
        box->setEscapeButton(keep);
        box->setAttribute(Qt::WA_DeleteOnClose);
        connect(box, &QMessageBox::buttonClicked, this, [this, discard](QAbstractButton *b) {
            if (b != discard)
                return;
            m_discardConfirmed = true;
            done(QDialog::Rejected);
        });
        m_confirm = box;
        box->open();
        return;
    }
    // Cancel: as if the wizard had never run.
    m_finished = true;
    m_videoCheck.stop();
    if (auto *left = qobject_cast<RigPage *>(currentPage()))
        left->leave();
    m_rig->setMsPerDegree(m_draft.msPerDegreeBefore);
    m_rig->endCalibration(m_draft.before);
    if (m_draft.servoBefore >= 0)
        m_rig->jogTo(m_draft.servoBefore);
    QWizard::done(QDialog::Rejected);
}

void CalibrationWizard::exportProfile()
{
    QString error;
    const auto profile = buildProfile(&error);
    if (profile) {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export calibration"),
            profile->name + QStringLiteral(".rudebot-calibration.json"),
            tr("Rudebot calibration (*.json)"));
        if (path.isEmpty())
            return;
        writeProfileFile(*profile, path, &error);
    }
    m_summary->setSaveError(error);
}

}  // namespace rudebot
