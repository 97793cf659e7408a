// Light and dark looks. Fusion with the platform's palette, or a dark palette when asked
// (--dark, the View menu) or when the platform itself is dark. Widgets draw with palette
// roles only, so both look right; high-DPI is Qt 6's default scaling.
#pragma once
#include <QPalette>

class QApplication;

namespace rudebot {

QPalette darkPalette();
bool isDark(const QPalette &palette);  // dark window background
void applyTheme(QApplication &app, bool dark);

} // namespace rudebot
