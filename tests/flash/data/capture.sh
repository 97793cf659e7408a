#!/bin/sh
# Regenerates the captured avrdude 7.1 outputs (stderr, as avrdude writes it to a pipe)
# in this directory from real runs against rudebot-sim. Run from anywhere after a build:
#   tests/flash/data/capture.sh /work/main/build
# open_busy.txt and open_denied.txt are not captured: as root avrdude can always open the
# pty. They are the captured open_missing.txt with the errno text of EBUSY and EACCES.
set -u
BUILD=${1:?usage: capture.sh BUILD_DIR}
DATA=$(cd "$(dirname "$0")" && pwd)
SIM=$BUILD/firmware/sim/rudebot-sim
OPTIBOOT=$BUILD/firmware/sim/optiboot_atmega328.hex
FW=$BUILD/firmware
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# capture NAME "SIM ARGS" AVRDUDE ARGS... (the sim's pty is $TMP/rig)
capture() {
    name=$1 simargs=$2
    shift 2
    rm -f "$TMP/rig"
    # shellcheck disable=SC2086
    "$SIM" $simargs --link "$TMP/rig" --quiet >/dev/null 2>&1 &
    pid=$!
    while [ ! -L "$TMP/rig" ]; do sleep 0.05; done
    avrdude "$@" >/dev/null 2>"$DATA/$name.txt"
    echo "$name: exit $?"
    kill "$pid"
    wait "$pid" 2>/dev/null
}

UNO="-p atmega328p -c arduino -P $TMP/rig -b 115200 -D"
BOOT="--bootloader $OPTIBOOT --reset-on-open --speed 0"
capture write_ok "--blank $BOOT" $UNO -U "flash:w:$FW/rudebot.hex:i"
capture write_over_seed "--elf $FW/seedlike.elf $BOOT" $UNO -U "flash:w:$FW/rudebot.hex:i"
capture verify_mismatch "--elf $FW/seedlike.elf $BOOT" $UNO -U "flash:v:$FW/rudebot.hex:i"
capture wrong_chip "--blank $BOOT" -p atmega168 -c arduino -P "$TMP/rig" -b 115200 -D \
    -U "flash:w:$FW/rudebot.hex:i"
capture no_bootloader "--elf $FW/rudebot.elf --reset-on-open --speed 0" $UNO -U "flash:w:$FW/rudebot.hex:i"
capture no_bootloader_seed "--elf $FW/seedlike.elf --reset-on-open --speed 0" $UNO -x attempts=3 \
    -U "flash:w:$FW/rudebot.hex:i"
capture missing_hex "--blank $BOOT" $UNO -U "flash:w:$TMP/missing.hex:i"
avrdude $UNO -P "$TMP/nonexistent" -U "flash:w:$FW/rudebot.hex:i" >/dev/null 2>"$DATA/open_missing.txt"
sed "s|$TMP/nonexistent: No such file or directory|/dev/ttyACM0: Device or resource busy|; s|$TMP/nonexistent|/dev/ttyACM0|" \
    "$DATA/open_missing.txt" >"$DATA/open_busy.txt"
sed "s|$TMP/nonexistent: No such file or directory|/dev/ttyACM0: Permission denied|; s|$TMP/nonexistent|/dev/ttyACM0|" \
    "$DATA/open_missing.txt" >"$DATA/open_denied.txt"
sed -i "s|$TMP/nonexistent|/dev/ttyACM0|g" "$DATA/open_missing.txt"
# Paths of the temporary directory and the build differ per run: make the files stable.
sed -i "s|$TMP|/tmp/rudebot|g; s|$BUILD|/build|g" "$DATA"/*.txt
