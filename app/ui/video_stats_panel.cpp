#include "ui/video_stats_panel.h"

#include <QLabel>
#include <QVBoxLayout>

namespace rudebot {

VideoStatsPanel::VideoStatsPanel(QWidget *parent) : QFrame(parent), m_label(new QLabel(this))
{
    setObjectName(QStringLiteral("videoStatsPanel"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    // Over the picture: readable on any image, and clicks on it still reach nothing below.
    setStyleSheet(QStringLiteral("#videoStatsPanel { background: rgba(0, 0, 0, 180); "
                                 "border-radius: 6px; } QLabel { color: white; }"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 8, 10, 8);
    m_label->setTextFormat(Qt::PlainText);
    m_label->setFont(QFont(QStringLiteral("monospace")));
    layout->addWidget(m_label);
    setStatistics({});
}

QString VideoStatsPanel::pathName(VideoPathStatistics::Path path)
{
    switch (path) {
    case VideoPathStatistics::Path::None: return tr("No video");
    case VideoPathStatistics::Path::RealTime: return tr("Real-time (WebRTC)");
    case VideoPathStatistics::Path::Mjpeg: return tr("MJPEG fallback");
    }
    return {};
}

QString VideoStatsPanel::lossText(const VideoPathStatistics &s)
{
    if (s.lossPercent < 0)
        return tr("none (TCP)");
    const QString lost = tr("%1 %").arg(s.lossPercent, 0, 'f', 1);
    // What the loss cost: a packet retransmission repaired is invisible, one it did not breaks
    // the picture until a keyframe.
    if (s.unrepairedPercent >= 0.05)
        return tr("%1 (%2 % not repaired)").arg(lost).arg(s.unrepairedPercent, 0, 'f', 1);
    return s.lossPercent >= 0.05 ? tr("%1 (all repaired)").arg(lost) : lost;
}

QString VideoStatsPanel::text() const
{
    return m_label->text();
}

void VideoStatsPanel::setStatistics(const VideoPathStatistics &s)
{
    const QString unknown = QStringLiteral("–");
    QStringList lines;
    lines << tr("Path:          %1").arg(pathName(s.path));
    if (!s.note.isEmpty())
        lines << tr("               %1").arg(s.note);
    if (!s.route.isEmpty())
        lines << tr("Route:         %1").arg(s.route);
    lines << tr("Resolution:    %1")
                 .arg(s.resolution.isEmpty() ? unknown
                                             : QStringLiteral("%1×%2")
                                                   .arg(s.resolution.width())
                                                   .arg(s.resolution.height()));
    lines << tr("Frame rate:    %1 fps").arg(s.fps, 0, 'f', 1);
    lines << tr("Bitrate:       %1")
                 .arg(s.kbps >= 1000 ? tr("%1 Mbit/s").arg(s.kbps / 1000, 0, 'f', 2)
                                     : tr("%1 kbit/s").arg(s.kbps, 0, 'f', 0));
    lines << tr("Glass to glass: %1")
                 .arg(s.glassToGlassMs < 0 ? unknown : tr("~%1 ms").arg(qRound(s.glassToGlassMs)));
    lines << tr("Loss:          %1").arg(lossText(s));
    m_label->setText(lines.join(QLatin1Char('\n')));
    setAccessibleName(tr("Video statistics"));
    setAccessibleDescription(m_label->text());
    adjustSize();
}

}  // namespace rudebot
