// Draws one person of the office, standing and facing the rig, with a name tag.
#pragma once

class QPainter;

namespace rudebot {

struct Person;
class ViewProjection;

// The person is drawn facing the camera at depth z = distance * cos(bearing), scaled by
// focal / z, with the centre line at lens::pixelForBearing(azimuth - yaw). The torso's middle
// is filled with exactly person.shirt. Nothing is drawn when the person is out of view.
void paintPerson(QPainter &painter, const ViewProjection &view, const Person &person);

}  // namespace rudebot
