// The composition root of the desktop app: builds the windows and what they talk to from the
// command line (desktop_options.h) and the settings. main() only parses arguments and runs this.
#pragma once
#include <QObject>
#include <QString>
#include <memory>

#include "desktop/desktop_options.h"
#include "desktop/rig_session.h"

class QApplication;
class QMessageBox;
class QSettings;

namespace rudebot {

class AppSettings;
class DemoSystem;
class OfficeMode;
class OfficeWindow;
class RemoteWindow;
struct ConnectionTarget;

// The window that says why the app could not start (e.g. --office without an Arduino): started
// from the desktop menu there is no terminal to read stderr in. The caller shows (exec) it.
std::unique_ptr<QMessageBox> startFailureBox(const QString &error);

// The session for a connection target (a station, a serial port, a raw bridge).
std::unique_ptr<RigSession> createSession(
    const ConnectionTarget &target, const AppSettings &settings);

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
    OfficeWindow *officeWindow() const;
    DemoSystem *demo() const { return m_demo.get(); }

private:
    void showOfficeWindow();

    QApplication *m_app;
    DesktopOptions m_options;
    std::unique_ptr<AppSettings> m_settings;
    std::unique_ptr<DemoSystem> m_demo;
    std::unique_ptr<OfficeMode> m_office;
    std::unique_ptr<RemoteWindow> m_remote;
};

}  // namespace rudebot
