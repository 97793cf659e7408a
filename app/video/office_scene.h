// The world the virtual camera looks at: a round office seen from the rig at its centre, with
// patterned walls (so any turn changes the picture), windows, a door, desks, a whiteboard and
// people wearing name tags.
//
// World azimuth, in degrees: 0 is straight ahead of the rig when its servo is at 90 degrees,
// positive to the right as seen from the camera (clockwise seen from above). Distances are in
// metres from the rig's vertical axis; the camera lens sits on that axis at cameraHeightM.
// Everything is drawn with the exact pinhole model of lens.h, so a person at azimuth a is
// centred at x = lens::pixelForBearing(a - yaw) in a camera turned to yaw.
#pragma once
#include <QColor>
#include <QList>
#include <QSize>
#include <QString>
#include <optional>

class QPainter;

namespace rudebot {

struct Person {
    QString name;  // shown on the name tag
    double azimuthDeg = 0;  // world azimuth of the person's vertical centre line
    double distanceM = 3;  // from the rig; 1.2 .. 4.2 fits inside the room
    QColor shirt;  // drawn exactly (unshaded) down the middle of the torso
    // Looks only: nothing depends on these.
    double heightM = 1.75;
    QColor skin = QColor(224, 172, 138);
    QColor hair = QColor(60, 40, 30);
    QColor trousers = QColor(50, 55, 70);
    int hairStyle = 0;  // 0 short, 1 long, 2 bun, 3 curly, 4 very short
    bool glasses = false;
};

class OfficeScene {
public:
    static constexpr double kCameraHeightM = 1.25;
    static constexpr double kWallRadiusM = 4.5;
    static constexpr double kWallHeightM = 2.7;

    OfficeScene();  // the standard office: Ana, Ben, Chloé, Dev, Eli and Fay
    explicit OfficeScene(QList<Person> people);

    static QList<Person> standardPeople();
    const QList<Person> &people() const { return m_people; }

    // Draws what a camera at the rig, turned to world azimuth yawDeg with horizontal field of
    // view hfovDeg (in (0, 170]), sees into a picture of the given size. Objects behind the
    // camera or outside the view are skipped. Fills the whole picture.
    void render(QPainter &painter, QSize size, double yawDeg, double hfovDeg) const;

    // The x (pixels from the left edge) of the person's centre line in such a picture, or
    // nullopt when that line is behind the camera or outside the picture.
    static std::optional<double> screenX(
        const Person &person, QSize size, double yawDeg, double hfovDeg);

private:
    QList<Person> m_people;
};

}  // namespace rudebot
