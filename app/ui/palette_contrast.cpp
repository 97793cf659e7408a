#include "ui/palette_contrast.h"

#include <cmath>

namespace rudebot {

namespace {
double channel(double c)
{
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}
}  // namespace

double relativeLuminance(const QColor &c)
{
    const QColor rgb = c.toRgb();
    return 0.2126 * channel(rgb.redF()) + 0.7152 * channel(rgb.greenF())
        + 0.0722 * channel(rgb.blueF());
}

double contrastRatio(const QColor &a, const QColor &b)
{
    const double la = relativeLuminance(a), lb = relativeLuminance(b);
    return (qMax(la, lb) + 0.05) / (qMin(la, lb) + 0.05);
}

QColor errorTextColor(const QPalette &palette)
{
    const QColor window = palette.color(QPalette::Window);
    // Dark red on light backgrounds, light red on dark ones; darkened or lightened further
    // until it reads (a custom palette may be anything).
    const bool dark = window.lightness() < 128;
    QColor c = dark ? QColor(0xff, 0x7b, 0x72) : QColor(0xb3, 0x1d, 0x12);
    for (int i = 0; i < 20 && contrastRatio(c, window) < kWcagAaText; ++i)
        c = dark ? c.lighter(110) : c.darker(115);
    return c;
}

QPalette withErrorText(QPalette palette)
{
    palette.setColor(QPalette::WindowText, errorTextColor(palette));
    return palette;
}

}  // namespace rudebot
