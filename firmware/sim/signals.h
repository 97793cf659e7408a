// SIGINT/SIGTERM/SIGHUP handling that can wake a blocked poll (self-pipe).
#pragma once

namespace sim_signals {

// Installs the handlers and ignores SIGPIPE (a vanished reader must not kill us).
bool install();

// True once a termination signal arrived.
bool quitRequested();

// Readable once a termination signal arrived; add it to every poll set.
int wakeFd();

}  // namespace sim_signals
