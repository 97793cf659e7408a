// The remote view's presets: the list kept per rig (AppSettings), what the presets panel asks
// (go to one, home, park, add here, rename, remove, reorder), and the target each one means.
// The window decides whether a target may be sent (controls enabled) and sends it.
//
// Thumbnails: a preset added gets the picture on show; a preset used gets a new one once the
// rig has stood still there for kSettleMs (the picture lags the rig by the video's latency).
// Never while the office pauses the video, and never a stalled picture (currentPicture()).
#pragma once
#include <QImage>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <functional>
#include <optional>

#include "ui/presets_model.h"

namespace rudebot {

class AppSettings;
class PresetsPanel;
class RigSession;

class RemotePresets : public QObject {
    Q_OBJECT
public:
    static constexpr int kSettleMs = 1500;
    static constexpr double kArrivedDeg = 1.0;

    // panel and settings are not owned. dialTargetDeg is where "add here" puts a preset while
    // the rig reports no actual angle (logical degrees). currentPicture is the whole frame on
    // show now (unzoomed), or a null image when there is no live picture.
    RemotePresets(PresetsPanel *panel, AppSettings *settings, std::function<double()> dialTargetDeg,
        std::function<QImage()> currentPicture, QObject *parent = nullptr);

    // Loads the presets of the session's rig (null: none). Not owned.
    void setSession(RigSession *session);
    const PresetList &list() const { return m_list; }

signals:
    void targetRequested(double logicalDeg);  // 0 = home, positive = right as the camera sees it
    void problem(const QString &message);  // a change that was refused, and why
    void thumbnailTaken(int index);  // preset index has a new picture (saved)

private:
    void apply(bool ok, const QString &error);
    bool pictureAllowed() const;
    void watchArrival();  // the session moved: still on the way to, or at, the preset used?
    void takeThumbnail();

    // The preset whose picture is refreshed when the rig gets there: by name (reorder-proof).
    struct Visit {
        QString name;
        double logicalDeg = 0;
    };

    PresetsPanel *m_panel;
    AppSettings *m_settings;
    std::function<double()> m_dialTargetDeg;
    std::function<QImage()> m_currentPicture;
    QPointer<RigSession> m_session;  // the window may delete the old one before setSession()
    PresetList m_list;
    std::optional<Visit> m_visit;
    QTimer m_settle;  // started when the rig stands at the visited preset
};

}  // namespace rudebot
