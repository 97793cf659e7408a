// Text contrast as WCAG 2.1 defines it (relative luminance, ratio 1..21), and the colours the
// app uses for text that must stand out (errors) chosen per palette so they stay readable in
// both themes. AA asks for 4.5:1 for normal text.
#pragma once
#include <QColor>
#include <QPalette>

namespace rudebot {

constexpr double kWcagAaText = 4.5;

double relativeLuminance(const QColor &c);
double contrastRatio(const QColor &a, const QColor &b);
// A red for error text over the palette's Window colour, at least kWcagAaText against it.
QColor errorTextColor(const QPalette &palette);
// A copy of palette whose WindowText is errorTextColor(): for labels that say what went wrong.
QPalette withErrorText(QPalette palette);

}  // namespace rudebot
