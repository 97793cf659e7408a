// VideoView: the picture is shown letterboxed, clicks map to picture coordinates, and the frame
// rate and stall state follow an injected clock (no real waiting).
#include <QtTest>

#include "ui/video_view.h"

#include <QPainter>

using namespace rudebot;

namespace {

// Left half red, right half blue: shows both the picture and which way round it is.
QImage halves(QSize size)
{
    QImage image(size, QImage::Format_RGB32);
    QPainter p(&image);
    p.fillRect(0, 0, size.width() / 2, size.height(), Qt::red);
    p.fillRect(size.width() / 2, 0, size.width() - size.width() / 2, size.height(), Qt::blue);
    return image;
}

void click(QWidget *w, QPointF pos)
{
    QMouseEvent press(QEvent::MouseButtonPress, pos, w->mapToGlobal(pos), Qt::LeftButton,
        Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(w, &press);
    QMouseEvent release(QEvent::MouseButtonRelease, pos, w->mapToGlobal(pos), Qt::LeftButton,
        Qt::NoButton, Qt::NoModifier);
    QCoreApplication::sendEvent(w, &release);
}

bool near(QColor a, QColor b)
{
    return qAbs(a.red() - b.red()) + qAbs(a.green() - b.green()) + qAbs(a.blue() - b.blue()) < 30;
}

int whitePixelsAround(const QImage &image, QPointF centre, int radius)
{
    int count = 0;
    for (int y = int(centre.y()) - radius; y <= int(centre.y()) + radius; ++y)
        for (int x = int(centre.x()) - radius; x <= int(centre.x()) + radius; ++x)
            if (image.rect().contains(x, y) && qGray(image.pixel(x, y)) > 220)
                ++count;
    return count;
}

// A clock the test moves by hand.
struct FakeClock {
    qint64 now = 100000;
    VideoView::Clock fn()
    {
        return [this] { return now; };
    }
};

}  // namespace

class TestVideoView : public QObject {
    Q_OBJECT

private slots:
    void zoom_wheelZoomsAtThePointer_clicksStayInFrameCoordinates();
    void frame_isShownWithItsColours();
    void maxCrop_fillsATallerView_trimsTheSidesUpToTheLimit_clicksStayInFrameCoordinates();
    void picture_isLetterboxedToItsAspectRatio_data();
    void picture_isLetterboxedToItsAspectRatio();
    void click_emitsNormalizedPicturePoint_data();
    void click_emitsNormalizedPicturePoint();
    void clickMarker_staysOnThePictureAcrossResizes();
    void clickMarker_clears();
    void noFrameYet_saysWaiting();
    void noFrameForTwoSeconds_showsStalled();
    void framesPerSecond_comesFromArrivalTimes_data();
    void framesPerSecond_comesFromArrivalTimes();
    void banner_isPaintedInItsKindsColour();
};

void TestVideoView::frame_isShownWithItsColours()
{
    VideoView view;
    view.resize(320, 180);
    view.setFrame(halves({400, 300}));
    const QImage shot = view.grab().toImage();
    QVERIFY(near(shot.pixelColor(100, 90), Qt::red));
    QVERIFY(near(shot.pixelColor(220, 90), Qt::blue));
    QVERIFY(qGray(shot.pixel(20, 90)) < 40);  // letterbox bar: dark
    QVERIFY(qGray(shot.pixel(300, 90)) < 40);
}

void TestVideoView::picture_isLetterboxedToItsAspectRatio_data()
{
    QTest::addColumn<QSize>("widget");
    QTest::addColumn<QSize>("image");
    QTest::addColumn<QRectF>("expected");
    QTest::newRow("4:3 in 16:9: bars left and right")
        << QSize(320, 180) << QSize(400, 300) << QRectF(40, 0, 240, 180);
    QTest::newRow("16:9 in 4:3: bars top and bottom")
        << QSize(320, 240) << QSize(640, 360) << QRectF(0, 30, 320, 180);
    QTest::newRow("same aspect: fills")
        << QSize(640, 360) << QSize(1280, 720) << QRectF(0, 0, 640, 360);
    QTest::newRow("small image: scaled up")
        << QSize(640, 480) << QSize(160, 120) << QRectF(0, 0, 640, 480);
}

void TestVideoView::picture_isLetterboxedToItsAspectRatio()
{
    QFETCH(QSize, widget);
    QFETCH(QSize, image);
    QFETCH(QRectF, expected);
    VideoView view;
    view.resize(widget);
    view.setFrame(halves(image));
    QCOMPARE(view.pictureRect(), expected);
}

void TestVideoView::click_emitsNormalizedPicturePoint_data()
{
    QTest::addColumn<QPointF>("at");
    QTest::addColumn<bool>("emits");
    QTest::addColumn<QPointF>("expected");
    // 320x180 widget, 4:3 picture at (40, 0, 240, 180).
    QTest::newRow("centre") << QPointF(160, 90) << true << QPointF(0.5, 0.5);
    QTest::newRow("lower left quarter") << QPointF(100, 135) << true << QPointF(0.25, 0.75);
    QTest::newRow("top left corner") << QPointF(40, 0) << true << QPointF(0, 0);
    QTest::newRow("left bar") << QPointF(20, 90) << false << QPointF();
    QTest::newRow("right bar") << QPointF(300, 90) << false << QPointF();
}

void TestVideoView::click_emitsNormalizedPicturePoint()
{
    QFETCH(QPointF, at);
    QFETCH(bool, emits);
    QFETCH(QPointF, expected);
    VideoView view;
    view.resize(320, 180);
    view.setFrame(halves({400, 300}));
    QSignalSpy spy(&view, &VideoView::pictureClicked);
    click(&view, at);
    QCOMPARE(spy.count(), emits ? 1 : 0);
    QCOMPARE(view.hasClickMarker(), emits);
    if (emits) {
        QCOMPARE(spy.at(0).at(0).toPointF(), expected);
        QCOMPARE(view.clickMarker(), expected);
    }
}

void TestVideoView::clickMarker_staysOnThePictureAcrossResizes()
{
    VideoView view;
    view.resize(320, 180);
    QImage black(400, 300, QImage::Format_RGB32);
    black.fill(Qt::black);
    view.setFrame(black);  // only the marker is white
    click(&view, {100, 45});  // (0.25, 0.25) of the picture
    QVERIFY(whitePixelsAround(view.grab().toImage(), {100, 45}, 30) > 20);

    view.resize(640, 360);  // picture now at (80, 0, 480, 360)
    const QPointF moved = view.mapFromNormalized(view.clickMarker());
    QCOMPARE(moved, QPointF(80 + 0.25 * 480, 0.25 * 360));
    const QImage shot = view.grab().toImage();
    QVERIFY(whitePixelsAround(shot, moved, 30) > 20);
    QCOMPARE(whitePixelsAround(shot, {100, 45}, 12), 0);  // nothing left at the old spot
}

void TestVideoView::clickMarker_clears()
{
    VideoView view;
    view.resize(320, 180);
    view.setFrame(halves({400, 300}));
    click(&view, {160, 90});
    QVERIFY(view.hasClickMarker());
    view.clearClickMarker();
    QVERIFY(!view.hasClickMarker());
}

void TestVideoView::noFrameYet_saysWaiting()
{
    VideoView view;
    view.setPlaceholderText("Connecting to the office…");
    QCOMPARE(view.statusText(), QStringLiteral("Waiting for video…"));
    QCOMPARE(view.placeholderText(), QStringLiteral("Connecting to the office…"));
    view.setIdleTitle("Not connected");  // nothing is on its way: no "Waiting"
    QCOMPARE(view.statusText(), QStringLiteral("Not connected"));
    view.setIdleTitle({});
    QCOMPARE(view.statusText(), QStringLiteral("Waiting for video…"));
    QVERIFY(!view.isStalled());
    QCOMPARE(view.msSinceLastFrame(), -1);
    QSignalSpy spy(&view, &VideoView::pictureClicked);
    view.resize(320, 180);
    click(&view, {160, 90});  // nothing to point at yet
    QCOMPARE(spy.count(), 0);
}

void TestVideoView::noFrameForTwoSeconds_showsStalled()
{
    FakeClock clock;
    VideoView view;
    view.setClock(clock.fn());
    view.setFrame(halves({64, 48}));
    clock.now += 1500;
    QVERIFY(!view.isStalled());
    QCOMPARE(view.statusText(), QStringLiteral("Last frame 1.5 s ago"));
    clock.now += 500;
    QVERIFY(!view.isStalled());  // exactly 2 s: not yet
    clock.now += 1;
    QVERIFY(view.isStalled());
    QCOMPARE(view.statusText(), QStringLiteral("Video stalled: no new picture for 2.0 s"));
    clock.now += 10000;
    QVERIFY(view.statusText().contains("for 12 s"));
    view.setFrame(halves({64, 48}));
    QVERIFY(!view.isStalled());
}

void TestVideoView::framesPerSecond_comesFromArrivalTimes_data()
{
    QTest::addColumn<int>("intervalMs");
    QTest::addColumn<double>("expectedFps");
    QTest::addColumn<QString>("expectedText");
    QTest::newRow("25 fps") << 40 << 25.0 << "25 fps";
    QTest::newRow("30 fps (33.3 ms)") << -1 << 30.0 << "30 fps";
    QTest::newRow("5 fps") << 200 << 5.0 << "5.0 fps";
    QTest::newRow("1 fps") << 1000 << 1.0 << "1.0 fps";
}

void TestVideoView::framesPerSecond_comesFromArrivalTimes()
{
    QFETCH(int, intervalMs);
    QFETCH(double, expectedFps);
    QFETCH(QString, expectedText);
    FakeClock clock;
    VideoView view;
    view.setClock(clock.fn());
    const QImage frame = halves({64, 48});
    const qint64 start = clock.now;
    for (int i = 0; i < 150; ++i) {  // 30 fps has no whole-ms interval: 100 ms per 3 frames
        clock.now = start + (intervalMs > 0 ? qint64(i) * intervalMs : i * 100 / 3);
        view.setFrame(frame);
    }
    QVERIFY2(qAbs(view.framesPerSecond() - expectedFps) < 0.3,
        qPrintable(QString::number(view.framesPerSecond())));
    QCOMPARE(view.statusText(), expectedText);
}

void TestVideoView::banner_isPaintedInItsKindsColour()
{
    VideoView view;
    view.resize(320, 180);
    view.setFrame(halves({320, 180}));
    view.setBanner("The office has taken control", VideoView::BannerKind::Warning);
    QCOMPARE(view.bannerText(), QStringLiteral("The office has taken control"));
    QCOMPARE(view.grab().toImage().pixelColor(3, 3), QColor(0xa8, 0x62, 0x00));
    view.clearBanner();
    QVERIFY(near(view.grab().toImage().pixelColor(3, 3), Qt::red));
}

// Digital zoom: up to 4x, around the spot under the wheel; a click on the zoomed picture
// reports the frame point under it, so click-to-turn aims where the user clicked.
void TestVideoView::maxCrop_fillsATallerView_trimsTheSidesUpToTheLimit_clicksStayInFrameCoordinates()
{
    VideoView view;
    view.resize(900, 600);  // 1.5:1, taller than the 16:9 frame
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setFrame(halves(QSize(1280, 720)));
    QCOMPARE(view.pictureRect().height(), 506.0);  // letterboxed: the whole frame
    view.setMaxCrop(0.5);  // enough to fill: 1 - 1.5 / 1.78 of the width goes
    QCOMPARE(view.pictureRect(), QRectF(0, 0, 900, 600));
    QVERIFY(qAbs(view.visibleRegion().width() - 1.5 / (16.0 / 9)) < 0.002);
    view.setMaxCrop(0.08);  // at most 8 %: 4 % each side, bars for the rest
    QVERIFY(qAbs(view.visibleRegion().left() - 0.04) < 1e-9);
    QVERIFY(qAbs(view.visibleRegion().width() - 0.92) < 1e-9);
    const QRectF picture = view.pictureRect();
    QCOMPARE(picture.width(), 900.0);
    QVERIFY(qAbs(picture.height() - 900 / (0.92 * 16 / 9)) < 1);
    QVERIFY(view.visibleRegion().center().x() == 0.5);

    // A click at the picture's left edge is 4 % into the frame, and maps back there.
    QSignalSpy clicks(&view, &VideoView::pictureClicked);
    const QPointF at(picture.left() + 1, picture.center().y());
    QTest::mouseClick(&view, Qt::LeftButton, {}, at.toPoint());
    QCOMPARE(clicks.size(), 1);
    const QPointF n = clicks.first().at(0).toPointF();
    QVERIFY2(qAbs(n.x() - 0.04) < 0.003, qPrintable(QString::number(n.x())));
    QVERIFY(QLineF(view.mapFromNormalized(n), at).length() < 1.5);
    // The trimmed frame's left colour is on show at the edge, and the right half beyond the middle.
    const QImage shot = view.grab().toImage();
    QVERIFY(near(shot.pixelColor(3, 300), Qt::red));
    QVERIFY(near(shot.pixelColor(455, 300), Qt::blue));
    // Zoom works inside the trimmed part: 2x at its centre shows a quarter of it either side.
    view.setZoom(2);
    QVERIFY(qAbs(view.visibleRegion().width() - 0.46) < 1e-9);
    QVERIFY(qAbs(view.visibleRegion().center().x() - 0.5) < 1e-9);
    view.setZoom(1);
    view.setMaxCrop(0);
    QCOMPARE(view.visibleRegion(), QRectF(0, 0, 1, 1));
}

void TestVideoView::zoom_wheelZoomsAtThePointer_clicksStayInFrameCoordinates()
{
    VideoView view;
    view.resize(640, 360);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setFrame(halves(QSize(1280, 720)));
    QSignalSpy clicks(&view, &VideoView::pictureClicked);
    auto wheel = [&](QPointF at, int notches) {
        QWheelEvent e(at, view.mapToGlobal(at), QPoint(), QPoint(0, 120 * notches), Qt::NoButton,
            Qt::NoModifier, Qt::NoScrollPhase, false);
        QCoreApplication::sendEvent(&view, &e);
    };
    const QPointF centre = view.mapFromNormalized({0.5, 0.5});
    for (int i = 0; i < 3; ++i)
        wheel(centre, 1);
    QVERIFY(qAbs(view.zoom() - std::pow(VideoView::kZoomStep, 3)) < 1e-9);
    wheel(centre, 20);  // never past 4x
    QCOMPARE(view.zoom(), VideoView::kMaxZoom);
    QVERIFY(qAbs(view.visibleRegion().width() - 0.25) < 1e-9);
    QVERIFY(qAbs(view.visibleRegion().center().x() - 0.5) < 1e-9);

    // A click halfway between the centre and the right edge of the zoomed picture is 1/16 of
    // the frame right of its centre.
    const QRectF picture = view.pictureRect();
    const QPointF at(picture.center().x() + picture.width() / 4, picture.center().y());
    QTest::mouseClick(&view, Qt::LeftButton, {}, at.toPoint());
    QCOMPARE(clicks.size(), 1);
    const QPointF n = clicks.first().at(0).toPointF();
    QVERIFY2(qAbs(n.x() - (0.5 + 0.25 / 4)) < 0.002, qPrintable(QString::number(n.x())));
    // And back: the frame point maps to where it was clicked.
    QVERIFY(QLineF(view.mapFromNormalized(n), at).length() < 1.5);

    // The anchor under the pointer stays put: zoom at a point near the left edge.
    view.setZoom(1);
    const QPointF left = view.mapFromNormalized({0.2, 0.5});
    wheel(left, 3);
    QVERIFY(QLineF(view.mapFromNormalized({0.2, 0.5}), left).length() < 1.5);
    // Keys on the focused view: 0 resets.
    view.setFocus();
    QTest::keyClick(&view, Qt::Key_0);
    QCOMPARE(view.zoom(), 1.0);
    QCOMPARE(view.visibleRegion(), QRectF(0, 0, 1, 1));
    QTest::keyClick(&view, Qt::Key_Plus);
    QCOMPARE(view.zoom(), VideoView::kZoomStep);
}

QTEST_MAIN(TestVideoView)
#include "tst_video_view.moc"
