#!/usr/bin/env bash
# Installs the Debian 12 packages Rudebot needs to build, run and test, and nothing else.
# Idempotent: packages already present are skipped, so a prepared machine costs no apt call.
set -euo pipefail

PKGS=(
  # build
  cmake ninja-build g++ make pkg-config
  qt6-base-dev qt6-base-dev-tools qt6-serialport-dev qt6-multimedia-dev qt6-tools-dev
  qt6-tools-dev-tools libgl-dev libqt6svg6
  # firmware and the virtual rig
  gcc-avr avr-libc binutils-avr arduino-core-avr simavr libsimavr-dev libelf-dev avrdude
  # run time video (GStreamer crashes without plugins, see PLATFORM-NOTES)
  gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-libav
  # the real-time media path (GStreamer webrtcbin, H.264, Opus; docs/network.md)
  libgstreamer1.0-dev libgstreamer-plugins-base1.0-dev libgstreamer-plugins-bad1.0-dev
  gstreamer1.0-plugins-bad gstreamer1.0-plugins-ugly gstreamer1.0-nice gstreamer1.0-tools
  # media test peers: a TURN relay, speech for a microphone, audio measurement
  coturn espeak-ng sox nftables
  # test peers: the original bridge, ser2net, a real X server and screenshots
  python3 python3-serial ser2net socat xvfb xauth imagemagick openssl libssl-dev
  # the Debian package: icon PNGs rendered from the SVG, manual pages from --help,
  # dpkg-shlibdeps for Depends, and the checks its test runs
  librsvg2-bin help2man dpkg-dev lintian appstream desktop-file-utils file
  # video benchmarks: ffplay (the peer viewer) and xcb to read the screen back
  ffmpeg libxcb1-dev
)

missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  SUDO=sudo
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
