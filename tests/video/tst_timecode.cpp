#include <QBuffer>
#include <QPainter>
#include <QRandomGenerator>
#include <QTest>

#include "video/timecode.h"
#include "video/virtual_camera.h"

using namespace rudebot;

namespace {
QImage officeFrame(QSize size)
{
    VirtualCameraSettings s;
    s.resolution = size;
    return VirtualCamera(s).grabFrame().convertToFormat(QImage::Format_RGB32);
}

QImage throughJpeg(const QImage &image, int quality)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "JPG", quality);
    return QImage::fromData(bytes, "JPG");
}

// The picture as a viewer shows it: scaled, at an offset on a dark screen.
QImage onScreen(const QImage &frame, QSize shown, QPoint at)
{
    QImage screen(at.x() + shown.width() + 50, at.y() + shown.height() + 20, QImage::Format_RGB32);
    screen.fill(QColor(0x10, 0x11, 0x13));
    QPainter p(&screen);
    p.drawImage(at, frame.scaled(shown, Qt::IgnoreAspectRatio, Qt::SmoothTransformation));
    return screen;
}

int bandCentreRow(QSize frame, QSize shown, QPoint at)
{
    const QRect band = timecodeBand(frame);
    return at.y() + int((band.center().y() + 0.5) * shown.height() / frame.height());
}
}  // namespace

class tst_Timecode : public QObject {
    Q_OBJECT
private slots:
    void decode_readsWhatWasPainted_data();
    void decode_readsWhatWasPainted();
    void decode_readsRandomCodesExactly();
    void decode_rejectsACorruptedCell();
    void decode_findsNothingWithoutACode();
    void age_countsAcrossTheWrap();
    void virtualCamera_stampsEachFrameWithNowAndACounter();
};

void tst_Timecode::decode_readsWhatWasPainted_data()
{
    QTest::addColumn<quint32>("ms");
    QTest::addColumn<quint16>("frame");
    QTest::addColumn<QSize>("shown");
    QTest::addColumn<QPoint>("at");
    QTest::addColumn<int>("quality");  // 0: no JPEG
    QTest::newRow("exact, no JPEG") << 0u << quint16(0) << QSize(1280, 720) << QPoint(0, 0) << 0;
    QTest::newRow("all ones") << 0xffffffffu << quint16(0xffff) << QSize(1280, 720) << QPoint(0, 0)
                              << 80;
    QTest::newRow("q80, unscaled, offset")
        << 123456789u << quint16(4242) << QSize(1280, 720) << QPoint(37, 90) << 80;
    QTest::newRow("q80, viewer size")
        << 987654321u << quint16(17) << QSize(882, 496) << QPoint(10, 71) << 80;
    QTest::newRow("q50, half size")
        << 0x5a5a5a5au << quint16(0xa5a5) << QSize(640, 360) << QPoint(3, 3) << 50;
    QTest::newRow("q80, third size")
        << 31337u << quint16(1) << QSize(427, 240) << QPoint(201, 5) << 80;
    QTest::newRow("q80, enlarged")
        << 2024u << quint16(65000) << QSize(1600, 900) << QPoint(0, 0) << 80;
}

void tst_Timecode::decode_readsWhatWasPainted()
{
    QFETCH(quint32, ms);
    QFETCH(quint16, frame);
    QFETCH(QSize, shown);
    QFETCH(QPoint, at);
    QFETCH(int, quality);
    QImage image = officeFrame({1280, 720});
    paintTimecode(image, {ms, frame});
    if (quality > 0)
        image = throughJpeg(image, quality);
    const QImage screen = onScreen(image, shown, at);
    const auto hit = decodeTimecodeRow(screen, bandCentreRow(image.size(), shown, at));
    QVERIFY(hit);
    QCOMPARE(hit->code.ms, ms);
    QCOMPARE(hit->code.frame, frame);
    // It also says where the picture is, to a pixel or two.
    QVERIFY2(std::abs(hit->left - at.x()) < 2.5, qPrintable(QString::number(hit->left)));
    QVERIFY2(std::abs(hit->width() - shown.width()) < 3, qPrintable(QString::number(hit->width())));
}

void tst_Timecode::decode_readsRandomCodesExactly()
{
    // The band alone, over the office, through JPEG and a viewer's scaling, many times: every
    // code must come back exactly (a misread would be a wrong latency in the benchmark).
    const QImage office = officeFrame({1280, 720});
    const QRect band = timecodeBand(office.size());
    QRandomGenerator random(7);
    const int widths[] = {872, 640, 1056, 427, 1280};
    int wrong = 0, unread = 0;
    for (int i = 0; i < 400; ++i) {
        const Timecode code{random.generate(), quint16(random.bounded(65536))};
        QImage image = office.copy(band.adjusted(0, -8, 0, 0));
        QImage stamped(1280, 720, QImage::Format_RGB32);
        paintTimecode(stamped, code);
        QPainter(&image).drawImage(QPoint(0, 8), stamped, band);
        image = throughJpeg(image, 80);
        const int w = widths[i % 5];
        const QImage shown = image.scaled(
            w, image.height() * w / 1280, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
        const auto hit = decodeTimecodeRow(shown, shown.height() - (band.height() * w / 1280) / 2);
        if (!hit)
            ++unread;
        else if (!(hit->code == code))
            ++wrong;
    }
    QCOMPARE(wrong, 0);
    QCOMPARE(unread, 0);
}

void tst_Timecode::decode_rejectsACorruptedCell()
{
    QImage image(1280, 720, QImage::Format_RGB32);
    image.fill(Qt::gray);
    paintTimecode(image, {0x12345678u, 99});
    const QRect band = timecodeBand(image.size());
    const int row = band.center().y();
    QVERIFY(decodeTimecodeRow(image, row));
    // Flip one data cell (cell 40, in the counter) by painting it the other colour.
    const double cell = image.width() / double(kTimecodeCells);
    const int x = int((40 + 0.5) * cell);
    const QColor now = image.pixelColor(x, row);
    QPainter(&image).fillRect(QRectF(40 * cell, band.top(), cell, band.height()),
        now == Qt::white ? Qt::black : Qt::white);
    QVERIFY(!decodeTimecodeRow(image, row));
}

void tst_Timecode::decode_findsNothingWithoutACode()
{
    const QImage plain = officeFrame({1280, 720});
    for (int y = 0; y < plain.height(); y += 7)
        QVERIFY2(!decodeTimecodeRow(plain, y), qPrintable(QString::number(y)));
    // Above the band, a stamped frame is just the picture.
    QImage stamped = plain;
    paintTimecode(stamped, {1, 2});
    QVERIFY(!decodeTimecodeRow(stamped, timecodeBand(stamped.size()).top() - 2));
    QVERIFY(!decodeTimecodeRow(stamped, -1));
    QVERIFY(!decodeTimecodeRow(stamped, stamped.height()));
}

void tst_Timecode::age_countsAcrossTheWrap()
{
    QCOMPARE(timecodeAgeMs({1000u, 0}, 1042), qint64(42));
    QCOMPARE(timecodeAgeMs({0xfffffff0u, 0}, (qint64(1) << 32) + 0x10), qint64(0x20));
    QCOMPARE(timecodeAgeMs({quint32(5), 0}, (qint64(7) << 32) + 5), qint64(0));
}

void tst_Timecode::virtualCamera_stampsEachFrameWithNowAndACounter()
{
    VirtualCameraSettings settings;
    settings.resolution = {640, 360};
    settings.timecode = true;
    VirtualCamera camera(settings);
    const qint64 before = monotonicMs();
    QList<QImage> frames;
    for (int i = 0; i < 3; ++i)
        frames << camera.grabFrame();
    const qint64 after = monotonicMs();
    for (int i = 0; i < 3; ++i) {
        const auto hit = decodeTimecodeRow(frames[i], timecodeBand(frames[i].size()).center().y());
        QVERIFY(hit);
        QCOMPARE(int(hit->code.frame), i);
        QVERIFY(timecodeAgeMs(hit->code, after) <= after - before);
    }
    // Without the setting, the picture carries no code.
    settings.timecode = false;
    const QImage plain = VirtualCamera(settings).grabFrame();
    QVERIFY(!decodeTimecodeRow(plain, timecodeBand(plain.size()).center().y()));
}

QTEST_MAIN(tst_Timecode)
#include "tst_timecode.moc"
