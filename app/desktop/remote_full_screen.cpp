#include "desktop/remote_full_screen.h"

#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QMainWindow>
#include <QMenuBar>
#include <QStatusBar>
#include <algorithm>

#include "desktop/message_bar.h"
#include "ui/pan_arrows.h"
#include "ui/video_view.h"

namespace rudebot {

RemoteFullScreen::RemoteFullScreen(const Parts &parts, QObject *parent)
    : QObject(parent), m_parts(parts)
{
    m_parts.video->installEventFilter(this);
    m_parts.messages->installEventFilter(this);  // a new message's height, in full screen
}

bool RemoteFullScreen::setOn(bool on)
{
    if (on == m_on)
        return false;
    m_on = on;
    const Parts &p = m_parts;
    p.window->menuBar()->setVisible(!on);
    p.window->statusBar()->setVisible(!on);
    p.below->setVisible(!on);
    const bool messageShown = !p.messages->isHidden();
    if (on) {
        p.side->setParent(p.video);
        p.column->removeWidget(p.messages);
        p.messages->setParent(p.video);  // placed beside the overlay (placeOverlay)
        p.messages->setVisible(messageShown);
        p.side->setAutoFillBackground(true);
        QPalette palette = p.side->palette();
        QColor backdrop = palette.color(QPalette::Window);
        backdrop.setAlpha(225);
        palette.setColor(QPalette::Window, backdrop);
        p.side->setPalette(palette);
        placeOverlay();
        p.side->show();
        p.side->raise();
        p.window->showFullScreen();
    } else {
        p.side->setAutoFillBackground(false);
        p.side->setPalette(QPalette());
        p.row->addWidget(p.side);
        p.side->show();
        p.pan->setRightInset(0);
        p.video->setCoveredRight(0);
        p.column->addWidget(p.messages, 0, 0, Qt::AlignTop);  // back over the video's top edge
        p.messages->setVisible(messageShown);
        p.messages->raise();
        p.window->showNormal();
    }
    return true;
}

void RemoteFullScreen::placeOverlay()
{
    if (!m_on)
        return;
    const Parts &p = m_parts;
    p.side->setGeometry(p.video->width() - p.side->width(), 0, p.side->width(), p.video->height());
    p.pan->setRightInset(p.side->width());
    p.video->setCoveredRight(p.side->width());
    // Messages float over the picture, never over the dial and presets.
    const int width = std::max(200, p.video->width() - p.side->width());
    const int height = p.messages->hasHeightForWidth() ? p.messages->heightForWidth(width)
                                                       : p.messages->sizeHint().height();
    p.messages->setGeometry(0, 0, width, height);
    p.messages->raise();
}

bool RemoteFullScreen::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_parts.video && event->type() == QEvent::Resize)
        placeOverlay();
    if (watched == m_parts.messages
        && (event->type() == QEvent::Show || event->type() == QEvent::LayoutRequest))
        placeOverlay();
    return QObject::eventFilter(watched, event);
}

}  // namespace rudebot
