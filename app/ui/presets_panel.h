// The presets as buttons ("1 Desk", "2 Whiteboard"), plus Home, Park and "Add current…".
// Passive: it shows the list it is given and emits what the user asks for; the window applies
// requests to a PresetList, shows any error, and calls setPresets() with the result.
// Keys 1..9 press the matching preset's button anywhere in the window (not while typing text).
#pragma once
#include "ui/presets_model.h"

#include <QWidget>
#include <functional>
#include <optional>

class QPushButton;
class QVBoxLayout;

namespace rudebot {

class PresetsPanel : public QWidget {
    Q_OBJECT
public:
    // Asks the user for a name; nullopt if they cancel. Tests replace it with a fake.
    using NamePrompt = std::function<std::optional<QString>(
        QWidget *parent, const QString &title, const QString &label, const QString &initial)>;

    explicit PresetsPanel(QWidget *parent = nullptr);

    void setNamePrompt(NamePrompt prompt) { m_prompt = std::move(prompt); }
    QList<Preset> presets() const { return m_presets; }
    QPushButton *buttonAt(int index) const;  // the preset's button, for tests and focus order

public slots:
    void setPresets(const QList<rudebot::Preset> &presets);

signals:
    void presetActivated(int index);
    void missingPresetRequested(int index);  // key index+1 pressed, with no preset there yet
    void homeRequested();
    void parkRequested();
    void addRequested(const QString &name);  // "add the current direction under this name"
    void renameRequested(int index, const QString &name);
    void removeRequested(int index);
    void moveRequested(int from, int to);

private:
    void rebuildRows();
    void askToAdd();
    void askToRename(int index);

    QList<Preset> m_presets;
    QVBoxLayout *m_layout = nullptr;
    QWidget *m_rows = nullptr;  // replaced as a whole on every setPresets()
    QPushButton *m_add = nullptr;
    NamePrompt m_prompt;
};

}  // namespace rudebot
