// What the remote view tells about its picture's path (remote_media_path.h): the indicator in
// the status bar ("Real-time" or "MJPEG", the reason as its tooltip), the statistics panel over
// the picture (View › Video statistics, Ctrl+I, also in full screen; below the message bar
// while a message shows) and a one-time message when the real-time path could not be used. It
// also tells RemoteVideo when MJPEG may close.
#pragma once
#include <QObject>

class QAction;
class QLabel;
class QMainWindow;
class QMenu;

namespace rudebot {

class MessageBar;
class RemoteMediaPath;
class RemoteVideo;
class VideoStatsPanel;
class VideoView;

class RemoteMediaInfo : public QObject {
    Q_OBJECT
public:
    struct Parts {
        QMainWindow *window;  // its status bar holds the indicator; the action works in it
        QMenu *viewMenu;  // gets "Video statistics"
        VideoView *video;  // the statistics panel floats over it
        MessageBar *messages;  // floats over the video too: the panel keeps below it
        RemoteMediaPath *path;
        RemoteVideo *mjpeg;
    };
    // Nothing is owned; all must outlive this object. Makes the indicator, panel and action.
    explicit RemoteMediaInfo(const Parts &parts, QObject *parent = nullptr);

    QLabel *indicator() const { return m_indicator; }
    VideoStatsPanel *statsPanel() const { return m_panel; }
    QAction *statsAction() const { return m_action; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;  // the message bar's moves

private:
    void placePanel(bool messageShown);

    Parts m_parts;
    QLabel *m_indicator;
    VideoStatsPanel *m_panel;
    QAction *m_action;
};

}  // namespace rudebot
