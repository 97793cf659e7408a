// StationState is part of the station's protocol (both ends share it): station/station_state.h.
#pragma once
#include "station/station_state.h"
