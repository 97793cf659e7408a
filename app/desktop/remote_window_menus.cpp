// The remote view's menus (File, Rig, View, Help) and the dialogs they open. Part of
// RemoteWindow (remote_window.h), kept apart so the window's file holds the session's wiring.
#include <QAction>
#include <QApplication>
#include <QMenuBar>
#include <QPushButton>

#include "desktop/app_settings.h"
#include "desktop/connect_dialog.h"
#include "desktop/message_bar.h"
#include "desktop/recent_menu.h"
#include "desktop/remote_video.h"
#include "desktop/remote_window.h"
#include "desktop/theme.h"
#include "ui/presets_panel.h"
#include "ui/rig_dial.h"
#include "ui/shortcuts_help.h"
#include "ui/video_view.h"

namespace rudebot {

void RemoteWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *connectAction =
        file->addAction(tr("&Connect…"), this, &RemoteWindow::showConnectDialog);
    connectAction->setShortcut(QKeySequence::Open);
    m_recentMenu = new RecentMenu(tr("&Recent connections"), file);
    file->addMenu(m_recentMenu);
    connect(m_recentMenu, &RecentMenu::chosen, this, &RemoteWindow::openConnection);
    file->addAction(tr("&Video address…"), this, &RemoteWindow::askVideoAddress);
    file->addAction(tr("&Disconnect"), this, [this] { setSession(nullptr); });
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
    quit->setShortcut(QKeySequence::Quit);
    m_recentMenu->setConnections(m_settings->recentConnections());

    QMenu *rig = m_rigMenu = menuBar()->addMenu(tr("&Rig"));
    QAction *stop = rig->addAction(tr("&Stop"), this, &RemoteWindow::stopHere);
    stop->setShortcut(Qt::Key_Escape);
    rig->addAction(tr("&Home"), this, [this] { requestTarget(PresetList::kHomeDeg); })
        ->setShortcut(Qt::Key_Home);
    rig->addAction(tr("&Park"), m_presets, &PresetsPanel::parkRequested);
    rig->addSeparator();
    QAction *left = rig->addAction(
        tr("Turn &left 10°"), this, [this] { requestTarget(m_dial->targetAngle() - 10); });
    left->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Left));
    QAction *right = rig->addAction(
        tr("Turn &right 10°"), this, [this] { requestTarget(m_dial->targetAngle() + 10); });
    right->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Right));
    rig->addSeparator();
    m_presetsMenu = rig->addMenu(tr("&Go to preset"));
    connect(m_presetsMenu, &QMenu::aboutToShow, this, &RemoteWindow::rebuildPresetsMenu);
    rebuildPresetsMenu();
    rig->addAction(tr("&Add preset here…"), m_presets, [this] {
        if (auto *add = m_presets->findChild<QPushButton *>(QStringLiteral("addPreset")))
            add->click();
    });
    addActions(rig->actions());  // their keys work in full screen too, with the menu bar hidden

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    QAction *dark = m_viewMenu->addAction(tr("&Dark theme"));
    dark->setCheckable(true);
    dark->setChecked(isDark(palette()));
    connect(dark, &QAction::toggled, this, &RemoteWindow::themeToggled);
    m_fullScreenAction = m_viewMenu->addAction(tr("&Full screen"));
    m_fullScreenAction->setCheckable(true);
    m_fullScreenAction->setShortcut(Qt::Key_F11);
    connect(m_fullScreenAction, &QAction::toggled, this, &RemoteWindow::setVideoFullScreen);
    addAction(m_fullScreenAction);  // F11 also works with the menu bar hidden
    m_fill = m_viewMenu->addAction(tr("F&ill the window"));
    m_fill->setCheckable(true);
    m_fill->setToolTip(tr("Trim the picture's left and right edges a little so it fills the "
                          "window instead of leaving bars above and below"));
    connect(m_fill, &QAction::toggled, m_video, [this](bool fill) {
        m_video->setMaxCrop(fill ? kTrim : 0);
        m_settings->setFillWindow(fill);
    });
    m_fill->setChecked(m_settings->fillWindow());  // as the last run left it
    m_viewMenu->addSeparator();

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *keys = help->addAction(tr("&Keyboard shortcuts"), this, &RemoteWindow::showShortcuts);
    keys->setShortcut(QKeySequence::HelpContents);
}

void RemoteWindow::rebuildPresetsMenu()
{
    m_presetsMenu->clear();
    const QList<Preset> list = m_presets->presets();
    for (int i = 0; i < list.size(); ++i)
        m_presetsMenu->addAction(
            QStringLiteral("&%1  %2").arg(PresetList::keyLabel(i), list[i].name), this,
            [this, i] { emit m_presets->presetActivated(i); });
    if (list.isEmpty())
        m_presetsMenu->addAction(tr("(no presets yet)"))->setEnabled(false);
}

void RemoteWindow::askVideoAddress()
{
    if (!m_session) {
        m_messages->showMessage(
            tr("Connect first: the video address is kept per rig."), MessageBar::Kind::Info, 6000);
        return;
    }
    m_videoPolicy->askAddress(this);
}

void RemoteWindow::showConnectDialog()
{
    auto *dialog = new ConnectDialog(m_settings->recentConnections(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        if (const auto target = dialog->target())
            openConnection(*target);
    });
    dialog->open();
}

void RemoteWindow::showShortcuts()
{
    if (!m_help)
        m_help = new ShortcutsHelp(this);
    m_help->show();
    m_help->raise();
}

}  // namespace rudebot
