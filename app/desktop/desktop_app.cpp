#include "desktop/desktop_app.h"

#include <QAction>
#include <QApplication>
#include <QMenu>
#include <QMessageBox>
#include <QStandardPaths>

#include "desktop/app_settings.h"
#include "desktop/connection_target.h"
#include "desktop/demo.h"
#include "desktop/direct_session.h"
#include "desktop/message_bar.h"
#include "desktop/office_mode.h"
#include "desktop/office_window.h"
#include "desktop/remote_window.h"
#include "desktop/station_rig_session.h"
#include "desktop/theme.h"

namespace rudebot {

std::unique_ptr<QMessageBox> startFailureBox(const QString &error)
{
    auto box = std::make_unique<QMessageBox>(QMessageBox::Critical,
        QCoreApplication::translate("DesktopApp", "Rudebot cannot start"), error,
        QMessageBox::Close);
    box->setInformativeText(QCoreApplication::translate(
        "DesktopApp", "Run “rudebot --help” in a terminal for the options."));
    return box;
}

std::unique_ptr<RigSession> createSession(
    const ConnectionTarget &target, const AppSettings &settings)
{
    if (target.kind == ConnectionTarget::Kind::Station)
        return std::make_unique<StationRigSession>(target.pairing, settings.clientName());
    Calibration cal;
    cal.hfovDeg = settings.hfovDeg();
    return std::make_unique<DirectSession>(target.link, cal, VideoSpec{});
}

DesktopApp::DesktopApp(QApplication *app, QSettings *settings, const DesktopOptions &options)
    : m_app(app), m_options(options), m_settings(std::make_unique<AppSettings>(settings))
{
    const bool dark = options.dark || m_settings->theme() == AppSettings::Theme::Dark
        || (m_settings->theme() == AppSettings::Theme::System && isDark(app->palette()));
    applyTheme(*app, dark);
}

DesktopApp::~DesktopApp()
{
    if (m_demo)  // its last signals must not reach windows that are already gone
        m_demo->disconnect(this);
    m_remote.reset();
    m_office.reset();
}

OfficeWindow *DesktopApp::officeWindow() const
{
    return m_office ? m_office->window() : nullptr;
}

bool DesktopApp::start(QString *error)
{
    if (m_options.office && !m_options.demo) {
        m_office = OfficeMode::startOnArduino(m_options, m_settings.get(), error);
        if (!m_office)
            return false;
    }

    m_remote = std::make_unique<RemoteWindow>(m_settings.get());
    m_remote->setSessionFactory(
        [this](const ConnectionTarget &t) { return createSession(t, *m_settings); });
    connect(m_remote.get(), &RemoteWindow::themeToggled, this, [this](bool dark) {
        applyTheme(*m_app, dark);
        m_settings->setTheme(dark ? AppSettings::Theme::Dark : AppSettings::Theme::Light);
    });

    if (m_options.demo) {
        startDemo();
    } else if (m_options.office) {
        // The office computer is usually also where people look: no remote view needed.
        showOfficeWindow();
        return true;
    } else if (!m_options.connect.isEmpty()) {
        QString why;
        m_remote->openConnection(*ConnectionTarget::fromString(m_options.connect, &why));
    } else if (!m_settings->recentConnections().isEmpty()) {
        QString why;
        if (const auto t =
                ConnectionTarget::fromString(m_settings->recentConnections().first(), &why))
            m_remote->openConnection(*t);
    } else {
        m_remote->showStartHint([this] { startDemo(); });
    }
    m_remote->show();
    return true;
}

void DesktopApp::startDemo()
{
    if (m_demo)
        return;
    DemoOptions demoOptions;
    demoOptions.identityDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
        + QStringLiteral("/demo-station");
    m_demo = std::make_unique<DemoSystem>(demoOptions);
    m_remote->messageBar()->showMessage(
        tr("Starting the demo: the real firmware on a virtual rig, an office station and a "
           "virtual camera, all on this computer…"),
        MessageBar::Kind::Info);
    connect(m_demo.get(), &DemoSystem::failed, m_remote.get(), &RemoteWindow::showError);
    connect(m_demo.get(), &DemoSystem::ready, this, [this] {
        m_remote->messageBar()->showMessage(
            tr("Demo running. Click a person in the picture to turn the camera to them, or use the "
               "dial, the presets and the keys 1–9. View › Office view shows the station's side."),
            MessageBar::Kind::Info, 20000);
        m_remote->setSession(
            std::make_unique<StationRigSession>(m_demo->pairing(), m_settings->clientName()));
        QAction *office = m_remote->viewMenu()->addAction(
            tr("&Office view"), this, &DesktopApp::showOfficeWindow);
        office->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
        if (m_options.office)
            showOfficeWindow();
    });
    m_demo->start();
}

void DesktopApp::showOfficeWindow()
{
    if (!m_office) {
        if (!m_demo || !m_demo->isReady())
            return;  // --office builds its window in start()
        m_office = OfficeMode::forDemo(m_demo.get(), m_settings.get());
    }
    m_office->window()->show();
    m_office->window()->raise();
}

}  // namespace rudebot
