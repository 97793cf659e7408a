#!/usr/bin/env bash
# Configures and builds Rudebot into ./build (or $RUDEBOT_BUILD_DIR). Used by demo and test.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${RUDEBOT_BUILD_DIR:-$top/build}
mkdir -p "$build"
# One build at a time per tree: a bench and a test started together must not run two ninjas.
exec 9>"$build/.build-lock"
flock 9
args=(-G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo)
# ccache, when present, makes a second tree (a worktree, a clean clone) cheap to build.
command -v ccache >/dev/null && args+=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
# .ci/run sets RUDEBOT_WERROR=1: a warning fails CI.
[ "${RUDEBOT_WERROR:-0}" = 1 ] && args+=(-DRUDEBOT_WERROR=ON)
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$top" -B "$build" "${args[@]}"
fi
cmake --build "$build" -j "$(nproc)"
