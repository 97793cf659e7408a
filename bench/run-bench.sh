#!/usr/bin/env bash
# Shared by the bench/ scripts: installs what is missing, builds, then runs one benchmark
# program from the build tree with the arguments given. Benchmarks print; they never fail a build.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/scripts/install-deps.sh"
"$top/scripts/build.sh" >&2
exec "${RUDEBOT_BUILD_DIR:-$top/build}/bench/$1" "${@:2}"
