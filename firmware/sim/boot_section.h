// The Uno's boot section: a bootloader at the top of the flash that the BOOTRST fuse makes
// the reset vector, and an optional file that keeps the flash contents across runs.
#pragma once

#include <cstdint>
#include <string>

struct avr_t;

// Loads a bootloader's Intel hex (e.g. Optiboot at 0x7E00) over the application flash and
// makes its lowest address the reset vector, as the BOOTRST fuse does. `bootStart` gets
// that address. Fails unless it is one of the chip's boot section starts (BOOTSZ).
bool installBootloader(
    avr_t *avr, const std::string &path, uint32_t &bootStart, std::string &error);

// The whole flash as a raw binary file (flashend + 1 bytes). Loading a file that does not
// exist yet is not an error: `loaded` stays false and the flash is left alone.
bool loadFlashImage(avr_t *avr, const std::string &path, bool &loaded, std::string &error);
bool saveFlashImage(avr_t *avr, const std::string &path, std::string &error);
