#!/usr/bin/env bash
# Builds the Debian package from an already-built tree, checks it as Debian would (contents,
# control fields, lintian, AppStream, desktop entry), installs it into a throwaway root and runs
# the installed programs together: the virtual rig on the installed firmware, turned by the
# installed rudebotctl. Everything is written to a temporary directory.
# Usage: tst_package.sh BUILD_DIR PROJECT_VERSION
set -uo pipefail
build=${1:?build directory}
version=${2:?project version}
work=$(mktemp -d "${TMPDIR:-/tmp}/rudebot-package-test.XXXXXX")
sim_pid=
cleanup() {
  [ -n "$sim_pid" ] && kill "$sim_pid" 2>/dev/null && wait "$sim_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

passed=0
failed=0
check() {  # check NAME COMMAND...: runs the command, its output kept for a failure report
  local name=$1; shift
  if "$@" >"$work/out" 2>&1; then
    echo "ok - $name"; passed=$((passed + 1))
  else
    echo "not ok - $name"; sed 's/^/    /' "$work/out"; failed=$((failed + 1))
  fi
}
finish() {
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
  exit
}

# --- build the package --------------------------------------------------------------------
if ! cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work/cpack" >"$work/cpack.log" 2>&1; then
  echo "not ok - cpack builds the package"; sed 's/^/    /' "$work/cpack.log"; failed=1; finish
fi
deb=$(ls "$work"/cpack/rudebot_*.deb)
echo "package: $(basename "$deb"), $(stat -c %s "$deb") bytes"

# --- contents and control fields ----------------------------------------------------------
dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./|/|' >"$work/contents"
id=io.github.rudebot.Rudebot
required=(
  /usr/bin/rudebot /usr/bin/rudebot-bridge /usr/bin/rudebotctl /usr/bin/rudebot-sim
  /usr/share/rudebot/firmware/rudebot.hex /usr/share/rudebot/firmware/optiboot_atmega328.hex
  /usr/share/applications/$id.desktop /usr/share/metainfo/$id.metainfo.xml
  /usr/share/icons/hicolor/scalable/apps/$id.svg
  /lib/udev/rules.d/70-rudebot.rules /lib/systemd/system/rudebot-bridge.service
  /etc/rudebot/bridge.conf /usr/share/doc/rudebot/copyright /usr/share/doc/rudebot/changelog.Debian.gz
)
for size in 16 32 48 64 128 256; do
  required+=(/usr/share/icons/hicolor/${size}x${size}/apps/$id.png)
done
for prog in rudebot rudebot-bridge rudebotctl rudebot-sim; do
  required+=(/usr/share/man/man1/$prog.1.gz)
done
has_all_files() {
  local f missing=0
  for f in "${required[@]}"; do
    grep -qxF "$f" "$work/contents" || { echo "missing: $f"; missing=1; }
  done
  return $missing
}
check "the package holds every required file" has_all_files

field() { dpkg-deb -f "$deb" "$1"; }
check "Version is the project's" test "$(field Version)" = "$version-1"
check "Depends comes from the binaries' libraries" grep -q 'libqt6widgets6' <(field Depends)
check "Recommends avrdude and GStreamer's plugins" \
  grep -q 'avrdude.*gstreamer1.0-plugins-good' <(field Recommends)
check "the station's configuration is a conffile" grep -qx /etc/rudebot/bridge.conf \
  <(dpkg-deb --ctrl-tarfile "$deb" | tar -xO ./conffiles)

# --- as Debian checks it ------------------------------------------------------------------
no_lintian_errors() {
  lintian --no-cfg "$deb" >"$work/lintian.txt" 2>&1
  cat "$work/lintian.txt"
  echo "lintian: $(grep -c '^E:' "$work/lintian.txt") errors, $(grep -c '^W:' "$work/lintian.txt") warnings"
  ! grep -q '^E:' "$work/lintian.txt"
}
check "lintian finds no error" no_lintian_errors
grep '^lintian:' "$work/out"

root=$work/root
dpkg-deb -x "$deb" "$root"
check "the AppStream metainfo validates" \
  appstreamcli validate --no-net --strict "$root/usr/share/metainfo/$id.metainfo.xml"
check "the metainfo's newest release is the project version" \
  grep -q "<release version=\"$version\"" "$root/usr/share/metainfo/$id.metainfo.xml"
check "the desktop entry validates" desktop-file-validate "$root/usr/share/applications/$id.desktop"
check "the desktop entry names the installed program and icon" grep -qx 'Exec=rudebot' \
  "$root/usr/share/applications/$id.desktop"
icon_sizes_match() {
  local size info
  for size in 16 32 48 64 128 256; do
    info=$(file -b "$root/usr/share/icons/hicolor/${size}x${size}/apps/$id.png")
    echo "$size: $info"
    [[ $info == "PNG image data, $size x $size,"* ]] || return 1
  done
}
check "each icon PNG has its size" icon_sizes_match
udev_rule_covers_boards() {
  local ids
  for ids in 2341:0043 2341:0001 2a03:0043 1a86:7523; do
    grep -q "ATTRS{idVendor}==\"${ids%:*}\", ATTRS{idProduct}==\"${ids#*:}\", TAG+=\"uaccess\"" \
      "$root/lib/udev/rules.d/70-rudebot.rules" || { echo "no uaccess rule for $ids"; return 1; }
  done
}
check "the udev rule gives the seat user every Uno and CH340 clone" udev_rule_covers_boards
check "the unit runs the installed station" \
  grep -q '^ExecStart=rudebot-bridge --config /etc/rudebot/bridge.conf' "$root/lib/systemd/system/rudebot-bridge.service"

# --- the installed programs run -----------------------------------------------------------
# No display: --version must answer before Qt looks for one.
check "rudebot --version prints the project version" \
  test "$(env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM "$root/usr/bin/rudebot" --version)" \
  = "rudebot $version"
for prog in rudebot-bridge rudebotctl rudebot-sim; do
  check "$prog --version prints the project version" \
    test "$("$root/usr/bin/$prog" --version)" = "$prog $version"
done
check "rudebot-bridge --help answers" grep -q -- '--serial' <("$root/usr/bin/rudebot-bridge" --help)
# The unit starts the station with the shipped configuration: every setting in it must parse.
check "the installed station accepts the shipped /etc/rudebot/bridge.conf" grep -q '^rudebot://127.0.0.1:47800/' \
  <("$root/usr/bin/rudebot-bridge" --config "$root/etc/rudebot/bridge.conf" --data-dir "$work/station" \
     --advertise 127.0.0.1 --camera none --print-pairing)

# The installed virtual rig runs the installed firmware; the installed rudebotctl turns it.
rig=$work/rig
# No --hex: by default the installed simulator must find the installed firmware, not the
# build tree's that may still exist on this machine.
"$root/usr/bin/rudebot-sim" --link "$rig" \
  --hold --speed 0 >"$work/sim.out" 2>"$work/sim.err" &
sim_pid=$!
sim_ready() {
  local i
  for i in $(seq 600); do  # a minute at most, on a loaded machine
    grep -q '^READY ' "$work/sim.out" && return 0
    kill -0 "$sim_pid" 2>/dev/null || break
    sleep 0.1
  done
  cat "$work/sim.out" "$work/sim.err"; return 1
}
check "the installed rudebot-sim runs the installed firmware" sim_ready
check "by default, the firmware installed beside it" \
  grep -qF "rudebot-sim: firmware $root/usr/bin/../share/rudebot/firmware/rudebot.hex" "$work/sim.err"
ctl() { "$root/usr/bin/rudebotctl" --serial "$rig" --timeout 60 "$@"; }
check "the installed rudebotctl turns the rig to 30 degrees" ctl goto 30 --wait
servo_reached_30() {
  # SERVO <sim_ms> <pulse_us> <angle_deg>: the angle measured from the pulse on pin 9.
  awk '$1 == "SERVO" { last = $4 } END { print "servo at " last; exit !(last >= 29.5 && last <= 30.5) }' \
    "$work/sim.out"
}
check "the servo pulse says 30 degrees" servo_reached_30
check "the firmware reports standing at 30" grep -q 'angle=30 target=30 moving=0' <(ctl send '?')

finish
