// Creates the simulated ATmega328P and loads a firmware image into it.
#pragma once

#include <string>

struct avr_t;

// Loads an ELF (detected by its magic) or an Intel hex file (first byte ':').
// Returns an initialised AVR ready to run from its reset vector, or nullptr with a
// one-line reason in `error`.
avr_t *loadFirmware(const std::string &path, std::string &error);
