// Parses one complete command line (at most 3 characters, no terminator) into a command.
// Pure: no I/O, no clock. The grammar keeps the seed firmware's rules for angles and adds
// one-to-three character extensions that the seed answers with "Error: Bad input".
#pragma once
#include <stdint.h>

namespace rudebot {

struct Command {
    enum Kind : uint8_t {
        Angle,  // value = servo degrees 0..180
        BadInput,  // not a number and not an extension
        BadAngle,  // a number outside 0..180
        Query,  // "?"  position query
        Version,  // "V"  firmware version
        Stop,  // "!"  stop where the servo is now
        Speed,  // "Snn" value = milliseconds per degree, 1..99
        BadSpeed,  // "S" with a missing or zero value
    };
    Kind kind;
    uint8_t value;
};

// Angles follow strtol() as the seed's myatoi() did: optional leading blanks, optional sign,
// digits, nothing after. So "090", " 90" and "+90" are 90, "-5" is a bad angle, "9a" bad input.
Command parseCommand(const char *line);

}  // namespace rudebot
