// Click-to-turn on a delayed picture: the turn a click asks for (ui/click_to_turn.h) is
// relative to where the camera pointed when the clicked picture was taken, not to where the
// rig points now. On a turning rig seen a second late, the difference is turn rate x delay.
//
// The remote view keeps the ReceivedFrame it paints (media_receiver.h); when the user clicks,
// it asks for the stamp of that frame (ReceivedFrame::stamp, or MediaReceiver::stampOf() if
// the stamp came after the picture) and aims from here.
#pragma once
#include <optional>

#include "media/frame_stamp.h"

namespace rudebot {

// Logical degrees (0 = home, positive = right) to add the click's turn to: the painted
// frame's angle at capture when known, else the rig's actual angle now (MJPEG frames, a lost
// stamp), which is right only while the rig stands still.
inline double aimBaseLogical(
    const std::optional<FrameStamp> &paintedFrame, double actualLogicalNowDeg)
{
    return paintedFrame && paintedFrame->hasAngle ? paintedFrame->logicalDeg : actualLogicalNowDeg;
}

}  // namespace rudebot
