// Station: privacy. Where park and lock turns the camera, and which pictures viewers get
// while the office keeps the room private (StationVideo shows its card instead of the camera).
#include "station/station.h"
#include "station/station_internal.h"
#include "station/station_video.h"

namespace rudebot {

double Station::parkServoDeg() const
{
    if (m_settings.parkServoDeg)
        return *m_settings.parkServoDeg;
    const Calibration cal = m_rig->calibration();
    if (cal.parkLogicalDeg)
        return servoFromLogical(cal, *cal.parkLogicalDeg);
    // No park step yet: turned away from the people as far as the limits allow.
    const double away = std::abs(cal.minLogicalDeg) > std::abs(cal.maxLogicalDeg)
        ? cal.minLogicalDeg
        : cal.maxLogicalDeg;
    return servoFromLogical(cal, away);
}

void Station::lockPark(const QString &who)
{
    m_rig->setTargetServo(parkServoDeg());  // before the lock, which stops all moves
    m_arbiter.lockPark(who);
    qCInfo(lcStation) << who << "parked the camera (privacy lock)";
    updateVideoPrivacy();
    scheduleBroadcast();
}

void Station::unlockPark()
{
    m_arbiter.unlockPark();
    updateVideoPrivacy();
    scheduleBroadcast();
}

void Station::attachVideo(StationVideo *video)
{
    m_video = video;
    m_videoPort = video ? video->port() : 0;
    updateVideoPrivacy();
    scheduleBroadcast();
}

void Station::setVideoPaused(bool paused, const QString &who)
{
    m_videoPausedBy = paused ? (who.trimmed().isEmpty() ? tr("Office") : who.trimmed()) : QString();
    qCInfo(lcStation) << "video" << (paused ? "paused for privacy by" : "resumed")
                      << m_videoPausedBy;
    updateVideoPrivacy();
    scheduleBroadcast();
}

QString Station::privacyDetail() const
{
    if (m_arbiter.parkLocked())
        return tr("%1 parked the camera. The picture comes back when the office unlocks it.")
            .arg(m_arbiter.parkLockedBy());
    if (!m_videoPausedBy.isEmpty())
        return tr("%1 paused the video. The picture comes back when the office resumes it.")
            .arg(m_videoPausedBy);
    return {};
}

QString Station::privacyMessage() const
{
    return videoPaused() ? tr("Video paused for privacy: %1").arg(privacyDetail()) : QString();
}

void Station::updateVideoPrivacy()
{
    if (m_video)
        m_video->setPrivacy(videoPaused(), privacyDetail());
}

}  // namespace rudebot
