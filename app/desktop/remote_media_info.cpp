#include "desktop/remote_media_info.h"

#include <QAction>
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
    m_panel->move(12, 40);  // under the picture's own status line
    m_panel->hide();
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

}  // namespace rudebot
