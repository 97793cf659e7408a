#include "desktop/desktop_app.h"

#include "video/camera_source.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>
#include <QStandardPaths>
#include <QVideoFrame>

#include "desktop/app_settings.h"
#include "desktop/connect_dialog.h"
#include "desktop/connection_target.h"
#include "desktop/demo.h"
#include "desktop/direct_session.h"
#include "comms/link_factory.h"
#include "desktop/message_bar.h"
#include "desktop/office_window.h"
#include "comms/port_finder.h"
#include "desktop/remote_window.h"
#include "comms/rig_client.h"
#include "station/station.h"
#include "desktop/station_session.h"
#include "station/station_video.h"
#include "desktop/theme.h"
#include "station/tls_identity.h"
#include "desktop/video_source.h"
#include "ui/video_view.h"

namespace rudebot {

QString desktopUsage()
{
    return QStringLiteral(
        "Usage: rudebot [--demo] [--office] [--connect LINK | --serial PATH | --bridge HOST:PORT] [--dark]\n"
        "  (no option)        the remote view; reconnects to the last connection\n"
        "  --demo             the virtual rig (real firmware in simavr), a station and the virtual\n"
        "                     camera on 127.0.0.1, with the remote view connected to them\n"
        "  --office           run the office station here, on the Arduino (--serial PATH, or the\n"
        "                     first Arduino found), with the office view\n"
        "  --connect LINK     a pairing link (rudebot://…), serial:PATH or bridge:HOST:PORT\n"
        "  --serial PATH      the Arduino's serial port, directly\n"
        "  --bridge HOST:PORT a raw serial-to-TCP bridge (tcp_serial_redirect.py, ser2net)\n"
        "  --station-data DIR the office station's identity and pairing secret\n"
        "  --dark             dark theme\n"
        "  --version          print the version and exit\n");
}

bool parseDesktopArgs(const QStringList &args, DesktopOptions *out, QString *error, bool *help)
{
    *help = false;
    for (int i = 0; i < args.size(); ++i) {
        const QString &a = args[i];
        auto next = [&](QString *value) {
            if (i + 1 >= args.size()) {
                *error = QStringLiteral("%1 needs a value. See rudebot --help.").arg(a);
                return false;
            }
            *value = args[++i];
            return true;
        };
        QString v;
        if (a == QLatin1String("--help") || a == QLatin1String("-h")) {
            *help = true;
        } else if (a == QLatin1String("--demo")) {
            out->demo = true;
        } else if (a == QLatin1String("--office")) {
            out->office = true;
        } else if (a == QLatin1String("--dark")) {
            out->dark = true;
        } else if (a == QLatin1String("--version")) {
            out->version = true;
        } else if (a == QLatin1String("--connect")) {
            if (!next(&out->connect))
                return false;
        } else if (a == QLatin1String("--serial")) {
            if (!next(&v))
                return false;
            out->connect = QStringLiteral("serial:") + v;
        } else if (a == QLatin1String("--bridge")) {
            if (!next(&v))
                return false;
            out->connect = QStringLiteral("bridge:") + v;
        } else if (a == QLatin1String("--station-data")) {
            if (!next(&out->stationData))
                return false;
        } else {
            *error = QStringLiteral("Unknown option %1. See rudebot --help.").arg(a);
            return false;
        }
    }
    if (!out->connect.isEmpty()) {
        QString why;
        const auto t = ConnectionTarget::fromString(out->connect, &why);
        if (!t) {
            // why already quotes the text (its key hidden): no need to repeat it.
            *error = QStringLiteral("Cannot connect: %1.").arg(withoutFinalStop(why));
            return false;
        }
        if (out->office && t->kind != ConnectionTarget::Kind::Serial) {
            *error = QStringLiteral("--office runs the station on the Arduino's serial port: give "
                                    "--serial PATH.");
            return false;
        }
    }
    return true;
}

std::unique_ptr<QMessageBox> startFailureBox(const QString &error)
{
    auto box = std::make_unique<QMessageBox>(QMessageBox::Critical,
        QCoreApplication::translate("DesktopApp", "Rudebot cannot start"), error, QMessageBox::Close);
    box->setInformativeText(QCoreApplication::translate("DesktopApp",
        "Run “rudebot --help” in a terminal for the options."));
    return box;
}

std::unique_ptr<RigSession> createSession(const ConnectionTarget &target, const AppSettings &settings)
{
    if (target.kind == ConnectionTarget::Kind::Station)
        return std::make_unique<StationSession>(target.pairing, settings.clientName());
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
    if (m_rig)
        m_rig->stop();
}

bool DesktopApp::start(QString *error)
{
    if (m_options.office && !m_options.demo && !startOffice(error))
        return false;

    m_remote = std::make_unique<RemoteWindow>(m_settings.get());
    m_remote->setSessionFactory([this](const ConnectionTarget &t) { return createSession(t, *m_settings); });
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
        if (const auto t = ConnectionTarget::fromString(m_settings->recentConnections().first(), &why))
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
           "virtual camera, all on this computer…"), MessageBar::Kind::Info);
    connect(m_demo.get(), &DemoSystem::failed, m_remote.get(), &RemoteWindow::showError);
    connect(m_demo.get(), &DemoSystem::ready, this, [this] {
        m_remote->messageBar()->showMessage(
            tr("Demo running. Click a person in the picture to turn the camera to them, or use the "
               "dial, the presets and the keys 1–9. View › Office view shows the station's side."),
            MessageBar::Kind::Info, 20000);
        m_remote->setSession(std::make_unique<StationSession>(m_demo->pairing(), m_settings->clientName()));
        QAction *office = m_remote->viewMenu()->addAction(tr("&Office view"), this, &DesktopApp::showOfficeWindow);
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
            return;  // --office builds its window in startOffice()
        m_office = std::make_unique<OfficeWindow>(m_demo->station(), m_demo->rig(), m_demo->pairing(),
                                                  m_settings.get());
        connect(m_demo->camera(), &VirtualCamera::frameReady, m_office.get(), &OfficeWindow::setPreviewFrame);
        connect(m_demo->camera(), &VirtualCamera::frameReady, this, [this](const QImage &f) {
            if (m_wizard)
                m_wizard->setFrame(f);
        });
        // The demo's profiles live in its own temporary directory: trying the wizard in the
        // demo must not change how the demo starts next time.
        m_rigId = QStringLiteral("virtual-rig");
        m_profiles = std::make_unique<ProfileStore>(m_demo->dataDir() + QStringLiteral("/profiles"));
        connect(m_office.get(), &OfficeWindow::calibrateRequested, this,
            [this] { openCalibration(m_demo->rig()); });
        connect(m_office.get(), &OfficeWindow::importCalibrationRequested, this,
            [this](const QString &path) { importProfile(m_demo->rig(), path); });
    }
    m_office->show();
    m_office->raise();
}

bool DesktopApp::startOffice(QString *error)
{
    LinkSettings link;
    QString why;
    if (!m_options.connect.isEmpty()) {
        link = ConnectionTarget::fromString(m_options.connect, &why)->link;
    } else {
        for (const PortCandidate &p : availableSerialPorts()) {
            PortCandidate c = p;
            if (ConnectDialog::looksLikeArduino(c)) {
                link.path = c.path;
                link.usbVendorId = c.usbVendorId;
                link.usbProductId = c.usbProductId;
                link.usbSerialNumber = c.usbSerialNumber;
                break;
            }
        }
        if (link.path.isEmpty()) {
            *error = tr("No Arduino found on a USB port. Plug the rig in, or name its port with "
                        "--serial /dev/ttyACM0.");
            return false;
        }
    }
    const QString dataDir = m_options.stationData.isEmpty()
        ? QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + QStringLiteral("/rudebot/station")
        : m_options.stationData;
    QDir().mkpath(dataDir);
    QFile::setPermissions(dataDir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    const auto secret = loadOrCreatePairingSecret(QDir(dataDir).filePath(QStringLiteral("pairing-secret")), error);
    const auto identity = secret ? loadOrCreateTlsIdentity(dataDir, QStringLiteral("Rudebot office"), error)
                                 : std::nullopt;
    if (!secret || !identity)
        return false;
    m_link = createLink(link);
    m_rig = std::make_unique<RigClient>(m_link.get());
    Calibration cal;
    cal.hfovDeg = m_settings->hfovDeg();
    m_rig->setCalibration(cal);
    StationSettings ss;
    ss.name = m_settings->officeName();
    m_station = std::make_unique<Station>(m_rig.get(), *identity, *secret, ss);
    if (!m_station->start(error))
        return false;
    m_video = std::make_unique<StationVideo>(*identity, *secret, MjpegServerSettings{});
    QString videoError;
    if (m_video->listen(QHostAddress::Any, quint16(ss.port + 1), &videoError))
        m_station->setVideoPort(m_video->port());

    const QString host = QSysInfo::machineHostName();
    const PairingInfo pairing{host, m_station->port(), m_station->fingerprint(), *secret};
    m_office = std::make_unique<OfficeWindow>(m_station.get(), m_rig.get(), pairing, m_settings.get());
    if (!videoError.isEmpty())
        m_office->setCameraProblem(videoError);
    // A rig is known by its USB serial number when it has one, else by its port.
    m_rigId = link.usbSerialNumber.isEmpty() ? link.path : QStringLiteral("usb:") + link.usbSerialNumber;
    m_profiles = std::make_unique<ProfileStore>(dataDir + QStringLiteral("/profiles"));
    applySavedProfile(m_rig.get());
    connect(m_office.get(), &OfficeWindow::calibrateRequested, this, [this] { openCalibration(m_rig.get()); });
    connect(m_office.get(), &OfficeWindow::importCalibrationRequested, this,
        [this](const QString &path) { importProfile(m_rig.get(), path); });
    if (!m_profiles->contains(m_rigId)) {
        // A rig this computer has never calibrated: offer the wizard as soon as the board answers.
        auto *once = new QObject(this);
        connect(m_rig.get(), &RigClient::stateChanged, once, [this, once](RigClient::State st) {
            if (st != RigClient::State::Ready)
                return;
            once->deleteLater();
            openCalibration(m_rig.get());
        });
    }

    // The local camera (CameraSource: QCamera into a sink), the same frames to the preview,
    // the stream and the calibration wizard.
    const QString mediaProblem = VideoSource::mediaBackendProblem(tr("The office camera's picture and stream"));
    if (!mediaProblem.isEmpty()) {
        m_office->setCameraProblem(mediaProblem);
    } else {
        CameraSourceSettings cs;
        cs.fps = 15;
        cs.noCameraHint = tr("then restart the office view.");
        auto *camera = new CameraSource(cs, m_office.get());
        QString cameraError;
        if (!camera->start(&cameraError)) {
            m_office->setCameraProblem(cameraError + tr(" Remotes can still turn the rig meanwhile."));
        } else {
            connect(camera, &CameraSource::frameReady, m_office.get(), [this](const QImage &image) {
                m_office->setPreviewFrame(image);
                m_video->setFrame(image);
                if (m_wizard)
                    m_wizard->setFrame(image);
            });
            connect(camera, &CameraSource::errorOccurred, m_office.get(), &OfficeWindow::setCameraProblem);
        }
    }
    return true;
}

void DesktopApp::applySavedProfile(RigClient *rig)
{
    QString error;
    if (const auto profile = m_profiles->load(m_rigId, &error)) {
        rig->setCalibration(profile->calibration);
        rig->setSpeed(profile->msPerDegree);  // the client sets it again after every reset
    } else if (!error.isEmpty() && m_office) {
        m_office->messageBar()->showMessage(tr("The saved calibration for this rig is unusable (%1). "
                                               "Run Calibrate rig… again.").arg(error),
                                            MessageBar::Kind::Error);
    }
}

void DesktopApp::importProfile(RigClient *rig, const QString &path)
{
    QString error;
    if (!m_profiles->importFile(path, m_rigId, &error)) {
        // The old profile stays in force.
        m_office->messageBar()->showMessage(tr("Not imported: %1").arg(error), MessageBar::Kind::Error);
        return;
    }
    applySavedProfile(rig);
    m_office->messageBar()->showMessage(tr("Calibration imported from %1 and in force.")
                                            .arg(QFileInfo(path).fileName()),
                                        MessageBar::Kind::Info, 8000);
}

void DesktopApp::openCalibration(RigClient *rig)
{
    if (m_wizard) {
        m_wizard->raise();
        return;
    }
    m_calibrationRig = std::make_unique<RigClientCalibrationRig>(rig);
    m_wizard = new CalibrationWizard(m_calibrationRig.get(), m_profiles.get(), m_rigId, m_office.get());
    m_wizard->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_wizard, &CalibrationWizard::installFirmwareRequested, this, [this, rig] { installFirmware(rig); });
    connect(m_wizard, &QObject::destroyed, this, [this] { m_calibrationRig.reset(); });
    m_wizard->show();
}

void DesktopApp::installFirmware(RigClient *rig)
{
    if (m_flash && m_flash->isRunning())
        return;
    // avrdude needs the port to itself: the rig client lets go, and takes it back afterwards.
    const QString port = rig->describeLink().section(QLatin1Char(' '), 1);
    rig->stop();
    m_flash = std::make_unique<FlashAndVerify>();
    m_flashProgress = new QProgressDialog(tr("Installing the Rudebot firmware on %1…").arg(port),
        tr("Cancel"), 0, 100, m_wizard ? static_cast<QWidget *>(m_wizard) : m_office.get());
    m_flashProgress->setWindowModality(Qt::WindowModal);  // the rig is busy: nothing else to do
    m_flashProgress->setMinimumDuration(0);
    connect(m_flashProgress, &QProgressDialog::canceled, m_flash.get(), &FlashAndVerify::cancel);
    connect(m_flash.get(), &FlashAndVerify::progress, m_flashProgress,
        [this](FlashPhase phase, int percent) {
            m_flashProgress->setValue(percent);
            if (m_wizard)
                m_wizard->setFirmwareInstallProgress(flashPhaseText(phase), percent);
        });
    if (m_wizard)
        m_wizard->setFirmwareInstallProgress(flashPhaseText(FlashPhase::Connecting), 0);
    connect(m_flash.get(), &FlashAndVerify::finished, this, [this, rig](bool ok, const QString &message) {
        if (m_flashProgress)
            m_flashProgress->deleteLater();
        if (m_wizard)
            m_wizard->setFirmwareInstallFinished(ok, message);
        rig->start();
        if (m_office)
            m_office->messageBar()->showMessage(
                ok ? message : tr("Installing the firmware failed: %1").arg(message),
                ok ? MessageBar::Kind::Info : MessageBar::Kind::Error, ok ? 10000 : 0);
    });
    FlashSettings settings;
    settings.port = port;
    m_flash->start(settings);
}

} // namespace rudebot
