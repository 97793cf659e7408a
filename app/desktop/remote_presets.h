// The remote view's presets: the list kept per rig (AppSettings), what the presets panel asks
// (go to one, home, park, add here, rename, remove, reorder), and the target each one means.
// The window decides whether a target may be sent (controls enabled) and sends it.
#pragma once
#include <QObject>
#include <functional>

#include "ui/presets_model.h"

namespace rudebot {

class AppSettings;
class PresetsPanel;
class RigSession;

class RemotePresets : public QObject {
    Q_OBJECT
public:
    // panel and settings are not owned. dialTargetDeg is where "add here" puts a preset while
    // the rig reports no actual angle (logical degrees).
    RemotePresets(PresetsPanel *panel, AppSettings *settings, std::function<double()> dialTargetDeg,
        QObject *parent = nullptr);

    // Loads the presets of the session's rig (null: none). Not owned.
    void setSession(RigSession *session);
    const PresetList &list() const { return m_list; }

signals:
    void targetRequested(double logicalDeg);  // 0 = home, positive = right as the camera sees it
    void problem(const QString &message);  // a change that was refused, and why

private:
    void apply(bool ok, const QString &error);

    PresetsPanel *m_panel;
    AppSettings *m_settings;
    std::function<double()> m_dialTargetDeg;
    RigSession *m_session = nullptr;
    PresetList m_list;
};

}  // namespace rudebot
