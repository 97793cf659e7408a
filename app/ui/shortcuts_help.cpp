#include "ui/shortcuts_help.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QScrollBar>
#include <QTableWidget>
#include <QVBoxLayout>

namespace rudebot {

QList<QPair<QString, QString>> ShortcutsHelp::rows()
{
    return {
        {tr("Left / Right"), tr("Turn 1° (rig dial focused)")},
        {tr("Shift+Left / Shift+Right"), tr("Turn 10° (rig dial focused)")},
        {tr("Page Down / Page Up"), tr("Turn 10° left / right (rig dial focused)")},
        {tr("Home"), tr("Turn straight ahead")},
        {tr("Hold Left / Right on the video"), tr("Turn while held; stops when let go")},
        {tr("Hold \u25c0 / \u25b6 on the video"),
            tr("The same with the mouse (Space when focused)")},
        {tr("Ctrl+Left / Ctrl+Right"), tr("Turn 10° left / right")},
        {tr("Mouse wheel on the dial"), tr("Turn 1° per notch, up = right")},
        {tr("Click or drag on the dial"), tr("Turn to that direction")},
        {tr("Click on the video"), tr("Turn so that spot comes to the centre")},
        {tr("Wheel on the video, + / − / 0"), tr("Zoom in / out / back to 1× (up to 4×)")},
        {tr("F11, double-click on the video"), tr("Full screen")},
        {tr("Ctrl+I"), tr("Video statistics (path, frame rate, bitrate, loss)")},
        {tr("1 … 9"), tr("Go to preset 1 … 9")},
        {tr("Esc"), tr("Stop the rig where it is")},
        {tr("Ctrl+M"), tr("Mute or unmute your microphone")},
        {tr("Ctrl+O"), tr("Connect to a station, an Arduino or a bridge")},
        {tr("Ctrl+Shift+O"), tr("Office view (in the demo)")},
        {tr("F1"), tr("This list")},
        {tr("Ctrl+Q"), tr("Quit")},
    };
}

ShortcutsHelp::ShortcutsHelp(QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("Keyboard shortcuts"));
    setModal(false);
    const auto list = rows();
    auto *table = new QTableWidget(int(list.size()), 2, this);
    table->setHorizontalHeaderLabels({tr("Keys"), tr("Action")});
    for (int i = 0; i < list.size(); ++i) {
        table->setItem(i, 0, new QTableWidgetItem(list[i].first));
        table->setItem(i, 1, new QTableWidgetItem(list[i].second));
    }
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionMode(QAbstractItemView::NoSelection);
    table->setFocusPolicy(Qt::NoFocus);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    table->horizontalHeader()->setStretchLastSection(true);
    table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    table->setShowGrid(false);
    table->setAlternatingRowColors(true);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);

    // Every row in view, no scrolling: the table asks for the room its contents need.
    table->resizeColumnsToContents();
    table->resizeRowsToContents();
    table->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    table->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    const int frame = 2 * table->frameWidth();
    table->setMinimumSize(table->horizontalHeader()->length() + frame + 24,
        table->horizontalHeader()->sizeHint().height() + table->verticalHeader()->length() + frame);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(table);
    layout->addWidget(buttons);
    adjustSize();
}

}  // namespace rudebot
