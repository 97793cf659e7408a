// Keyboard and screen-reader reach of a window, as a user without a mouse meets it: Tab from
// the first control visits every visible, enabled control (by focus alone, no clicks), and each
// has an accessible name and description in the accessibility tree
// (QAccessible::queryAccessibleInterface). Returns one sentence per problem; empty = fine.
// Header-only: widget tests include it and link Qt Widgets themselves.
#pragma once
#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSlider>
#include <QAbstractSpinBox>
#include <QAccessible>
#include <QApplication>
#include <QComboBox>
#include <QLineEdit>
#include <QSet>
#include <QTabBar>
#include <QTest>
#include <QWidget>

namespace keyboard_reach {

// A control a user operates: buttons, fields, lists, sliders, and widgets that take focus
// themselves (the rig dial).
inline bool isControl(const QWidget *w)
{
    if (qobject_cast<const QAbstractButton *>(w) || qobject_cast<const QLineEdit *>(w)
        || qobject_cast<const QAbstractSpinBox *>(w) || qobject_cast<const QComboBox *>(w)
        || qobject_cast<const QAbstractItemView *>(w) || qobject_cast<const QAbstractSlider *>(w)
        || qobject_cast<const QTabBar *>(w))
        return true;
    // A custom widget that asks for focus by Tab is a control too.
    return (w->focusPolicy() & Qt::TabFocus)
        && w->metaObject()->className() != QByteArray("QWidget")
        && !qobject_cast<const QAbstractScrollArea *>(w);
}

inline QString describe(const QWidget *w)
{
    QString name = w->objectName();
    if (auto *b = qobject_cast<const QAbstractButton *>(w))
        name += QStringLiteral(" \"%1\"").arg(b->text());
    return QStringLiteral("%1 %2").arg(QString::fromLatin1(w->metaObject()->className()), name);
}

// Controls the user can see and use now, inside window.
inline QList<QWidget *> visibleControls(QWidget *window)
{
    QList<QWidget *> out;
    for (QWidget *w : window->findChildren<QWidget *>()) {
        if (!w->isVisibleTo(window) || !w->isEnabled() || !isControl(w) || w->window() != window)
            continue;
        // A combo box's line edit, a spin box's line edit, a view's viewport belong to their owner.
        if (qobject_cast<QAbstractSpinBox *>(w->parentWidget())
            || qobject_cast<QComboBox *>(w->parentWidget()))
            continue;
        if (w->focusProxy())
            continue;
        out << w;
    }
    return out;
}

inline QStringList problems(QWidget *window, bool needDescription = true)
{
    QStringList out;
    window->activateWindow();
    if (!QTest::qWaitForWindowActive(window))
        return {QStringLiteral("the window never became active")};
    const QList<QWidget *> controls = visibleControls(window);
    // Tab round the chain, twice its length at most, collecting what gets focus.
    QSet<QWidget *> reached;
    QWidget *first = nullptr;
    for (QWidget *w : controls)
        if (w->focusPolicy() & Qt::TabFocus) {
            first = w;
            break;
        }
    if (first)
        first->setFocus(Qt::TabFocusReason);
    for (int i = 0; i < 2 * controls.size() + 4; ++i) {
        QWidget *f = QApplication::focusWidget();
        if (!f)
            break;
        reached.insert(f);
        QTest::keyClick(f, Qt::Key_Tab);
    }
    for (QWidget *w : controls) {
        if (!reached.contains(w))
            out << QStringLiteral("%1 cannot be reached with Tab").arg(describe(w));
        QAccessibleInterface *a = QAccessible::queryAccessibleInterface(w);
        if (!a) {
            out << QStringLiteral("%1 is not in the accessibility tree").arg(describe(w));
            continue;
        }
        if (a->text(QAccessible::Name).trimmed().isEmpty())
            out << QStringLiteral("%1 has no accessible name").arg(describe(w));
        if (qobject_cast<QTabBar *>(w)) {
            // The bar is a container: each tab is named and described.
            for (int i = 0; i < a->childCount(); ++i) {
                QAccessibleInterface *tab = a->child(i);
                if (!tab || tab->role() != QAccessible::PageTab)
                    continue;
                if (tab->text(QAccessible::Name).trimmed().isEmpty()
                    || (needDescription && tab->text(QAccessible::Description).trimmed().isEmpty()))
                    out << QStringLiteral("%1: tab %2 has no accessible name or description")
                               .arg(describe(w))
                               .arg(i);
            }
        } else if (needDescription && a->text(QAccessible::Description).trimmed().isEmpty()) {
            out << QStringLiteral("%1 has no accessible description").arg(describe(w));
        }
    }
    return out;
}

}  // namespace keyboard_reach
