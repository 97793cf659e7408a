// The remote view, the app's main window: the office camera's picture (click to turn), the rig
// dial, presets and a Stop button beside it, the connection's state, round trip and firmware
// under it. It talks to the rig only through a RigSession, so a station, a serial port, a raw
// bridge and a test fake all look the same here; the picture comes from a VideoSource the
// session names.
//
// When the office holds an override or has parked the camera, a banner on the video says so and
// the controls are disabled. Errors go to a non-modal message bar: what happened, what to do.
#pragma once
#include <QMainWindow>
#include <functional>
#include <memory>
#include <optional>

#include "desktop/connection_target.h"
#include "desktop/rig_session.h"
#include "ui/presets_model.h"

class QAction;
class QGridLayout;
class QHBoxLayout;
class QLabel;
class QMenu;
class QPushButton;

namespace rudebot {

class AppSettings;
class ConnectionStrip;
class HoldToTurn;
class PanArrows;
class MessageBar;
class PresetsPanel;
class RecentMenu;
class RemoteFullScreen;
class RemoteAudio;
class RemoteMediaInfo;
class RemotePresets;
class RemoteSidePanel;
class RemoteMediaPath;
class RemoteVideo;
class RigDial;
class ShortcutsHelp;
class VideoSource;
class VideoStatsPanel;
class VideoView;

class RemoteWindow : public QMainWindow {
    Q_OBJECT
public:
    // Builds the session for a connection the user chose (File > Connect…, recent connections).
    using SessionFactory = std::function<std::unique_ptr<RigSession>(const ConnectionTarget &)>;

    // settings is not owned and must outlive the window.
    // View › Fill the window: the picture may lose up to this share of the frame's width (half
    // each side, about 2° of a 60° lens) to fill the video area rather than letterbox it.
    static constexpr double kTrim = 0.08;

    explicit RemoteWindow(AppSettings *settings, QWidget *parent = nullptr);
    ~RemoteWindow() override;

    void setSessionFactory(SessionFactory factory) { m_factory = std::move(factory); }
    // Takes the session, starts it, and shows what it publishes. Null disconnects.
    void setSession(std::unique_ptr<RigSession> session);
    RigSession *session() const { return m_session.get(); }
    // Connects through the factory and remembers the connection in the recent list.
    void openConnection(const ConnectionTarget &target);

    // Extra entries for the View menu (e.g. the demo's office view), added by the composition.
    QMenu *viewMenu() const { return m_viewMenu; }
    MessageBar *messageBar() const { return m_messages; }
    VideoView *videoView() const { return m_video; }
    VideoSource *videoSource() const { return m_source; }
    RigDial *dial() const { return m_dial; }
    PresetsPanel *presetsPanel() const { return m_presets; }
    QPushButton *stopButton() const { return m_stop; }
    PanArrows *panArrows() const { return m_pan; }
    HoldToTurn *holdToTurn() const { return m_hold; }
    QMenu *rigMenu() const { return m_rigMenu; }
    // The picture's path (real-time or MJPEG), its indicator and statistics panel.
    RemoteMediaPath *mediaPath() const { return m_mediaPath; }
    RemoteAudio *audio() const { return m_audio; }
    QLabel *pathIndicator() const;
    VideoStatsPanel *statsPanel() const;
    QAction *statsAction() const;
    QAction *fillAction() const { return m_fill; }
    QWidget *sidePanel() const;
    bool isVideoFullScreen() const;
    const PresetList &presets() const;
    bool controlsEnabled() const { return m_controlsEnabled; }
    std::optional<double> pendingClickTarget() const { return m_clickTarget; }

    // Shows a problem in the message bar (non-modal): what happened and what to do.
    void showError(const QString &message);
    void showStartHint(std::function<void()> startDemo);  // "not connected" with actions

public slots:
    void showConnectDialog();
    // F11, a double-click on the video: the picture fills the screen, the dial and presets
    // float over its right edge; again (or Esc while nothing turns) comes back.
    void setVideoFullScreen(bool on);
    void showShortcuts();

signals:
    void themeToggled(bool dark);

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void buildMenus();
    QWidget *buildSidePanel();
    void buildPanControls();
    void onSnapshot();
    void requestTarget(double logicalDeg);
    void onPictureClicked(QPointF normalized);
    void askVideoAddress();
    void stopHere();
    void rebuildPresetsMenu();

    static constexpr int kRefusedShowMs = 6000;  // a refused move's message

    AppSettings *m_settings;
    SessionFactory m_factory;
    std::unique_ptr<RigSession> m_session;
    VideoSource *m_source;
    VideoView *m_video;
    MessageBar *m_messages;
    RemoteVideo *m_videoPolicy;
    RemoteMediaPath *m_mediaPath;
    RemoteMediaInfo *m_mediaInfo = nullptr;
    RemoteAudio *m_audio = nullptr;  // remote_audio.h: mute, meters, devices
    RemotePresets *m_presetCtl = nullptr;
    RemoteSidePanel *m_side = nullptr;
    ConnectionStrip *m_strip = nullptr;  // under the picture
    RigDial *m_dial;
    PresetsPanel *m_presets;
    QPushButton *m_stop;
    QMenu *m_viewMenu = nullptr;
    QMenu *m_rigMenu = nullptr;
    QMenu *m_presetsMenu = nullptr;
    PanArrows *m_pan = nullptr;
    QHBoxLayout *m_row = nullptr;
    QGridLayout *m_column = nullptr;  // the video, and the message bar over its top
    QAction *m_fullScreenAction = nullptr;
    QAction *m_fill = nullptr;
    RemoteFullScreen *m_fullScreen = nullptr;
    bool m_toldUnchecked = false;  // this session's "direction not checked" was shown
    int m_speedChoice = 0;  // ms per degree, 0 = as fast as the rig allows (per rig, saved)
    HoldToTurn *m_hold = nullptr;
    RecentMenu *m_recentMenu = nullptr;
    ShortcutsHelp *m_help = nullptr;
    std::optional<double> m_clickTarget;
    bool m_controlsEnabled = false;
    bool m_wasLocked = false;
    bool m_askPending = false;  // asked the office for control, no answer yet
    QString m_lastError;
    // Opened but not yet connected: it joins Recent (the reconnect target) only once it connects.
    QString m_pendingRecent;
};

}  // namespace rudebot
