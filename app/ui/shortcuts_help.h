// A small non-modal window listing the keyboard and mouse shortcuts. Text only.
#pragma once
#include <QDialog>
#include <QList>
#include <QPair>

namespace rudebot {

class ShortcutsHelp : public QDialog {
    Q_OBJECT
public:
    explicit ShortcutsHelp(QWidget *parent = nullptr);

    // (keys, what they do), in the order shown. One place, so the table and tests agree.
    static QList<QPair<QString, QString>> rows();
};

}  // namespace rudebot
