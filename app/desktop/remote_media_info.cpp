#include "desktop/remote_media_info.h"

#include <QAction>
#include <QEvent>
#include <algorithm>
#include <QLabel>
#include <QMainWindow>
#include <QMenu>
#include <QStatusBar>

#include "desktop/message_bar.h"
#include "desktop/remote_media_path.h"
#include "desktop/remote_video.h"
#include "ui/video_stats_panel.h"
#include "ui/video_view.h"

namespace rudebot {

RemoteMediaInfo::RemoteMediaInfo(const Parts &parts, QObject *parent)
    : QObject(parent), m_parts(parts),
      m_indicator(new QLabel(
          VideoStatsPanel::pathName(VideoPathStatistics::Path::None), parts.window)),
      m_panel(new VideoStatsPanel(parts.video)),
      m_action(parts.viewMenu->addAction(tr("Video &statistics")))
{
    m_indicator->setObjectName(QStringLiteral("videoPath"));
    parts.window->statusBar()->addPermanentWidget(m_indicator);
    placePanel(false);
    m_panel->hide();
    parts.messages->installEventFilter(this);
    parts.video->installEventFilter(this);  // full screen moves the video, not the bar
    m_action->setCheckable(true);
    m_action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    parts.window->addAction(m_action);  // also in full screen, with the menu bar hidden
    connect(m_action, &QAction::toggled, m_panel, [this](bool on) {
        m_panel->setStatistics(m_parts.path->statistics());
        m_panel->setVisible(on);
        m_panel->raise();
    });
    connect(parts.path, &RemoteMediaPath::statisticsUpdated, m_panel,
        &VideoStatsPanel::setStatistics);
    connect(parts.path, &RemoteMediaPath::realTimeActiveChanged, parts.mjpeg,
        &RemoteVideo::setRealTimeActive);
    connect(parts.path, &RemoteMediaPath::pathChanged, this,
        [this](VideoPathStatistics::Path path, const QString &note) {
            m_indicator->setText(VideoStatsPanel::pathName(path));
            m_indicator->setToolTip(note);
            // Said once, when the real-time path could not be used or was lost.
            MediaClient *client = m_parts.path->mediaClient();
            if (path == VideoPathStatistics::Path::Mjpeg && !note.isEmpty() && client
                && client->state() == MediaClient::State::Failed)
                m_parts.messages->showMessage(
                    tr("Real-time video is not available: %1 Showing the MJPEG stream instead, "
                       "which lags more on a slow connection.")
                        .arg(note),
                    MessageBar::Kind::Info, 12000);
        });
}

bool RemoteMediaInfo::eventFilter(QObject *watched, QEvent *event)
{
    const bool bar = watched == m_parts.messages;
    if (bar && event->type() == QEvent::Show)
        placePanel(true);
    else if (bar && event->type() == QEvent::Hide)
        placePanel(false);
    else if ((bar || watched == m_parts.video)
        && (event->type() == QEvent::Move || event->type() == QEvent::Resize))
        placePanel(m_parts.messages->isVisible());
    return QObject::eventFilter(watched, event);
}

void RemoteMediaInfo::placePanel(bool messageShown)
{
    // Under the picture's own status line, and under a message (two lines of it covered the
    // panel's first lines): both float over the video, so the panel follows the bar's bottom.
    int top = 40;
    if (messageShown) {
        const QPoint barBottom = m_parts.video->mapFromGlobal(
            m_parts.messages->mapToGlobal(QPoint(0, m_parts.messages->height())));
        top = std::max(top, barBottom.y() + 8);
    }
    m_panel->move(12, top);
}

}  // namespace rudebot
