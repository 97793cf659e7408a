// The office view's sound (StationMedia carries it to each remote on the real-time path): a
// "Mute office microphone" button (Ctrl+M), the office microphone's level, whether it is off
// (muted here, or the room is private: park or paused video), each remote's microphone state
// ("Rudy: microphone muted") with the remotes' voice level, and Sound devices… (saved in the
// app's settings, used from the next start of the office view).
#pragma once
#include <QHash>
#include <QObject>

#include "media/media_messages.h"

class QGroupBox;
class QLabel;
class QPushButton;
class QWidget;

namespace rudebot {

class AppSettings;
class LevelMeter;
class Station;
class StationMedia;

class OfficeAudio : public QObject {
    Q_OBJECT
public:
    // Nothing is owned; all must outlive this object. window gets the Ctrl+M shortcut and is
    // the devices dialog's parent; panel() is for the caller to place.
    OfficeAudio(StationMedia *media, Station *station, AppSettings *settings, QWidget *window,
        QObject *parent = nullptr);

    QGroupBox *panel() const { return m_panel; }
    QPushButton *muteButton() const { return m_mute; }
    LevelMeter *microphoneMeter() const { return m_micMeter; }
    LevelMeter *remoteMeter() const { return m_remoteMeter; }
    QLabel *microphoneState() const { return m_micState; }  // "Office microphone off…"
    QLabel *remotesState() const { return m_remotes; }  // "Rudy: microphone muted"

private:
    void refresh();

    StationMedia *m_media;
    Station *m_station;
    AppSettings *m_settings;
    QWidget *m_window;
    QGroupBox *m_panel;
    QPushButton *m_mute;
    LevelMeter *m_micMeter;
    LevelMeter *m_remoteMeter;
    QLabel *m_micState;
    QLabel *m_remotes;
    QHash<int, MediaState> m_remoteStates;  // per client id with a session
};

}  // namespace rudebot
