// The composition root of the desktop app: builds the windows and what they talk to from the
// command line and the settings. main() only parses arguments and runs this.
//   (nothing)          the remote view, reconnecting to the last connection if there is one
//   --connect TARGET   a pairing link, serial:PATH, or bridge:HOST:PORT
//   --serial PATH      the Arduino on this serial port, directly
//   --bridge HOST:PORT a raw serial-to-TCP bridge
//   --demo             the virtual rig, a station and the virtual camera on 127.0.0.1, and the
//                      remote view connected to them (View › Office view shows the station side)
//   --office           the office station in this app, on the Arduino (--serial, or the first
//                      Arduino found), with the office view
//   --dark             dark theme (otherwise the saved choice, or the platform's)
#pragma once
#include <QObject>
#include <QString>
#include <QPointer>
#include <memory>

#include <QProgressDialog>

#include "calibration/calibration_wizard.h"
#include "flash/flash_and_verify.h"
#include "calibration/profile_store.h"
#include "calibration/rig_client_calibration_rig.h"
#include <optional>

#include "desktop/rig_session.h"

class QApplication;
class QMessageBox;
class QSettings;

namespace rudebot {

class AppSettings;
class DemoSystem;
class Keyring;
class OfficeWindow;
class RemoteWindow;
class RigClient;
class Station;
class StationVideo;
class Link;
struct ConnectionTarget;

struct DesktopOptions {
    bool demo = false;
    bool office = false;
    bool dark = false;
    bool version = false;  // --version: print it and exit, before any display is needed
    QString connect;  // --connect, --serial or --bridge, as a ConnectionTarget string
    QString stationData;  // --office: where the station keeps its identity; empty = default
};

// Parses the command line (without the program name). False with a sentence in *error.
bool parseDesktopArgs(const QStringList &args, DesktopOptions *out, QString *error, bool *help);
QString desktopUsage();

// The window that says why the app could not start (e.g. --office without an Arduino): started
// from the desktop menu there is no terminal to read stderr in. The caller shows (exec) it.
std::unique_ptr<QMessageBox> startFailureBox(const QString &error);

// The session for a connection target (a station, a serial port, a raw bridge).
std::unique_ptr<RigSession> createSession(const ConnectionTarget &target, const AppSettings &settings);

class DesktopApp : public QObject {
    Q_OBJECT
public:
    DesktopApp(QApplication *app, QSettings *settings, const DesktopOptions &options);
    ~DesktopApp() override;

    // Shows the windows; false with *error when the office cannot start (no Arduino, port taken).
    bool start(QString *error);
    void startDemo();

    AppSettings *settings() const { return m_settings.get(); }
    RemoteWindow *remoteWindow() const { return m_remote.get(); }
    OfficeWindow *officeWindow() const { return m_office.get(); }
    DemoSystem *demo() const { return m_demo.get(); }

private:
    bool startOffice(QString *error);
    void showOfficeWindow();
    void openCalibration(RigClient *rig);  // the wizard on the office's own rig client
    void applySavedProfile(RigClient *rig);
    void importProfile(RigClient *rig, const QString &path);
    void installFirmware(RigClient *rig);  // avrdude through the Uno's bootloader, then verify

    QApplication *m_app;
    DesktopOptions m_options;
    std::unique_ptr<AppSettings> m_settings;
    std::unique_ptr<DemoSystem> m_demo;
    // --office: the station on a real rig.
    std::unique_ptr<Link> m_link;
    std::unique_ptr<RigClient> m_rig;
    std::unique_ptr<Keyring> m_keyring;  // who may connect; outlives the station and video
    std::unique_ptr<Station> m_station;
    std::unique_ptr<StationVideo> m_video;
    std::unique_ptr<OfficeWindow> m_office;
    // Calibration: profiles per rig, and the wizard while it is open.
    std::unique_ptr<ProfileStore> m_profiles;
    std::unique_ptr<RigClientCalibrationRig> m_calibrationRig;
    QPointer<CalibrationWizard> m_wizard;
    QString m_rigId;
    QPointer<QProgressDialog> m_flashProgress;
    std::unique_ptr<FlashAndVerify> m_flash;
    std::unique_ptr<RemoteWindow> m_remote;
};

} // namespace rudebot
