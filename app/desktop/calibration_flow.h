// The office's calibration flow on one rig: its saved profile (applied at start and after an
// import), the wizard (one at a time, fed the office camera's frames), and installing the
// firmware through the Uno's bootloader from the wizard. Messages go to the office window's bar.
#pragma once
#include <QObject>
#include <QPointer>
#include <QString>
#include <memory>

class QImage;
class QProgressDialog;

namespace rudebot {

class CalibrationWizard;
class FlashAndVerify;
class OfficeWindow;
class ProfileStore;
class RigClient;
class RigClientCalibrationRig;

class CalibrationFlow : public QObject {
    Q_OBJECT
public:
    // rig and window are not owned and must outlive the flow; the wizard is the window's child.
    // Profiles are kept in profilesDir, this rig's under rigId.
    CalibrationFlow(RigClient *rig, OfficeWindow *window, const QString &profilesDir,
                    const QString &rigId, QObject *parent = nullptr);
    ~CalibrationFlow() override;

    bool hasProfile() const;
    // Puts the saved profile in force on the rig; an unusable one is reported, a missing one is not.
    void applySavedProfile();
    void importProfile(const QString &path);  // replaces the saved profile; the old stays on error
    void open();  // the wizard (raised if it is open already)
    // A rig this computer has never calibrated: the wizard as soon as the board answers.
    void openWhenRigFirstReady();
    void setFrame(const QImage &frame);  // the camera's picture, for the wizard when it is open

private:
    void installFirmware();  // avrdude through the Uno's bootloader, then verify

    RigClient *m_rig;
    OfficeWindow *m_window;
    QString m_rigId;
    std::unique_ptr<ProfileStore> m_profiles;
    std::unique_ptr<RigClientCalibrationRig> m_calibrationRig;
    QPointer<CalibrationWizard> m_wizard;
    QPointer<QProgressDialog> m_flashProgress;
    std::unique_ptr<FlashAndVerify> m_flash;
};

} // namespace rudebot
