// Light and dark looks. Fusion with the platform's palette, or a dark palette when asked
// (--dark, the View menu) or when the platform itself is dark. Widgets draw with palette
// roles only, so both look right; high-DPI is Qt 6's default scaling.
#pragma once
#include <QPalette>

class QApplication;
class QStyle;

namespace rudebot {

// Both meet WCAG AA (4.5:1) for every text role over its background (tst_theme checks).
QPalette darkPalette();
QPalette lightPalette(const QStyle *style);  // Fusion's, with the roles that missed AA fixed
bool isDark(const QPalette &palette);  // dark window background
void applyTheme(QApplication &app, bool dark);

}  // namespace rudebot
