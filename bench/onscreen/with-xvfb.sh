#!/usr/bin/env bash
# Runs a program on a private X server (Xvfb, 1600x1000, 24 bits) that nothing else draws on,
# and stops the server afterwards. The server's process id is passed on in
# RUDEBOT_BENCH_XVFB_PID so its CPU time can be counted with the viewer's.
set -euo pipefail
command -v Xvfb >/dev/null || { echo "with-xvfb: Xvfb not found; install xvfb (scripts/install-deps.sh)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'kill "$xvfb" 2>/dev/null || true; wait "$xvfb" 2>/dev/null || true; rm -rf "$tmp"' EXIT
# -displayfd: the server picks a free display number and writes it once it accepts clients.
Xvfb -displayfd 3 -screen 0 1600x1000x24 -nolisten tcp 3>"$tmp/display" 2>"$tmp/log" &
xvfb=$!
for _ in $(seq 100); do
  [ -s "$tmp/display" ] && break
  kill -0 "$xvfb" 2>/dev/null || { echo "with-xvfb: Xvfb failed: $(cat "$tmp/log")" >&2; exit 1; }
  sleep 0.1
done
[ -s "$tmp/display" ] || { echo "with-xvfb: Xvfb did not start within 10 s" >&2; exit 1; }
export DISPLAY=":$(head -n1 "$tmp/display")"
export RUDEBOT_BENCH_XVFB_PID=$xvfb
unset WAYLAND_DISPLAY QT_QPA_PLATFORM
"$@"
