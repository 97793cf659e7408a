// The remote view's full screen (F11, a double-click on the picture): the picture fills the
// screen, the side panel (dial, presets) floats over its right edge on a translucent backdrop,
// and messages float over the picture beside it, never over the dial; what sits under the
// picture hides. Off again, each part goes back where it was. The window owns the parts; this
// object only moves them.
#pragma once
#include <QObject>

class QGridLayout;
class QHBoxLayout;
class QMainWindow;

namespace rudebot {

class MessageBar;
class PanArrows;
class VideoView;

class RemoteFullScreen : public QObject {
    Q_OBJECT
public:
    struct Parts {
        QMainWindow *window;
        VideoView *video;
        QWidget *side;  // the side panel: a column of the row in the window, an overlay here
        QWidget *below;  // under the picture (the connection line): hidden here
        MessageBar *messages;
        PanArrows *pan;
        QHBoxLayout *row;  // holds the video's column and the side panel
        QGridLayout *column;  // holds the video and the message bar over its top
    };
    // Nothing is owned; all must outlive this object.
    explicit RemoteFullScreen(const Parts &parts, QObject *parent = nullptr);

    bool isOn() const { return m_on; }
    // Returns false when nothing changed (already in that state).
    bool setOn(bool on);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void placeOverlay();

    Parts m_parts;
    bool m_on = false;
};

}  // namespace rudebot
