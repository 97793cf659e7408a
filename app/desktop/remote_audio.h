// The remote view's sound (remote_media_path.h carries it on the real-time path): a microphone
// mute button (Audio › Mute microphone, Ctrl+M, also in full screen), a level meter for this
// microphone and one for the office's voice, "Office microphone off" while the station says
// so (the office muted it, or the room is private) or "The office has no microphone", this
// side's own missing devices ("No microphone", "No speaker": in the status bar for as long as
// it lasts, not only in a message the next one replaces), and Audio › Sound devices… (saved in
// the app's settings, taken by the next connection). The mute holds across connections.
#pragma once
#include <QObject>
#include <QPointer>

class QAction;
class QLabel;
class QMainWindow;
class QToolButton;

namespace rudebot {

class AppSettings;
class LevelMeter;
class MediaClient;
class MessageBar;
class RemoteMediaPath;

class RemoteAudio : public QObject {
    Q_OBJECT
public:
    struct Parts {
        QMainWindow *window;  // its status bar holds the controls; its menu bar gets Audio
        RemoteMediaPath *path;
        AppSettings *settings;
        MessageBar *messages;  // a device that cannot be used is said here
    };
    // Nothing is owned; all must outlive this object.
    explicit RemoteAudio(const Parts &parts, QObject *parent = nullptr);

    bool microphoneMuted() const { return m_muted; }
    QAction *muteAction() const { return m_mute; }
    QAction *devicesAction() const { return m_devices; }
    QToolButton *muteButton() const { return m_button; }
    LevelMeter *microphoneMeter() const { return m_micMeter; }
    LevelMeter *officeMeter() const { return m_officeMeter; }
    QLabel *officeMicrophoneLabel() const { return m_officeOff; }
    QLabel *ownDevicesLabel() const { return m_ownOff; }  // hidden while both devices work

public slots:
    void setMicrophoneMuted(bool muted);

signals:
    void microphoneMutedChanged(bool muted);

private:
    void attach(MediaClient *client);
    void applyDevices();
    void showOfficeState();

    Parts m_parts;
    QPointer<MediaClient> m_client;
    bool m_muted = false;
    bool m_haveMicrophone = false;
    QAction *m_mute;
    QAction *m_devices;
    QToolButton *m_button;
    LevelMeter *m_micMeter;
    LevelMeter *m_officeMeter;
    QLabel *m_officeOff;
    QLabel *m_ownOff;
};

}  // namespace rudebot
