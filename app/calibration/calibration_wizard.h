// The calibration wizard: connect, firmware, soft limits, home, park (privacy), direction,
// field of view, speed, summary. It turns the rig through a CalibrationRig and shows the video it is given
// (setFrame). Nothing is written to the ProfileStore until Finish; Cancel (the button, Esc,
// closing the window) puts the rig back: the previous calibration and speed, and the servo
// angle it stood at when the wizard opened. Once something was marked, Cancel asks first.
// While the firmware installs, Cancel stops the installation (installCancelRequested) and the
// wizard stays open: one Cancel button, never a second dialog's.
// No frame for kNoVideoMs: the pages say there is no picture and ask about the rig instead.
//
// Wiring in the app (the composition root):
//   RigClientCalibrationRig rig(&rigClient);
//   ProfileStore store(dataDir + "/calibration");
//   CalibrationWizard wizard(&rig, &store, rigId, window);
//   connect(&videoSource, &..::frameReady, &wizard, &CalibrationWizard::setFrame);
//   connect(&wizard, &CalibrationWizard::installFirmwareRequested, flasher, ...);
//   connect(&wizard, &CalibrationWizard::profileSaved, window, ...apply to dial/click-to-turn);
//   wizard.open();
// The rig and the store must outlive the wizard.
#pragma once
#include <QElapsedTimer>
#include <QImage>
#include <QMessageBox>
#include <QPointer>
#include <QTimer>
#include <QWizard>

#include "calibration/calibration_draft.h"
#include "calibration/calibration_profile.h"

namespace rudebot {

class CalibrationRig;
class ProfileStore;
class StepList;
class VideoView;
class PageSummary;
class PageFirmware;

class CalibrationWizard : public QWizard {
    Q_OBJECT
public:
    enum PageId {
        ConnectPage,
        FirmwarePage,
        LimitsPage,
        HomePage,
        ParkPage,
        DirectionPage,
        FovPage,
        SpeedPage,
        SummaryPage
    };
    Q_ENUM(PageId)

    static constexpr int kNoVideoMs = 3000;

    CalibrationWizard(
        CalibrationRig *rig, ProfileStore *store, const QString &rigId, QWidget *parent = nullptr);

    QString rigId() const { return m_rigId; }
    // The stored profile could not be read (the wizard then starts from the rig's calibration).
    QString loadError() const { return m_loadError; }
    const CalibrationDraft &draft() const { return m_draft; }
    // The profile Finish saved; empty name before that.
    CalibrationProfile savedProfile() const { return m_saved; }
    bool hasVideo() const { return m_hasVideo; }

public slots:
    void setFrame(const QImage &frame);
    // The app's answer to installFirmwareRequested(): what it does (a sentence) and how far
    // (0..100 %), then the outcome. The firmware page shows it.
    void setFirmwareInstallProgress(const QString &what, int percent);
    void setFirmwareInstallFinished(bool ok, const QString &message);

signals:
    void installFirmwareRequested();
    void installCancelRequested();
    void profileSaved(const rudebot::CalibrationProfile &profile);

protected:
    bool validateCurrentPage() override;
    void done(int result) override;

private:
    std::optional<CalibrationProfile> buildProfile(QString *error) const;
    void exportProfile();
    bool hasProgress() const;  // something was marked or answered: Cancel would lose it
    void checkVideo();
    void setHasVideo(bool hasVideo);

    CalibrationRig *m_rig;
    ProfileStore *m_store;
    QString m_rigId;
    QString m_loadError;
    CalibrationDraft m_draft;
    CalibrationProfile m_saved;
    StepList *m_steps;
    PageSummary *m_summary = nullptr;
    PageFirmware *m_firmware = nullptr;
    QList<VideoView *> m_videos;
    int m_lastPage = -1;
    bool m_finished = false;
    bool m_discardConfirmed = false;
    QPointer<QMessageBox> m_confirm;
    QElapsedTimer m_sinceFrame;  // since the last frame, or since the wizard opened
    QTimer m_videoCheck;
    bool m_hasVideo = true;
};

}  // namespace rudebot
