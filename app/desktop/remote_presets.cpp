#include "desktop/remote_presets.h"

#include <algorithm>
#include <cmath>

#include "desktop/app_settings.h"
#include "desktop/rig_session.h"
#include "ui/preset_thumbnail.h"
#include "ui/presets_panel.h"

namespace rudebot {

RemotePresets::RemotePresets(PresetsPanel *panel, AppSettings *settings,
    std::function<double()> dialTargetDeg, std::function<QImage()> currentPicture,
    QObject *parent)
    : QObject(parent), m_panel(panel), m_settings(settings),
      m_dialTargetDeg(std::move(dialTargetDeg)), m_currentPicture(std::move(currentPicture))
{
    m_settle.setSingleShot(true);
    m_settle.setInterval(kSettleMs);
    connect(&m_settle, &QTimer::timeout, this, &RemotePresets::takeThumbnail);
    connect(m_panel, &PresetsPanel::presetActivated, this, [this](int i) {
        if (i < 0 || i >= m_list.count())
            return;
        m_settle.stop();
        m_visit = Visit{m_list.at(i).name, m_list.at(i).logicalDeg};
        emit targetRequested(m_list.at(i).logicalDeg);
    });
    connect(m_panel, &PresetsPanel::homeRequested, this,
        [this] { emit targetRequested(PresetList::kHomeDeg); });
    connect(m_panel, &PresetsPanel::parkRequested, this, [this] {
        const SessionSnapshot &s = m_session ? m_session->snapshot() : SessionSnapshot{};
        emit targetRequested(s.stationPark ? s.parkLogical : m_list.parkDeg());
    });
    connect(m_panel, &PresetsPanel::addRequested, this, [this](const QString &name) {
        if (!m_session)
            return;
        const SessionSnapshot &s = m_session->snapshot();
        const double here = std::round(s.hasActual ? s.actualLogical : m_dialTargetDeg());
        // The view on show is the view here (unless the rig is still on its way).
        const QByteArray thumbnail = pictureAllowed() && !s.moving
            ? PresetThumbnail::fromFrame(m_currentPicture())
            : QByteArray();
        QString error;
        const bool ok = m_list.add({name.trimmed(), here, thumbnail}, &error);
        apply(ok, error);
    });
    connect(m_panel, &PresetsPanel::renameRequested, this, [this](int i, const QString &name) {
        QString error;
        const bool ok = m_list.rename(i, name.trimmed(), &error);
        apply(ok, error);
    });
    connect(m_panel, &PresetsPanel::removeRequested, this, [this](int i) {
        QString error;
        const bool ok = m_list.remove(i, &error);
        apply(ok, error);
    });
    connect(m_panel, &PresetsPanel::moveRequested, this, [this](int from, int to) {
        QString error;
        const bool ok = m_list.move(from, to, &error);
        apply(ok, error);
    });
}

void RemotePresets::setSession(RigSession *session)
{
    if (m_session)
        m_session->disconnect(this);
    m_visit.reset();
    m_settle.stop();
    m_session = session;
    if (m_session)
        connect(m_session, &RigSession::snapshotChanged, this, &RemotePresets::watchArrival);
    QStringList problems;
    m_list = session ? m_settings->presets(session->rigId(), &problems) : PresetList{};
    m_panel->setPresets(m_list.presets());
    if (!problems.isEmpty())
        emit problem(problems.join(QLatin1Char(' ')));
}

void RemotePresets::apply(bool ok, const QString &error)
{
    if (!ok) {
        emit problem(error);
        return;
    }
    if (m_session)
        m_settings->setPresets(m_session->rigId(), m_list);
    m_panel->setPresets(m_list.presets());
}

bool RemotePresets::pictureAllowed() const
{
    if (!m_session || m_session->snapshot().videoPaused)
        return false;  // the office closed the picture: it is not kept either
    return !m_currentPicture().isNull();
}

void RemotePresets::watchArrival()
{
    if (!m_visit)
        return;
    const SessionSnapshot &s = m_session->snapshot();
    const Calibration &cal = s.calibration;
    // A preset past the limits ends at the limit: that is where its view is.
    const double there = std::clamp(m_visit->logicalDeg, cal.minLogicalDeg, cal.maxLogicalDeg);
    const bool headingThere = s.hasTarget && std::abs(s.targetLogical - there) <= kArrivedDeg;
    if (!headingThere || s.controlsLocked || s.videoPaused) {
        m_visit.reset();  // turned elsewhere, or the picture is not ours to keep
        m_settle.stop();
        return;
    }
    const bool standing = s.hasActual && !s.moving && std::abs(s.actualLogical - there) <= kArrivedDeg;
    if (!standing)
        m_settle.stop();  // still on its way (or moved again): wait for it to stand still
    else if (!m_settle.isActive())
        m_settle.start();
}

void RemotePresets::takeThumbnail()
{
    if (!m_visit || !pictureAllowed())
        return;
    const int index = m_list.indexOf(m_visit->name);
    const Visit visit = *m_visit;
    m_visit.reset();
    if (index < 0 || m_list.at(index).logicalDeg != visit.logicalDeg)
        return;  // renamed, removed or moved while the rig turned
    QString error;
    if (!m_list.setThumbnail(index, PresetThumbnail::fromFrame(m_currentPicture()), &error))
        return;  // a frame that cannot be encoded: keep the old picture
    apply(true, {});
    emit thumbnailTaken(index);
}

}  // namespace rudebot
