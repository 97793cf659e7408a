#include <QPainter>
#include <QSet>
#include <QTest>
#include <cmath>

#include "video/lens.h"
#include "video/office_scene.h"

using namespace rudebot;

namespace {
QImage render(const OfficeScene &scene, double yaw, double hfov, QSize size = {1280, 720})
{
    QImage image(size, QImage::Format_RGB32);
    image.fill(Qt::black);
    QPainter p(&image);
    scene.render(p, size, yaw, hfov);
    return image;
}

int countInColumn(const QImage &image, int x, QRgb colour)
{
    int n = 0;
    for (int y = 0; y < image.height(); ++y)
        n += (image.pixel(x, y) & 0xffffff) == (colour & 0xffffff);
    return n;
}

int countAnywhere(const QImage &image, QRgb colour)
{
    int n = 0;
    for (int y = 0; y < image.height(); ++y) {
        const QRgb *line = reinterpret_cast<const QRgb *>(image.constScanLine(y));
        for (int x = 0; x < image.width(); ++x)
            n += (line[x] & 0xffffff) == (colour & 0xffffff);
    }
    return n;
}

// Screen row of a height in metres on a person, by the pinhole model (square pixels).
int rowAt(const Person &who, double hM, QSize size, double yaw, double hfov)
{
    const double f = lens::focalPx(size.width(), hfov);
    const double depth = who.distanceM * std::cos((who.azimuthDeg - yaw) * M_PI / 180.0);
    return int(size.height() / 2.0 - f * (hM - OfficeScene::kCameraHeightM) / depth);
}
}  // namespace

class tst_OfficeScene : public QObject {
    Q_OBJECT
private slots:
    void standardOffice_hasSixNamedPeopleInDistinctShirts();
    void screenX_isPixelForBearingOfAzimuthMinusYaw_data();
    void screenX_isPixelForBearingOfAzimuthMinusYaw();
    void personCentredByYaw_fillsCentreColumnWithTheirShirt_data();
    void personCentredByYaw_fillsCentreColumnWithTheirShirt();
    void personOffCentre_isDrawnSymmetricallyAboutScreenX_data();
    void personOffCentre_isDrawnSymmetricallyAboutScreenX();
    void turningFiveDegrees_changesMostOfThePicture_data();
    void turningFiveDegrees_changesMostOfThePicture();
    void peopleBehindOrOutsideTheView_areNotDrawn();
};

void tst_OfficeScene::standardOffice_hasSixNamedPeopleInDistinctShirts()
{
    const OfficeScene scene;
    QCOMPARE(scene.people().size(), 6);
    QSet<QString> names;
    QSet<QRgb> shirts;
    for (const Person &p : scene.people()) {
        names.insert(p.name);
        shirts.insert(p.shirt.rgb());
        QVERIFY(p.azimuthDeg >= -80 && p.azimuthDeg <= 80);
        QVERIFY(p.distanceM > 1.0 && p.distanceM < OfficeScene::kWallRadiusM);
    }
    QCOMPARE(names.size(), 6);
    QCOMPARE(shirts.size(), 6);
}

void tst_OfficeScene::screenX_isPixelForBearingOfAzimuthMinusYaw_data()
{
    QTest::addColumn<int>("person");
    QTest::addColumn<double>("yaw");
    QTest::addColumn<double>("hfov");
    for (int i = 0; i < 6; ++i) {
        for (double yaw : {-60.0, -20.0, 0.0, 25.0, 70.0})
            QTest::addRow("person %d yaw %g", i, yaw) << i << yaw << 60.0;
        QTest::addRow("person %d yaw 0 hfov 90", i) << i << 0.0 << 90.0;
    }
}

void tst_OfficeScene::screenX_isPixelForBearingOfAzimuthMinusYaw()
{
    QFETCH(int, person);
    QFETCH(double, yaw);
    QFETCH(double, hfov);
    const QSize size(1280, 720);
    const Person &who = OfficeScene().people().at(person);
    const auto expected = lens::pixelForBearing(who.azimuthDeg - yaw, size.width(), hfov);
    const auto x = OfficeScene::screenX(who, size, yaw, hfov);
    if (expected && lens::isInImage(*expected, size.width())) {
        QVERIFY(x.has_value());
        QVERIFY(std::abs(*x - *expected) < 1e-9);
    } else {
        QVERIFY(!x.has_value());
    }
}

void tst_OfficeScene::personCentredByYaw_fillsCentreColumnWithTheirShirt_data()
{
    QTest::addColumn<int>("person");
    QTest::addColumn<double>("hfov");
    for (int i = 0; i < 6; ++i) {
        QTest::addRow("person %d hfov 60", i) << i << 60.0;
        QTest::addRow("person %d hfov 90", i) << i << 90.0;
    }
}

void tst_OfficeScene::personCentredByYaw_fillsCentreColumnWithTheirShirt()
{
    QFETCH(int, person);
    QFETCH(double, hfov);
    const OfficeScene scene;
    const Person &who = scene.people().at(person);
    const QImage image = render(scene, who.azimuthDeg, hfov);
    QCOMPARE(*OfficeScene::screenX(who, image.size(), who.azimuthDeg, hfov), 640.0);

    const int mine = countInColumn(image, 640, who.shirt.rgb());
    // The torso is about 0.55 m tall: at 3.2 m and hfov 90 that is still over 100 pixels.
    QVERIFY2(
        mine > 60, qPrintable(QStringLiteral("%1 shirt pixels in the centre column").arg(mine)));
    for (const Person &other : scene.people()) {
        if (other.name != who.name)
            QCOMPARE(countInColumn(image, 640, other.shirt.rgb()), 0);
    }
}

void tst_OfficeScene::personOffCentre_isDrawnSymmetricallyAboutScreenX_data()
{
    QTest::addColumn<int>("person");
    QTest::addColumn<double>("offsetDeg");
    for (int i = 0; i < 6; ++i) {
        for (double offset : {-22.0, -9.0, 13.0, 24.0})
            QTest::addRow("person %d %+g deg off the axis", i, offset) << i << offset;
    }
}

// Checks the whole chain: the middle of the drawn shirt is where screenX says.
void tst_OfficeScene::personOffCentre_isDrawnSymmetricallyAboutScreenX()
{
    QFETCH(int, person);
    QFETCH(double, offsetDeg);
    const double hfov = 60;
    const OfficeScene scene({OfficeScene::standardPeople().at(person)});  // nobody in front
    const Person &who = scene.people().first();
    const double yaw = who.azimuthDeg - offsetDeg;
    const QImage image = render(scene, yaw, hfov);
    const auto x = OfficeScene::screenX(who, image.size(), yaw, hfov);
    QVERIFY(x.has_value());

    // Below the name tag, above the hands: only the torso is there.
    const int row = rowAt(who, 0.52 * who.heightM + 0.06, image.size(), yaw, hfov);
    int left = -1, right = -1;
    for (int i = 0; i < image.width(); ++i) {
        if ((image.pixel(i, row) & 0xffffff) == (who.shirt.rgb() & 0xffffff)) {
            if (left < 0)
                left = i;
            right = i;
        }
    }
    QVERIFY2(left >= 0, "no shirt found in the row");
    const double middle = (left + right + 1) / 2.0;  // pixel i covers [i, i+1)
    QVERIFY2(std::abs(middle - *x) <= 1.5,
        qPrintable(QStringLiteral("shirt centred at %1, screenX %2").arg(middle).arg(*x)));
}

void tst_OfficeScene::turningFiveDegrees_changesMostOfThePicture_data()
{
    QTest::addColumn<double>("yaw");
    for (double yaw = -180; yaw < 180; yaw += 30)
        QTest::addRow("yaw %g", yaw) << yaw;
}

void tst_OfficeScene::turningFiveDegrees_changesMostOfThePicture()
{
    QFETCH(double, yaw);
    const OfficeScene scene;
    const QSize size(640, 360);
    const QImage a = render(scene, yaw, 60, size);
    const QImage b = render(scene, yaw + 5, 60, size);
    int differing = 0;
    for (int y = 0; y < size.height(); ++y) {
        for (int x = 0; x < size.width(); ++x) {
            const QRgb p = a.pixel(x, y), q = b.pixel(x, y);
            differing += std::abs(qRed(p) - qRed(q)) + std::abs(qGreen(p) - qGreen(q))
                    + std::abs(qBlue(p) - qBlue(q))
                > 12;
        }
    }
    const double share = double(differing) / (size.width() * size.height());
    QVERIFY2(
        share > 0.15, qPrintable(QStringLiteral("only %1 % of pixels changed").arg(100 * share)));
}

void tst_OfficeScene::peopleBehindOrOutsideTheView_areNotDrawn()
{
    const OfficeScene scene;
    const QImage front = render(scene, 0, 160);  // wide enough for everyone
    const QImage behind = render(scene, 180, 160);
    for (const Person &who : scene.people()) {
        QVERIFY2(countAnywhere(front, who.shirt.rgb()) > 0, qPrintable(who.name));  // the control
        QCOMPARE(countAnywhere(behind, who.shirt.rgb()), 0);
        QVERIFY(!OfficeScene::screenX(who, behind.size(), 180, 160).has_value());
    }
    // In front of the rig but outside a 60 degree view: not drawn, no screenX.
    Person aside = scene.people().first();
    aside.azimuthDeg = 60;
    const OfficeScene lonely({aside});
    QCOMPARE(countAnywhere(render(lonely, 0, 60), aside.shirt.rgb()), 0);
    QVERIFY(!OfficeScene::screenX(aside, {1280, 720}, 0, 60).has_value());
}

QTEST_MAIN(tst_OfficeScene)
#include "tst_office_scene.moc"
