#include "desktop/recent_menu.h"

namespace rudebot {

RecentMenu::RecentMenu(const QString &title, QWidget *parent) : QMenu(title, parent) { }

void RecentMenu::setConnections(const QStringList &recent)
{
    clear();
    for (const QString &text : recent) {
        QString error;
        const auto target = ConnectionTarget::fromString(text, &error);
        if (!target)
            continue;
        addAction(target->displayName(), this, [this, t = *target] { emit chosen(t); });
    }
    setEnabled(!isEmpty());
}

}  // namespace rudebot
