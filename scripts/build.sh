#!/usr/bin/env bash
# Configures and builds Rudebot into ./build (or $RUDEBOT_BUILD_DIR). Used by demo and test.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${RUDEBOT_BUILD_DIR:-$top/build}
mkdir -p "$build"
# One build at a time per tree: a bench and a test started together must not run two ninjas.
exec 9>"$build/.build-lock"
flock 9
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$top" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
fi
cmake --build "$build" -j "$(nproc)"
