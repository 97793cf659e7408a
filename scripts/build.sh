#!/usr/bin/env bash
# Configures and builds Rudebot into ./build (or $RUDEBOT_BUILD_DIR). Used by demo and test.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${RUDEBOT_BUILD_DIR:-$top/build}
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$top" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
fi
cmake --build "$build" -j "$(nproc)"
