#include "desktop/remote_presets.h"

#include <cmath>

#include "desktop/app_settings.h"
#include "desktop/rig_session.h"
#include "ui/presets_panel.h"

namespace rudebot {

RemotePresets::RemotePresets(PresetsPanel *panel, AppSettings *settings,
    std::function<double()> dialTargetDeg, QObject *parent)
    : QObject(parent), m_panel(panel), m_settings(settings),
      m_dialTargetDeg(std::move(dialTargetDeg))
{
    connect(m_panel, &PresetsPanel::presetActivated, this, [this](int i) {
        if (i >= 0 && i < m_list.count())
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
        QString error;
        const bool ok = m_list.add({name.trimmed(), here}, &error);
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
    m_session = session;
    m_list = session ? m_settings->presets(session->rigId()) : PresetList{};
    m_panel->setPresets(m_list.presets());
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

}  // namespace rudebot
