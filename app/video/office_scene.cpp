#include "video/office_scene.h"

#include <QPainter>
#include <algorithm>

#include "video/lens.h"
#include "video/office_props.h"
#include "video/person_painter.h"
#include "video/view_projection.h"

namespace rudebot {

OfficeScene::OfficeScene() : OfficeScene(standardPeople()) { }

OfficeScene::OfficeScene(QList<Person> people) : m_people(std::move(people)) { }

QList<Person> OfficeScene::standardPeople()
{
    // Spread over -72..+68 degrees at 2..3.2 m. Shirt colours are far apart from each other and
    // from everything else in the room, so tests can find a person by colour.
    auto make = [](QString name, double az, double dist, QColor shirt, double height, QColor skin,
                    QColor hair, QColor trousers, int hairStyle, bool glasses) {
        Person p;
        p.name = std::move(name);
        p.azimuthDeg = az;
        p.distanceM = dist;
        p.shirt = shirt;
        p.heightM = height;
        p.skin = skin;
        p.hair = hair;
        p.trousers = trousers;
        p.hairStyle = hairStyle;
        p.glasses = glasses;
        return p;
    };
    return {
        make(QStringLiteral("Ana"), -72, 2.6, QColor(214, 48, 49), 1.68, QColor(241, 194, 160),
            QColor(35, 25, 20), QColor(45, 50, 65), 1, false),
        make(QStringLiteral("Ben"), -45, 3.2, QColor(40, 100, 200), 1.84, QColor(198, 134, 96),
            QColor(25, 20, 15), QColor(92, 84, 66), 0, false),
        make(QStringLiteral("Chlo\u00e9"), -18, 2.2, QColor(30, 160, 80), 1.66,
            QColor(250, 214, 186), QColor(165, 90, 40), QColor(30, 30, 40), 2, false),
        make(QStringLiteral("Dev"), 12, 2.8, QColor(240, 140, 20), 1.78, QColor(150, 100, 70),
            QColor(20, 20, 20), QColor(60, 72, 100), 0, true),
        make(QStringLiteral("Eli"), 40, 2.0, QColor(140, 70, 180), 1.75, QColor(120, 80, 55),
            QColor(15, 15, 15), QColor(50, 50, 52), 3, false),
        make(QStringLiteral("Fay"), 68, 3.0, QColor(0, 170, 170), 1.70, QColor(236, 188, 150),
            QColor(225, 190, 110), QColor(72, 40, 52), 1, false),
    };
}

void OfficeScene::render(QPainter &painter, QSize size, double yawDeg, double hfovDeg) const
{
    const ViewProjection view(size, yawDeg, hfovDeg, kCameraHeightM);
    painter.save();
    painter.resetTransform();
    painter.setClipRect(QRect(QPoint(0, 0), size));
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setRenderHint(QPainter::TextAntialiasing, true);
    painter.setPen(Qt::NoPen);

    office::paintShell(painter, view);
    office::paintWallItems(painter, view);

    // Painter's algorithm: standing things and people, farthest first.
    QList<office::Standing> standing = office::standingProps();
    for (const Person &person : m_people) {
        standing.append({person.distanceM,
            [&person](QPainter &p, const ViewProjection &v) { paintPerson(p, v, person); }});
    }
    std::stable_sort(standing.begin(), standing.end(),
        [](const auto &a, const auto &b) { return a.distanceM > b.distanceM; });
    for (const auto &s : standing) {
        painter.save();
        s.paint(painter, view);
        painter.restore();
    }
    painter.restore();
}

std::optional<double> OfficeScene::screenX(
    const Person &person, QSize size, double yawDeg, double hfovDeg)
{
    const std::optional<double> x =
        lens::pixelForBearing(person.azimuthDeg - yawDeg, size.width(), hfovDeg);
    if (!x || !lens::isInImage(*x, size.width()))
        return std::nullopt;
    return x;
}

}  // namespace rudebot
