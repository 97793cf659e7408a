// The rate controller's settings for its tests: a 720p30 camera, 150 kbit/s floor.
#pragma once
#include "media/rate_controller.h"

namespace rudebot::test {

inline RateSettings rateSettings(int startKbps = 2000, int maxKbps = 4000)
{
    RateSettings s;
    s.fullSize = QSize(1280, 720);
    s.fullFps = 30;
    s.minKbps = 150;
    s.maxKbps = maxKbps;
    s.startKbps = startKbps;
    return s;
}

}  // namespace rudebot::test
