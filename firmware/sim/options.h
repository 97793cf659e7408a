// Command-line options of rudebot-sim.
#pragma once

#include <string>

struct Options {
    std::string elf;  // firmware ELF or Intel hex; empty = built-in default
    bool blank = false;  // no application: erased flash (0xFF)
    std::string bootloader;  // Intel hex in the boot section, made the reset vector
    double bootSpeed = 1.0;  // pacing while the CPU runs in the boot section; 0 = as --speed
    std::string flashImage;  // raw flash contents kept across runs; empty = none
    std::string link;  // symlink to create for the pty slave; empty = none
    double speed = 1.0;  // 1 = real time, 2 = twice as fast, 0 = unpaced
    bool resetOnOpen = false;
    bool hold = false;  // hold the CPU until the first open (implied by resetOnOpen)
    double resetDelayMs = 50;  // wall time the AVR stays in reset after an open
    bool quiet = false;  // no SERVO lines
    bool verbose = false;  // simavr's own log lines on stderr
};

enum class ParseResult {
    Run,
    Help,
    Version,
    Error
};

// On Error, `error` holds a one-line message (without the program name).
ParseResult parseOptions(int argc, char **argv, Options &opts, std::string &error);

// The full --help text.
std::string helpText();

// The firmware used without --elf: RUDEBOT_DEFAULT_ELF if that file exists, else
// ../share/rudebot/firmware/rudebot.hex next to the executable (installed, the sim runs the
// very image the app flashes; no AVR ELF in the package). Empty if neither exists;
// `tried` lists the candidates for the error message.
std::string defaultFirmware(std::string &tried);
