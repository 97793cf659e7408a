// File › Recent connections, a passive menu: shows the connections it is given (most recent
// first, by their display names) and says which one the user chose.
#pragma once
#include <QMenu>

#include "desktop/connection_target.h"

namespace rudebot {

class RecentMenu : public QMenu {
    Q_OBJECT
public:
    explicit RecentMenu(const QString &title, QWidget *parent = nullptr);

    // ConnectionTarget strings; those that no longer parse are left out. Empty disables the menu.
    void setConnections(const QStringList &recent);

signals:
    void chosen(const ConnectionTarget &target);
};

}  // namespace rudebot
