// The first visible top-level window of a type, for tests that drive windows the app opens by
// itself (the calibration wizard, dialogs). Header-only: only widget tests include it.
#pragma once
#include <QApplication>
#include <QWidget>

namespace rudebot::test {

template <typename T> T *visibleTopLevel()
{
    for (QWidget *w : QApplication::topLevelWidgets())
        if (auto *t = qobject_cast<T *>(w); t && t->isVisible())
            return t;
    return nullptr;
}

}  // namespace rudebot::test
