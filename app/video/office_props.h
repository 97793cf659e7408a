// The office's fixed contents, drawn for one camera view. Internal to office_scene.cpp.
#pragma once
#include <QList>
#include <functional>

#include "video/view_projection.h"

class QPainter;

namespace rudebot::office {

// Ceiling, floor and the patterned round wall: the background of every frame.
void paintShell(QPainter &painter, const ViewProjection &view);
// What hangs on the wall: windows, the door, the whiteboard, posters, the clock.
void paintWallItems(QPainter &painter, const ViewProjection &view);

// Things standing in the room, to be drawn far to near together with the people.
struct Standing {
    double distanceM;
    std::function<void(QPainter &, const ViewProjection &)> paint;
};
QList<Standing> standingProps();  // desks and plants

}  // namespace rudebot::office
