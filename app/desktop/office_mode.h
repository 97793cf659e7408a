// The office side of the app: the office window on a station, its calibration flow, and the
// camera's frames to the preview and the wizard. Either the station runs here on the Arduino
// (rudebot --office: this object owns it) or it is the demo's (View › Office view).
#pragma once
#include <QObject>
#include <memory>

namespace rudebot {

class AppSettings;
class CalibrationFlow;
class DemoSystem;
class OfficeWindow;
class RigClient;
class StationHost;
struct DesktopOptions;

class OfficeMode : public QObject {
    Q_OBJECT
public:
    ~OfficeMode() override;

    // --office: the station on the Arduino (options.connect, else the first Arduino found), the
    // local camera, and the office window (shown). Null with *error when it cannot start.
    static std::unique_ptr<OfficeMode> startOnArduino(
        const DesktopOptions &options, AppSettings *settings, QString *error);
    // The demo's station (ready, not owned); its profiles live in the demo's temporary
    // directory, so trying the wizard in the demo does not change how the demo starts next time.
    static std::unique_ptr<OfficeMode> forDemo(DemoSystem *demo, AppSettings *settings);

    OfficeWindow *window() const { return m_window.get(); }

private:
    explicit OfficeMode(AppSettings *settings);
    void startCamera();
    void offerPeople(StationHost *host);  // the window's People… button on the host's keyring
    void offerSound(StationHost *host);  // the sound panel, when the host has real-time media

    AppSettings *m_settings;
    std::unique_ptr<StationHost> m_host;  // only when the station runs here (--office)
    RigClient *m_rig = nullptr;
    std::unique_ptr<OfficeWindow> m_window;
    std::unique_ptr<CalibrationFlow> m_calibration;
};

}  // namespace rudebot
