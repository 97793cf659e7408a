#include "desktop/office_mode.h"
#include "desktop/people_controller.h"
#include "desktop/people_dialog.h"

#include <QGroupBox>
#include <QStandardPaths>

#include "comms/port_finder.h"
#include "comms/rig_client.h"
#include "comms/rig_id.h"
#include "desktop/app_settings.h"
#include "desktop/calibration_flow.h"
#include "desktop/connection_target.h"
#include "desktop/demo.h"
#include "desktop/message_bar.h"
#include "desktop/office_audio.h"
#include "desktop/desktop_options.h"
#include "desktop/office_window.h"
#include "desktop/video_source.h"
#include "station/audio_choice.h"
#include "station/station_host.h"
#include "video/camera_source.h"

namespace rudebot {

OfficeMode::OfficeMode(AppSettings *settings) : m_settings(settings) { }

OfficeMode::~OfficeMode()
{
    m_calibration.reset();
    m_window.reset();
}

std::unique_ptr<OfficeMode> OfficeMode::forDemo(DemoSystem *demo, AppSettings *settings)
{
    std::unique_ptr<OfficeMode> mode(new OfficeMode(settings));
    mode->m_rig = demo->rig();
    mode->m_window =
        std::make_unique<OfficeWindow>(demo->station(), demo->rig(), demo->pairing(), settings);
    mode->m_calibration = std::make_unique<CalibrationFlow>(demo->rig(), demo->station(),
        mode->m_window.get(), demo->dataDir() + QStringLiteral("/profiles"),
        rigIdForLink(demo->host()->settings().link));
    OfficeMode *m = mode.get();
    connect(demo->camera(), &VirtualCamera::frameReady, m->m_window.get(),
        &OfficeWindow::setPreviewFrame);
    connect(demo->camera(), &VirtualCamera::frameReady, m,
        [m](const QImage &f) { m->m_calibration->setFrame(f); });
    connect(
        m->m_window.get(), &OfficeWindow::calibrateRequested, m, [m] { m->m_calibration->open(); });
    connect(m->m_window.get(), &OfficeWindow::importCalibrationRequested, m,
        [m](const QString &path) { m->m_calibration->importProfile(path); });
    m->offerPeople(demo->host());
    m->offerSound(demo->host());
    return mode;
}

void OfficeMode::offerSound(StationHost *host)
{
    if (!host->media())
        return;
    auto *audio = new OfficeAudio(
        host->media(), host->station(), m_settings, m_window.get(), m_window.get());
    m_window->addAudioPanel(audio->panel());
}

void OfficeMode::offerPeople(StationHost *host)
{
    m_window->watchKeyring(host->keyring());
    connect(m_window.get(), &OfficeWindow::peopleRequested, this, [this, host] {
        auto *dialog = new PeopleDialog(m_window.get());
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        new PeopleController(host->keyring(), host->pairing(), dialog, dialog);
        dialog->show();
    });
}

std::unique_ptr<OfficeMode> OfficeMode::startOnArduino(
    const DesktopOptions &options, AppSettings *settings, QString *error)
{
    LinkSettings link;
    QString why;
    if (!options.connect.isEmpty()) {
        link = ConnectionTarget::fromString(options.connect, &why)->link;
    } else {
        if (const auto arduino = firstArduino(availableSerialPorts()))
            link = *arduino;
        if (link.path.isEmpty()) {
            *error = tr("No Arduino found on a USB port. Plug the rig in, or name its port with "
                        "--serial /dev/ttyACM0.");
            return nullptr;
        }
    }
    const QString dataDir = options.stationData.isEmpty()
        ? QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)
            + QStringLiteral("/rudebot/station")
        : options.stationData;
    StationHostSettings h;
    h.dataDir = dataDir;
    h.certificateName = QStringLiteral("Rudebot office");
    h.advertisedHost = QSysInfo::machineHostName();
    h.link = link;
    h.calibration.hfovDeg = settings->hfovDeg();
    h.station.name = settings->officeName();
    // The local camera feeds the stream through setFrame(), after the preview (startCamera).
    h.camera = StationHostSettings::Camera::External;
    h.station.listenAddress = options.officeAddress;
    h.station.port = options.officePort;
    h.videoAddress = options.officeAddress;
    h.videoPort = options.officePort == 0 ? 0 : quint16(options.officePort + 1);
    h.videoRequired = false;  // the office view says why there is no stream; the rig still works
    // The office's sound: the default devices when this machine has any (AppSettings "auto").
    QString soundProblem;
    h.media.audioSource =
        resolveAudioChoice(settings->microphone(), AudioRole::Microphone, &soundProblem)
            .value_or(QString());
    h.media.audioSink = resolveAudioChoice(settings->speaker(), AudioRole::Speaker, &soundProblem)
                            .value_or(QString());
    std::unique_ptr<OfficeMode> mode(new OfficeMode(settings));
    mode->m_host = std::make_unique<StationHost>(h);
    if (!mode->m_host->start(error))
        return nullptr;
    mode->m_rig = mode->m_host->rig();
    mode->m_window = std::make_unique<OfficeWindow>(
        mode->m_host->station(), mode->m_rig, mode->m_host->pairing(), settings);
    if (!mode->m_host->videoProblem().isEmpty())
        mode->m_window->setCameraProblem(mode->m_host->videoProblem());
    mode->m_calibration = std::make_unique<CalibrationFlow>(mode->m_rig, mode->m_host->station(),
        mode->m_window.get(), dataDir + QStringLiteral("/profiles"), rigIdForLink(link),
        legacyRigIds(link));
    mode->m_calibration->applySavedProfile();
    OfficeMode *m = mode.get();
    connect(
        m->m_window.get(), &OfficeWindow::calibrateRequested, m, [m] { m->m_calibration->open(); });
    connect(m->m_window.get(), &OfficeWindow::importCalibrationRequested, m,
        [m](const QString &path) { m->m_calibration->importProfile(path); });
    connect(m->m_window.get(), &OfficeWindow::installFirmwareRequested, m,
        [m] { m->m_calibration->installFirmware(); });
    if (!m->m_calibration->hasProfile())
        m->m_calibration->openWhenRigFirstReady();
    m->offerPeople(m->m_host.get());
    m->offerSound(m->m_host.get());
    m->startCamera();
    // After the camera's problem, which would replace it: that one stays in the preview.
    if (!soundProblem.isEmpty())
        m->m_window->messageBar()->showMessage(
            tr("No sound: %1. Choose another device with the Sound devices button.")
                .arg(soundProblem),
            MessageBar::Kind::Warning, 15000);
    return mode;
}

void OfficeMode::startCamera()
{
    // The local camera (CameraSource: QCamera into a sink), the same frames to the preview,
    // the stream and the calibration wizard.
    const QString mediaProblem =
        VideoSource::mediaBackendProblem(tr("The office camera's picture and stream"));
    if (!mediaProblem.isEmpty()) {
        m_window->setCameraProblem(mediaProblem);
        return;
    }
    CameraSourceSettings cs;
    cs.fps = 15;
    cs.noCameraHint = tr("then restart the office view.");
    auto *camera = new CameraSource(cs, m_window.get());
    QString cameraError;
    if (!camera->start(&cameraError)) {
        m_window->setCameraProblem(cameraError + tr(" Remotes can still turn the rig meanwhile."));
        return;
    }
    connect(camera, &CameraSource::frameReady, m_window.get(), [this](const QImage &image) {
        m_window->setPreviewFrame(image);
        m_host->setFrame(image);
        m_calibration->setFrame(image);
    });
    connect(camera, &CameraSource::errorOccurred, m_window.get(), &OfficeWindow::setCameraProblem);
}

}  // namespace rudebot
