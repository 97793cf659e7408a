// Creates the simulated ATmega328P and loads a firmware image into it.
#pragma once

#include <cstdint>
#include <string>

struct avr_t;

// Loads an ELF (detected by its magic) or an Intel hex file (first byte ':').
// Returns an initialised AVR ready to run from its reset vector, or nullptr with a
// one-line reason in `error`.
avr_t *loadFirmware(const std::string &path, std::string &error);

// A board whose flash is erased (all 0xFF), as a new chip or one where only a bootloader
// was burnt.
avr_t *makeBlankBoard(std::string &error);

// Loads the Intel hex chunks of `path` into the flash of `avr` at their addresses,
// leaving the rest of the flash as it is. `lowest` gets the lowest address loaded.
bool loadHexInto(avr_t *avr, const std::string &path, uint32_t &lowest, std::string &error);
