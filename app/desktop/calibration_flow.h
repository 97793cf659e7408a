// The office's calibration flow on one rig: its saved profile (applied at start and after an
// import), the wizard (one at a time, fed the office camera's frames), and installing the
// firmware through the Uno's bootloader from the wizard. Messages go to the office window's bar.
// While the wizard is open it holds the station's control (an override with the reason
// "calibrating", which remotes see), and gives it back as it was when the wizard closes.
#pragma once
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <memory>
#include <optional>

class QImage;
class QProgressDialog;

namespace rudebot {

class CalibrationWizard;
class FlashAndVerify;
class OfficeWindow;
class ProfileStore;
class RigClient;
class RigClientCalibrationRig;
class Station;

class CalibrationFlow : public QObject {
    Q_OBJECT
public:
    // rig and window are not owned and must outlive the flow; the wizard is the window's child.
    // Profiles are kept in profilesDir, this rig's under rigId (comms/rig_id.h); one saved
    // under a legacyId (an older name of the same rig) is renamed to rigId.
    CalibrationFlow(RigClient *rig, Station *station, OfficeWindow *window,
        const QString &profilesDir, const QString &rigId, const QStringList &legacyIds = {},
        QObject *parent = nullptr);
    ~CalibrationFlow() override;

    bool hasProfile() const;
    // Puts the saved profile in force on the rig; an unusable one is reported, a missing one is
    // not.
    void applySavedProfile();
    void importProfile(const QString &path);  // replaces the saved profile; the old stays on error
    void open();  // the wizard (raised if it is open already)
    // A rig this computer has never calibrated: the wizard as soon as the board answers.
    void openWhenRigFirstReady();
    void setFrame(const QImage &frame);  // the camera's picture, for the wizard when it is open
    void installFirmware();  // avrdude through the Uno's bootloader, then verify

private:
    void takeControl();
    void giveControlBack();

    RigClient *m_rig;
    Station *m_station;
    struct Control {
        bool held = false;
        QString by, reason;
    };
    std::optional<Control> m_before;  // while the wizard holds control: what it replaced
    OfficeWindow *m_window;
    QString m_rigId;
    std::unique_ptr<ProfileStore> m_profiles;
    std::unique_ptr<RigClientCalibrationRig> m_calibrationRig;
    QPointer<CalibrationWizard> m_wizard;
    QPointer<QProgressDialog> m_flashProgress;
    std::unique_ptr<FlashAndVerify> m_flash;
};

}  // namespace rudebot
