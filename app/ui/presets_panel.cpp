#include "ui/presets_panel.h"

#include <QShortcut>

#include "ui/preset_thumbnail.h"
#include "ui/rig_dial.h"

#include <QGridLayout>
#include <QIcon>
#include <QPixmap>
#include <QInputDialog>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

namespace rudebot {

namespace {
std::optional<QString> askWithDialog(
    QWidget *parent, const QString &title, const QString &label, const QString &initial)
{
    bool ok = false;
    const QString name =
        QInputDialog::getText(parent, title, label, QLineEdit::Normal, initial, &ok);
    return ok ? std::optional<QString>(name) : std::nullopt;
}

// Small enough for the side panel's rows, the picture's aspect kept.
QSize thumbnailSize(QSize picture)
{
    return picture.scaled(QSize(48, 28), Qt::KeepAspectRatio);
}
}  // namespace

PresetsPanel::PresetsPanel(QWidget *parent) : QWidget(parent), m_prompt(askWithDialog)
{
    m_layout = new QVBoxLayout(this);
    m_layout->setContentsMargins(0, 0, 0, 0);

    auto *fixed = new QHBoxLayout;
    auto *home = new QPushButton(tr("Home"), this);
    home->setToolTip(tr("Turn straight ahead (0°)"));
    auto *park = new QPushButton(tr("Park"), this);
    park->setToolTip(tr("Turn to the park position, where the rig rests when nobody uses it"));
    fixed->addWidget(home);
    fixed->addWidget(park);
    m_layout->addLayout(fixed);
    connect(home, &QPushButton::clicked, this, &PresetsPanel::homeRequested);
    connect(park, &QPushButton::clicked, this, &PresetsPanel::parkRequested);

    m_add = new QPushButton(tr("Add current…"), this);
    m_add->setObjectName(QStringLiteral("addPreset"));
    m_add->setToolTip(tr("Save the current direction as a preset"));
    connect(m_add, &QPushButton::clicked, this, &PresetsPanel::askToAdd);
    m_layout->addWidget(m_add);
    m_layout->addStretch(1);
    rebuildRows();
}

void PresetsPanel::setPresets(const QList<Preset> &presets)
{
    m_presets = presets;
    rebuildRows();
}

QPushButton *PresetsPanel::buttonAt(int index) const
{
    return m_rows->findChild<QPushButton *>(QStringLiteral("preset%1").arg(index + 1));
}

void PresetsPanel::rebuildRows()
{
    // A request from a row's own menu may lead here: delete the old rows only later.
    if (m_rows) {
        m_rows->hide();
        m_rows->deleteLater();
    }
    m_rows = new QWidget(this);
    auto *grid = new QGridLayout(m_rows);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setColumnStretch(0, 1);
    const int n = int(m_presets.size());
    for (int i = 0; i < n; ++i) {
        const Preset &preset = m_presets[i];
        const QString key = PresetList::keyLabel(i);
        auto *button = new QPushButton(QStringLiteral("%1  %2").arg(key, preset.name), m_rows);
        button->setObjectName(QStringLiteral("preset%1").arg(i + 1));
        button->setToolTip(
            tr("Turn to %1 (key %2)").arg(RigDial::describeAngle(preset.logicalDeg), key));
        if (!key.isEmpty())
            button->setShortcut(QKeySequence(QStringLiteral("%1").arg(key)));
        connect(button, &QPushButton::clicked, this, [this, i] { emit presetActivated(i); });
        // The view there, from the last visit: the name alone does not say where it looks.
        if (const QImage thumb = PresetThumbnail::decode(preset.thumbnail); !thumb.isNull()) {
            button->setIcon(QIcon(QPixmap::fromImage(thumb)));
            button->setIconSize(thumbnailSize(thumb.size()));
            button->setProperty("hasThumbnail", true);
            button->setAccessibleDescription(
                tr("Shows the view there from the last visit. Turns to %1.")
                    .arg(RigDial::describeAngle(preset.logicalDeg)));
        } else {
            button->setAccessibleDescription(tr("Turns to %1. No picture yet: it is taken when "
                                                "the rig gets there.")
                    .arg(RigDial::describeAngle(preset.logicalDeg)));
        }

        auto *angle = new QLabel(RigDial::describeAngle(preset.logicalDeg), m_rows);
        angle->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        angle->setForegroundRole(QPalette::PlaceholderText);  // secondary, in any theme

        auto *more = new QToolButton(m_rows);
        more->setText(QStringLiteral("⋯"));
        more->setAccessibleName(tr("More for %1").arg(preset.name));
        more->setToolTip(tr("Rename, move or remove %1").arg(preset.name));
        more->setAutoRaise(true);
        // Opened by hand rather than with setMenu(), which would add a second arrow to the "⋯".
        auto *menu = new QMenu(more);
        connect(more, &QToolButton::clicked, menu,
            [more, menu] { menu->popup(more->mapToGlobal(QPoint(0, more->height()))); });
        menu->addAction(tr("Rename…"), this, [this, i] { askToRename(i); });
        menu->addAction(tr("Move up"), this, [this, i] { emit moveRequested(i, i - 1); })
            ->setEnabled(i > 0);
        menu->addAction(tr("Move down"), this, [this, i] { emit moveRequested(i, i + 1); })
            ->setEnabled(i < n - 1);
        menu->addSeparator();
        menu->addAction(tr("Remove"), this, [this, i] { emit removeRequested(i); });

        grid->addWidget(button, i, 0);
        grid->addWidget(angle, i, 1);
        grid->addWidget(more, i, 2);
    }
    // The keys with no preset yet say so (the window tells the user) instead of doing nothing.
    for (int i = n; i < PresetList::kMaxPresets; ++i) {
        const QString key = PresetList::keyLabel(i);
        if (key.isEmpty())
            continue;
        auto *shortcut = new QShortcut(QKeySequence(key), m_rows);
        connect(
            shortcut, &QShortcut::activated, this, [this, i] { emit missingPresetRequested(i); });
    }
    if (n == 0) {
        auto *empty = new QLabel(tr("No presets yet. Turn the rig, then “Add current…”."), m_rows);
        empty->setWordWrap(true);
        empty->setForegroundRole(QPalette::PlaceholderText);
        grid->addWidget(empty, 0, 0);
    }
    m_layout->insertWidget(1, m_rows);
    m_add->setEnabled(n < PresetList::kMaxPresets);
}

void PresetsPanel::askToAdd()
{
    const auto name = m_prompt(this, tr("Add preset"), tr("Name for the current direction:"), {});
    if (name && !name->trimmed().isEmpty())
        emit addRequested(name->trimmed());
}

void PresetsPanel::askToRename(int index)
{
    if (index < 0 || index >= m_presets.size())
        return;
    const auto name = m_prompt(this, tr("Rename preset"), tr("New name:"), m_presets[index].name);
    if (name && !name->trimmed().isEmpty() && name->trimmed() != m_presets[index].name)
        emit renameRequested(index, name->trimmed());
}

}  // namespace rudebot
