// Preset thumbnails in the presets file: they round-trip, a damaged one costs only that picture
// (the presets load, a warning names the preset), and junk is refused with a reason.
#include <QtTest>

#include <QPainter>

#include "ui/preset_thumbnail.h"
#include "ui/presets_model.h"

using namespace rudebot;

namespace {
QImage frame(QColor colour, QSize size = {1280, 720})
{
    QImage image(size, QImage::Format_RGB32);
    image.fill(colour);
    QPainter(&image).fillRect(0, 0, size.width() / 4, size.height(), Qt::white);  // a feature
    return image;
}

QByteArray fileWithThumbnail(const QByteArray &thumbnailJson)
{
    return R"({"format": "rudebot-presets", "version": 1, "parkLogicalDeg": -75, "presets": [)"
           R"({"name": "Desk", "logicalDeg": 20, "thumbnail": )"
        + thumbnailJson + R"(}, {"name": "Door", "logicalDeg": 72}]})";
}

QByteArray base64Json(const QByteArray &bytes)
{
    return '"' + bytes.toBase64() + '"';
}

QByteArray bigJpeg()
{
    QByteArray jpeg;
    QBuffer b(&jpeg);
    b.open(QIODevice::WriteOnly);
    frame(Qt::red, {640, 480}).save(&b, "JPEG", 75);
    return jpeg;
}
}  // namespace

class TestPresetThumbnails : public QObject {
    Q_OBJECT

private slots:
    void fromFrame_isASmallJpegWithTheFramesAspect();
    void json_roundTripsTheThumbnail();
    void json_fileWithoutThumbnailsStillLoads();
    void json_damagedThumbnail_keepsEveryPreset_andSaysWhich_data();
    void json_damagedThumbnail_keepsEveryPreset_andSaysWhich();
    void setThumbnail_refusesJunk_andKeepsTheOldPicture();
};

void TestPresetThumbnails::fromFrame_isASmallJpegWithTheFramesAspect()
{
    const QByteArray jpeg = PresetThumbnail::fromFrame(frame(Qt::blue));
    QVERIFY2(PresetThumbnail::problem(jpeg).isEmpty(), qPrintable(PresetThumbnail::problem(jpeg)));
    const QImage back = PresetThumbnail::decode(jpeg);
    QCOMPARE(back.size(), QSize(160, 90));  // 16:9 kept inside 160×120
    QVERIFY(jpeg.size() < 12 * 1024);
    // It is the picture: blue where the frame was blue, white where it was white.
    QVERIFY(qBlue(back.pixel(120, 45)) > 200 && qRed(back.pixel(120, 45)) < 60);
    QVERIFY(qRed(back.pixel(10, 45)) > 200);
    QVERIFY(PresetThumbnail::fromFrame(QImage()).isEmpty());
}

void TestPresetThumbnails::json_roundTripsTheThumbnail()
{
    PresetList list;
    QVERIFY(list.add({"Desk", 20, PresetThumbnail::fromFrame(frame(Qt::green))}));
    QVERIFY(list.add({"Door", 72}));
    PresetList loaded;
    QString error;
    QStringList warnings;
    QVERIFY2(loaded.loadJson(list.toJson(), &error, &warnings), qPrintable(error));
    QVERIFY(warnings.isEmpty());
    QCOMPARE(loaded.presets(), list.presets());
    QVERIFY(!loaded.at(0).thumbnail.isEmpty());
    QVERIFY(loaded.at(1).thumbnail.isEmpty());
    QVERIFY(!list.toJson().contains(R"("name": "Door", "thumbnail")"));  // none, not ""
}

void TestPresetThumbnails::json_fileWithoutThumbnailsStillLoads()
{
    const QByteArray old = R"({"format": "rudebot-presets", "version": 1, "parkLogicalDeg": 0,
        "presets": [{"name": "Desk", "logicalDeg": 20}]})";
    PresetList loaded;
    QStringList warnings;
    QVERIFY(loaded.loadJson(old, nullptr, &warnings));
    QCOMPARE(loaded.count(), 1);
    QVERIFY(warnings.isEmpty());
}

void TestPresetThumbnails::json_damagedThumbnail_keepsEveryPreset_andSaysWhich_data()
{
    QTest::addColumn<QByteArray>("thumbnail");
    QTest::addColumn<QString>("reason");
    const QByteArray good = PresetThumbnail::fromFrame(frame(Qt::green));
    QTest::newRow("not text") << QByteArray("42") << "not text";
    QTest::newRow("not base64") << QByteArray(R"("@@@ not base64 @@@")") << "not base64";
    QTest::newRow("empty") << QByteArray(R"("")") << "empty";
    QTest::newRow("not a JPEG") << base64Json("GIF89a and then some") << "cut short";
    QTest::newRow("cut short") << base64Json(good.left(good.size() / 2)) << "cut short";
    QTest::newRow("garbage ending like a JPEG")
        << base64Json(QByteArray(300, 'x') + "\xff\xd9") << "not a JPEG";
    QTest::newRow("too large a picture") << base64Json(bigJpeg()) << "640×480";
    QTest::newRow("too many bytes")
        << base64Json(good.left(2) + QByteArray(PresetThumbnail::kMaxBytes, '\0') + "\xff\xd9")
        << "KB";
}

void TestPresetThumbnails::json_damagedThumbnail_keepsEveryPreset_andSaysWhich()
{
    QFETCH(QByteArray, thumbnail);
    QFETCH(QString, reason);
    PresetList list;
    QString error;
    QStringList warnings;
    QVERIFY2(list.loadJson(fileWithThumbnail(thumbnail), &error, &warnings), qPrintable(error));
    QCOMPARE(list.count(), 2);  // nothing lost but the picture
    QCOMPARE(list.at(0).name, QStringLiteral("Desk"));
    QCOMPARE(list.at(0).logicalDeg, 20.0);
    QCOMPARE(list.parkDeg(), -75.0);
    QVERIFY(list.at(0).thumbnail.isEmpty());
    QCOMPARE(warnings.size(), 1);
    QVERIFY2(warnings.first().contains(QStringLiteral("preset 1 (“Desk”)")), qPrintable(warnings.first()));
    QVERIFY2(warnings.first().contains(reason), qPrintable(warnings.first()));
}

void TestPresetThumbnails::setThumbnail_refusesJunk_andKeepsTheOldPicture()
{
    PresetList list;
    const QByteArray good = PresetThumbnail::fromFrame(frame(Qt::green));
    QVERIFY(list.add({"Desk", 20, good}));
    QString error;
    QVERIFY(!list.setThumbnail(0, "junk", &error));
    QVERIFY2(error.contains(QStringLiteral("unusable")), qPrintable(error));
    QCOMPARE(list.at(0).thumbnail, good);
    QVERIFY(!list.setThumbnail(3, good, &error));
    QVERIFY(error.contains(QStringLiteral("no preset 4")));
    QVERIFY(!list.add({"Door", 72, "junk"}, &error));  // refused whole: no half-made preset
    QCOMPARE(list.count(), 1);
}

QTEST_MAIN(TestPresetThumbnails)
#include "tst_preset_thumbnails.moc"
