// The level meter shows what it is told: a bar as long as the level above -60 dBFS, its colour
// by loudness, hatched grey when off; out-of-range levels are clamped, never drawn past the end.
#include <QTest>

#include "ui/level_meter.h"

using namespace rudebot;

namespace {

// How far the bar reaches along the middle row, as a fraction of the width.
double filled(LevelMeter &meter, QColor *colour = nullptr)
{
    const QImage img = meter.grab().toImage();
    const int y = img.height() / 2;
    const QColor base = meter.palette().color(QPalette::Base);
    int last = -1;
    for (int x = 3; x < img.width() - 3; ++x) {
        if (img.pixelColor(x, y) != base) {
            last = x;
            if (colour && x == 4)
                *colour = img.pixelColor(x, y);
        }
    }
    return last < 0 ? 0 : double(last) / img.width();
}

}  // namespace

class TestLevelMeter : public QObject {
    Q_OBJECT
private slots:
    void level_fillsTheBar_clamped()
    {
        LevelMeter meter;
        meter.resize(200, 14);
        QCOMPARE(meter.level(), LevelMeter::kFloorDb);
        QVERIFY(filled(meter) < 0.05);
        meter.setLevel(-30);
        QVERIFY2(qAbs(filled(meter) - 0.5) < 0.05, qPrintable(QString::number(filled(meter))));
        meter.setLevel(+12);  // clipping input: full, not past the end
        QCOMPARE(meter.level(), 0.0);
        QVERIFY(filled(meter) > 0.95);
        meter.setLevel(-200);
        QCOMPARE(meter.level(), LevelMeter::kFloorDb);
    }

    void colour_followsLoudness_andOffIsNotGreen()
    {
        LevelMeter meter;
        meter.resize(200, 14);
        QColor quiet, loud, off;
        meter.setLevel(-30);
        filled(meter, &quiet);
        meter.setLevel(-1);
        filled(meter, &loud);
        QVERIFY2(quiet.green() > quiet.red(), qPrintable(quiet.name()));
        QVERIFY2(loud.red() > loud.green(), qPrintable(loud.name()));
        meter.setLevel(-30);
        meter.setOff(true);
        QVERIFY(meter.isOff());
        QVERIFY(filled(meter, &off) > 0.3);  // still shows it hears something
        QVERIFY2(off != quiet, qPrintable(off.name()));
    }
};

QTEST_MAIN(TestLevelMeter)
#include "tst_level_meter.moc"
