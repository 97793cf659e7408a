// Where the remote view's picture comes from: the video the session names (the station's own
// stream), else the address the user saved for this rig (File › Video address…); and, while
// there is no picture, what the empty video area says instead (not connected and why, or no
// video on this connection).
#pragma once
#include <QObject>
#include <QString>

namespace rudebot {

class AppSettings;
class RigSession;
class VideoSource;
class VideoView;
struct SessionSnapshot;

class RemoteVideo : public QObject {
    Q_OBJECT
public:
    // Nothing is owned; all must outlive this object.
    RemoteVideo(
        VideoSource *source, VideoView *view, AppSettings *settings, QObject *parent = nullptr);

    // A new session (not owned; null: none): the old one's picture closes.
    void setSession(RigSession *session);
    // Opens the picture for the session's state (a no-op when it is already open). lastError is
    // the last problem shown, to say why there is no picture.
    void update(const SessionSnapshot &snap, const QString &lastError);
    // File › Video address…: asks for this rig's camera address (parent: the dialog's window),
    // saves it and opens it; empty goes back to the session's own video. Needs a session.
    void askAddress(QWidget *parent);
    // The real-time path shows the station's picture (remote_media_path.h): the MJPEG
    // stream closes, and opens again (update) when that path ends.
    void setRealTimeActive(bool active);

signals:
    void problem(const QString &message);  // the picture failed: what happened, what to do

private:
    VideoSource *m_source;
    VideoView *m_view;
    AppSettings *m_settings;
    RigSession *m_session = nullptr;
    bool m_realTime = false;
};

}  // namespace rudebot
