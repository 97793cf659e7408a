// Routes simavr's log output to stderr, filtered by level.
#pragma once

// Errors only, or everything up to simavr's trace level when verbose.
void routeSimavrLog(bool verbose);
