#include "options.h"

#include <climits>
#include <cstdlib>
#include <cstring>
#include <unistd.h>

namespace {

bool parseNumber(const char *text, double max, double &out)
{
    char *end = nullptr;
    double v = strtod(text, &end);
    if (end == text || *end != '\0' || !(v >= 0) || v > max)
        return false;
    out = v;
    return true;
}

bool fileExists(const std::string &path)
{
    return !path.empty() && access(path.c_str(), R_OK) == 0;
}

std::string executableDir()
{
    char buf[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (n <= 0)
        return ".";
    buf[n] = '\0';
    char *slash = strrchr(buf, '/');
    if (slash)
        *slash = '\0';
    return buf;
}

}  // namespace

std::string helpText()
{
    return R"(Usage: rudebot-sim [OPTIONS]

A virtual Arduino Uno: runs an ATmega328P firmware at 16 MHz in simavr, exposes its
UART0 as a pseudo-terminal, and reports the hobby-servo pulse measured on pin 9
(PB1 / OC1A).

Options:
  --elf FILE       Firmware to run: an ELF file or an Intel .hex flash image
                   (chunks loaded at their addresses, ATmega328P at 16 MHz).
                   Execution starts at address 0 unless --bootloader is given.
                   Default: ../share/rudebot/firmware/rudebot.hex next to
                   this program (installed), else the firmware built with it.
  --hex FILE       The same as --elf (for Intel hex files).
  --blank          No application: the flash is erased (all 0xFF), as on a
                   board that only has a bootloader. Excludes --elf/--hex.
  --bootloader HEX Burn a bootloader (Intel hex, e.g. the build's
                   firmware/sim/optiboot_atmega328.hex, Optiboot at 0x7E00 built
                   from Debian's source) over the application and make its start
                   the reset vector, like the BOOTRST fuse of an Uno. It must fit
                   a boot section (512..4096 bytes at the top of the flash):
                   Debian's prebuilt optiboot_atmega328.hex is refused, as it runs
                   past the end of the flash. The bootloader can rewrite the flash
                   (SPM); what it writes stays until the process ends (see
                   --flash-image).
                   Optiboot only waits for an upload after an external reset:
                   use --reset-on-open so a host's open (avrdude -c arduino)
                   enters it; at power-on and after its timeout (a watchdog
                   reset) it starts the application.
  --boot-speed X   Pacing while the CPU runs inside the boot section (default 1
                   = real time; 0 = the same as --speed). A bootloader's timeout
                   is a wall-clock bargain with the host: avrdude waits ~0.3 s
                   after opening before it talks, and Optiboot gives up after
                   1 s, so an unpaced bootloader would time out first.
  --flash-image F  Keep the whole flash in the raw binary file F: loaded at start
                   if it exists (instead of --elf/--hex/--blank; --bootloader is
                   burnt over it again), written on a clean exit (a signal).
  --link PATH      Create the symlink PATH -> pty slave (/dev/pts/N), replacing a
                   stale symlink (never a regular file); removed again on exit if
                   it still points to our pty. Without it, only the pty name is
                   printed.
  --speed X        Pacing factor: 1 = real time (default), 2 = twice as fast,
                   0.5 = half speed, 0 = as fast as possible.
  --reset-on-open  Behave like a real Uno whose DTR line resets it: every open of
                   the pty slave by a host (any process: a terminal, stty, ...)
                   resets the AVR as an external reset (MCUSR.EXTRF set). Also holds
                   the CPU until the first open. Opens in quick succession (within
                   --reset-delay) give one reset.
  --hold           Hold the CPU until the first open, without resetting on later
                   opens.
  --reset-delay MS After an open that (re)starts the CPU (--reset-on-open, or the
                   first open with --hold), keep the AVR in reset for MS ms of wall
                   time first (default 50; simulated time stands still meanwhile).
                   Hosts flush their input right after opening, and a firmware that
                   prints at once would otherwise lose its boot lines to that.
  --quiet          Do not print SERVO lines.
  --verbose        Show simavr's own log messages on stderr.
  --help           Show this help and exit.
  --version        Print the version and exit.

Standard output: one event per line, written whole and flushed at once; the first
word is the event kind. Times are simulated milliseconds since start, one decimal.
  READY <link-or-pty> <pty-slave>   once the pty (and the --link symlink) exists;
                                    the open watch is active from then on
  RESET <sim_ms>                    the board starts running from its reset vector
                                    (at start, when a held or open-reset CPU is
                                    released, and on watchdog resets)
  SERVO <sim_ms> <pulse_us> <angle> the pulse on pin 9 changed: width in whole us
                                    (truncated), angle = (pulse - 544) * 180 / 1856
                                    degrees, one decimal (Arduino Servo mapping).
                                    sim_ms is the pulse's falling edge.
  HALT <sim_ms> done|crashed        the firmware stopped the CPU (sleep with
                                    interrupts off) or crashed; a reset restarts it
Pulse rules: edges count only while DDRB bit 1 is an output; a rising edge less
than 3 ms after the previous one is ignored (simavr applies OCR1A writes at once,
which can make a short extra pulse); a pulse counts only if its rising edge comes
3..100 ms after the previous rising edge, so the first pulse after a reset or a
pause (often a partial one) is not reported; pulses outside 300..2700 us are
ignored; after a RESET the next valid pulse is always reported.

Serial line: raw 8-bit, any baud rate the host sets. Bytes reach the AVR at the
firmware's configured UART speed; bytes arriving while the UART receiver is off
or its buffer is full are lost, as on the real chip. Host bytes beyond a 4 KB
backlog are dropped (reported on stderr) rather than blocking the host. Output
written while no host has the pty open is discarded, like a serial line with
nobody listening, and whatever the last host left unread is cleared when it
closes the pty.

Standard error: diagnostics and, on exit, the summary line
  rudebot-sim: simulated S s in W s wall (ratio R)
where W counts only the time the CPU was running (not held).

Exit status: 0 after SIGINT/SIGTERM/SIGHUP, 2 for bad arguments, 1 for other
errors (missing or unreadable firmware, pty failure).
)";
}

ParseResult parseOptions(int argc, char **argv, Options &opts, std::string &error)
{
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        std::string value;
        bool hasInlineValue = false;
        if (arg.rfind("--", 0) == 0) {
            auto eq = arg.find('=');
            if (eq != std::string::npos) {
                value = arg.substr(eq + 1);
                arg = arg.substr(0, eq);
                hasInlineValue = true;
            }
        }
        auto takeValue = [&](const char *name) -> bool {
            if (hasInlineValue)
                return true;
            if (i + 1 >= argc) {
                error = std::string("option ") + name + " needs a value";
                return false;
            }
            value = argv[++i];
            return true;
        };
        auto noValue = [&](const char *name) -> bool {
            if (hasInlineValue) {
                error = std::string("option ") + name + " takes no value";
                return false;
            }
            return true;
        };

        if (arg == "--help" || arg == "-h") {
            return ParseResult::Help;
        } else if (arg == "--version") {
            return ParseResult::Version;
        } else if (arg == "--elf" || arg == "--hex") {
            if (!takeValue(arg.c_str()))
                return ParseResult::Error;
            if (value.empty()) {
                error = arg + " needs a file name";
                return ParseResult::Error;
            }
            opts.elf = value;
        } else if (arg == "--bootloader" || arg == "--flash-image") {
            if (!takeValue(arg.c_str()))
                return ParseResult::Error;
            if (value.empty()) {
                error = arg + " needs a file name";
                return ParseResult::Error;
            }
            (arg == "--bootloader" ? opts.bootloader : opts.flashImage) = value;
        } else if (arg == "--boot-speed") {
            if (!takeValue("--boot-speed"))
                return ParseResult::Error;
            if (!parseNumber(value.c_str(), 1e6, opts.bootSpeed)) {
                error = "bad --boot-speed '" + value + "' (want a number >= 0; 0 = as --speed)";
                return ParseResult::Error;
            }
        } else if (arg == "--blank") {
            if (!noValue("--blank"))
                return ParseResult::Error;
            opts.blank = true;
        } else if (arg == "--link") {
            if (!takeValue("--link"))
                return ParseResult::Error;
            if (value.empty()) {
                error = "--link needs a path";
                return ParseResult::Error;
            }
            opts.link = value;
        } else if (arg == "--speed") {
            if (!takeValue("--speed"))
                return ParseResult::Error;
            if (!parseNumber(value.c_str(), 1e6, opts.speed)) {
                error = "bad --speed '" + value + "' (want a number >= 0; 0 = unpaced)";
                return ParseResult::Error;
            }
        } else if (arg == "--reset-delay") {
            if (!takeValue("--reset-delay"))
                return ParseResult::Error;
            if (!parseNumber(value.c_str(), 60000, opts.resetDelayMs)) {
                error = "bad --reset-delay '" + value + "' (want milliseconds, 0..60000)";
                return ParseResult::Error;
            }
        } else if (arg == "--reset-on-open") {
            if (!noValue("--reset-on-open"))
                return ParseResult::Error;
            opts.resetOnOpen = true;
        } else if (arg == "--hold") {
            if (!noValue("--hold"))
                return ParseResult::Error;
            opts.hold = true;
        } else if (arg == "--quiet") {
            if (!noValue("--quiet"))
                return ParseResult::Error;
            opts.quiet = true;
        } else if (arg == "--verbose") {
            if (!noValue("--verbose"))
                return ParseResult::Error;
            opts.verbose = true;
        } else {
            error = "unknown argument '" + std::string(argv[i]) + "' (see --help)";
            return ParseResult::Error;
        }
    }
    if (opts.blank && !opts.elf.empty()) {
        error = "--blank and --elf/--hex exclude each other";
        return ParseResult::Error;
    }
    return ParseResult::Run;
}

std::string defaultFirmware(std::string &tried)
{
    // The image installed beside this program first: an installed rudebot-sim must run the
    // firmware of its own package, even on a machine that still has the build tree it came from.
    // A simulator run from the build tree has no share/ beside it and takes the build's ELF.
    tried = executableDir() + "/../share/rudebot/firmware/rudebot.hex";
    if (fileExists(tried))
        return tried;
#ifdef RUDEBOT_DEFAULT_ELF
    tried += std::string(", ") + RUDEBOT_DEFAULT_ELF;
    if (fileExists(RUDEBOT_DEFAULT_ELF))
        return RUDEBOT_DEFAULT_ELF;
#endif
    return {};
}
