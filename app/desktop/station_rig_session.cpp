#include "desktop/station_rig_session.h"

#include "comms/rig_id.h"

namespace rudebot {

namespace {

QString statusTextFor(const StationState &s, StationClient::Status status)
{
    switch (status) {
    case StationClient::Status::Disconnected: return StationRigSession::tr("Disconnected");
    case StationClient::Status::Connecting:
        return StationRigSession::tr("Connecting to the station…");
    case StationClient::Status::Authenticating:
        return StationRigSession::tr("Proving the pairing…");
    case StationClient::Status::Rejected: return StationRigSession::tr("Pairing rejected");
    case StationClient::Status::Connected: break;
    }
    if (s.link == QLatin1String("ready"))
        return StationRigSession::tr("Connected");
    if (s.link == QLatin1String("awaiting-board"))
        return StationRigSession::tr("Station connected; waiting for the rig's board");
    return StationRigSession::tr("Station connected; the rig is not (%1)").arg(s.link);
}

QString firmwareText(const StationState &s)
{
    if (s.firmware == QLatin1String("rudebot"))
        return StationRigSession::tr("Rudebot firmware %1").arg(s.version).trimmed();
    if (s.firmware == QLatin1String("seed"))
        return StationRigSession::tr("2011 firmware (no position reports)");
    return {};
}

}  // namespace

StationRigSession::StationRigSession(
    const PairingInfo &pairing, const QString &clientName, QObject *parent)
    : RigSession(parent), m_pairing(pairing), m_name(clientName)
{
    connect(&m_client, &StationClient::statusChanged, this, &StationRigSession::update);
    connect(&m_client, &StationClient::stateReceived, this, &StationRigSession::update);
    connect(&m_client, &StationClient::rttMeasured, this, &StationRigSession::update);
    connect(&m_client, &StationClient::refused, this, &RigSession::refused);
    connect(&m_client, &StationClient::errorOccurred, this, &RigSession::errorOccurred);
    connect(&m_client, &StationClient::controlAnswered, this, &RigSession::controlAnswered);
}

QString StationRigSession::rigId() const
{
    return rigIdForStation(m_pairing.fingerprint);
}

QString StationRigSession::describe() const
{
    const QString name = m_client.state().station;
    const QString where = QStringLiteral("%1:%2").arg(m_pairing.host).arg(m_pairing.port);
    return name.isEmpty() ? tr("Station at %1").arg(where)
                          : tr("Station “%1” at %2").arg(name, where);
}

void StationRigSession::start()
{
    m_client.connectToStation(m_pairing, m_name);
}

void StationRigSession::stop()
{
    m_client.disconnectFromStation();
}

void StationRigSession::setTargetLogical(double logicalDeg)
{
    m_client.setTargetLogical(logicalDeg);
}

void StationRigSession::setSpeed(int msPerDeg)
{
    m_client.setSpeed(msPerDeg);
}

void StationRigSession::stopMotion()
{
    m_client.stop();
}

void StationRigSession::askForControl()
{
    m_client.askForControl();
}

SessionSnapshot StationRigSession::snapshotFor(
    const StationState &s, StationClient::Status status, const PairingInfo &pairing, int rttMs,
    int ownClientId)
{
    SessionSnapshot snap;
    switch (status) {
    case StationClient::Status::Connected: snap.status = SessionSnapshot::Status::Connected; break;
    case StationClient::Status::Rejected: snap.status = SessionSnapshot::Status::Rejected; break;
    case StationClient::Status::Disconnected:
        snap.status = SessionSnapshot::Status::Disconnected;
        break;
    default: snap.status = SessionSnapshot::Status::Connecting; break;
    }
    snap.statusText = statusTextFor(s, status);
    const bool live = status == StationClient::Status::Connected;
    snap.calibration = s.calibration;
    snap.hasActual = live && s.angle >= 0;
    snap.actualLogical = logicalFromServo(s.calibration, s.angle);
    snap.hasTarget = live && s.target >= 0;
    snap.targetLogical = logicalFromServo(s.calibration, s.target);
    snap.moving = s.moving;
    snap.stationPark = true;
    snap.directionUnchecked = live && !s.directionChecked;
    snap.parkLogical = logicalFromServo(s.calibration, s.parkServo);
    snap.videoPaused = live && s.videoPaused;
    // The 2011 firmware turns at one speed: no choice to offer.
    snap.fastestMsPerDeg = live && s.firmware != QLatin1String("seed") ? s.fastestMsPerDeg : 0;
    if (live && s.parkLocked) {
        snap.controlsLocked = true;
        snap.lockMessage = tr("%1 in the office has parked the camera for privacy. You can watch; "
                              "the controls come back when they unlock it.")
                               .arg(s.parkBy.isEmpty() ? tr("Someone") : s.parkBy);
    } else if (live && s.overrideHeld && s.overrideReason == QLatin1String("calibrating")) {
        snap.controlsLocked = true;
        snap.lockMessage = tr("%1 in the office is calibrating the rig. You can watch; the "
                              "controls come back when they finish.")
                               .arg(s.overrideBy.isEmpty() ? tr("Someone") : s.overrideBy);
    } else if (live && s.overrideHeld) {
        snap.controlsLocked = true;
        snap.lockMessage = tr("%1 in the office has taken control. You can watch; the controls "
                              "come back when they release it.")
                               .arg(s.overrideBy.isEmpty() ? tr("Someone") : s.overrideBy);
    }
    // Worth asking the office: its override, or another remote's lease (never the park lock or
    // the wizard, which the office ends itself).
    const bool calibrating = s.overrideHeld && s.overrideReason == QLatin1String("calibrating");
    snap.canAskForControl = live && !s.parkLocked && !calibrating
        && (s.overrideHeld || (!s.holder.isEmpty() && s.holderId != ownClientId));
    snap.firmware = live ? firmwareText(s) : QString();
    snap.rttMs = live ? rttMs : -1;
    if (s.videoPort != 0) {
        snap.video.kind = VideoSpec::Kind::Mjpeg;
        QUrl url;
        url.setScheme(QStringLiteral("https"));
        url.setHost(pairing.host);
        url.setPort(s.videoPort);
        url.setPath(QStringLiteral("/stream"));
        snap.video.url = url;
        snap.video.pinnedFingerprint = pairing.fingerprint;
        snap.video.bearerToken =
            pairing.secret.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    }
    return snap;
}

void StationRigSession::update()
{
    publish(snapshotFor(m_client.state(), m_client.status(), m_pairing, m_client.lastRttMs(),
        m_client.clientId()));
}

}  // namespace rudebot
