#include "station/station_host.h"

#include <QDir>

#include "comms/link_factory.h"
#include "comms/rig_client.h"
#include "station/keyring.h"
#include "station/station_data.h"
#include "station/station_video.h"
#include "video/privacy_card.h"

namespace rudebot {

std::optional<StationIdentity> loadStationIdentity(
    const QString &dataDir, const QString &certificateName, QString *error)
{
    const auto data = openStationData(dataDir, certificateName, error);
    if (!data)
        return std::nullopt;
    return StationIdentity{
        data->identity, data->sharedSecret, data->dir, data->created, data->note};
}

StationHost::StationHost(const StationHostSettings &settings, QObject *parent)
    : QObject(parent), m_settings(settings)
{
    if (m_settings.certificateName.isEmpty())
        m_settings.certificateName = m_settings.station.name;
    if (m_settings.virtualRig) {
        // The simulator's pty is the serial port.
        if (m_settings.sim.link.isEmpty()) {
            m_simDir = std::make_unique<QTemporaryDir>();
            m_settings.sim.link = m_simDir->filePath(QStringLiteral("rig"));
        }
        m_settings.link = LinkSettings{};
        m_settings.link.path = m_settings.sim.link;
        m_sim = std::make_unique<SimRigProcess>();
    }
    m_link = createLink(m_settings.link);
    m_rig = std::make_unique<RigClient>(m_link.get());
    m_rig->setCalibration(m_settings.calibration);
    m_rig->setSpeed(m_settings.msPerDeg);
    if (m_settings.camera == StationHostSettings::Camera::Virtual) {
        m_virtualCamera = std::make_unique<VirtualCamera>(m_settings.virtualCamera);
        // Where the servo physically points, measured from its pulse (virtual rig), else the
        // angle the firmware reports.
        if (m_sim)
            connect(m_sim.get(), &SimRigProcess::servoChanged, m_virtualCamera.get(),
                [this](const ServoSample &s) { m_virtualCamera->setServoAngle(s.angleDeg); });
        else
            connect(m_rig.get(), &RigClient::actualAngleChanged, m_virtualCamera.get(),
                [this](int servoDeg, double) { m_virtualCamera->setServoAngle(servoDeg); });
    }
}

StationHost::~StationHost()
{
    // The simulator's last output (read while it stops) must not start a station now.
    if (m_sim)
        m_sim->disconnect(this);
    if (m_virtualCamera)
        m_virtualCamera->stop();
    m_webcam.reset();
    m_rig->stop();
    m_station.reset();  // before the rig it points at
    m_video.reset();
    if (m_sim)
        m_sim->stop();
}

bool StationHost::fail(Failure failure, const QString &message, QString *error)
{
    m_failure = failure;
    if (error)
        *error = message;
    return false;
}

bool StationHost::start(QString *error)
{
    QString why;
    m_identity = loadStationIdentity(m_settings.dataDir, m_settings.certificateName, &why);
    if (!m_identity)
        return fail(Failure::Identity, why, error);
    m_keyring = std::make_unique<Keyring>(
        QDir(m_identity->dir).filePath(QLatin1String(kPeopleFile)), m_identity->secret);
    if (!m_keyring->load(&why))
        return fail(Failure::Identity, why, error);
    if (!m_sim)
        return serve(error);
    if (m_simDir && !m_simDir->isValid())
        return fail(Failure::VirtualRig,
            tr("Cannot create a temporary directory for the virtual rig: %1.")
                .arg(m_simDir->errorString()),
            error);
    connect(m_sim.get(), &SimRigProcess::ready, this, [this] {
        QString why;
        if (!serve(&why))
            emit failed(m_failure, why);
    });
    connect(m_sim.get(), &SimRigProcess::failed, this, [this](const QString &m) {
        m_failure = Failure::VirtualRig;
        emit failed(m_failure, m);
    });
    m_sim->start(m_settings.sim);
    return true;
}

bool StationHost::serve(QString *error)
{
    m_station = std::make_unique<Station>(
        m_rig.get(), m_identity->tls, m_keyring.get(), m_settings.station);
    // The simulator knows its own direction; a real board's is checked when someone said so.
    m_station->setDirectionChecked(m_settings.virtualRig || m_settings.directionChecked);
    m_station->setCalibratedSpeed(m_settings.msPerDeg);  // remotes may only ask for slower
    QString why;
    if (!m_station->start(&why))
        return fail(Failure::Listen, why, error);
    if (!startCamera(error))
        return false;
    m_ready = true;
    emit ready();
    return true;
}

bool StationHost::startCamera(QString *error)
{
    using Camera = StationHostSettings::Camera;
    QString why;
    switch (m_settings.camera) {
    case Camera::None: return true;
    case Camera::External: return startVideo(error);
    case Camera::Webcam:
        m_webcam = std::make_unique<CameraSource>(m_settings.webcam);
        if (!m_webcam->start(&why)) {
            m_webcam.reset();
            if (!m_settings.webcamOptional)
                return fail(Failure::Camera, why, error);
            m_cameraProblem = why;
            return true;
        }
        connect(m_webcam.get(), &CameraSource::frameReady, this, &StationHost::setFrame);
        connect(m_webcam.get(), &CameraSource::errorOccurred, this, &StationHost::cameraError);
        return startVideo(error);
    case Camera::Virtual:
        if (!startVideo(error))
            return false;
        connect(m_virtualCamera.get(), &VirtualCamera::frameReady, this, &StationHost::setFrame);
        m_virtualCamera->start();
        return true;
    }
    return true;
}

bool StationHost::startVideo(QString *error)
{
    m_video = std::make_unique<StationVideo>(m_identity->tls, m_keyring.get(), m_settings.mjpeg);
    QString why;
    if (!m_video->listen(m_settings.videoAddress, m_settings.videoPort, &why)) {
        m_video.reset();
        if (m_settings.videoRequired)
            return fail(Failure::Video, why, error);
        m_videoProblem = why;
        return true;
    }
    m_station->attachVideo(m_video.get());
    return true;
}

void StationHost::setFrame(const QImage &frame)
{
    if (m_video)
        m_video->setFrame(frame);
    if (m_station && m_station->videoPaused()) {
        // Privacy covers every path out of the station, not only the MJPEG stream.
        if (!m_lastCard.isValid() || m_lastCard.elapsed() >= 1000) {
            m_lastCard.start();
            emit frameReady(privacyCard(frame.size(), m_station->privacyDetail()));
        }
        return;
    }
    m_lastCard.invalidate();
    emit frameReady(frame);
}

PairingInfo StationHost::pairing() const
{
    if (!m_station || !m_identity)
        return {};
    // The shared link (empty key once the office retired it: then only links per person work).
    return {m_settings.advertisedHost, m_station->port(), m_station->fingerprint(),
        m_keyring->sharedSecret()};
}

}  // namespace rudebot
