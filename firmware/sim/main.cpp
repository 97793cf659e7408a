// rudebot-sim: a virtual Arduino Uno for tests and demos without hardware.
// Option handling and wiring only; see --help for the interface.
#include "boot_section.h"
#include "event_log.h"
#include "firmware_loader.h"
#include "options.h"
#include "pacer.h"
#include "pty_link.h"
#include "rig.h"
#include "signals.h"
#include "simavr_api.h"
#include "simavr_log.h"
#include "timer1_fix.h"

#include <cstdio>
#include <unistd.h>

namespace {
int fail(const std::string &message, int status = 1)
{
    fprintf(stderr, "rudebot-sim: %s\n", message.c_str());
    return status;
}
}  // namespace

int main(int argc, char **argv)
{
    // First, so nothing (simavr included) can write to the event stream.
    EventLog events;

    Options opts;
    std::string error;
    switch (parseOptions(argc, argv, opts, error)) {
    case ParseResult::Help: {
        // --help goes to the real stdout, which EventLog now owns.
        std::string text = helpText();
        events.raw(text);
        return 0;
    }
    case ParseResult::Version: events.raw("rudebot-sim " RUDEBOT_VERSION "\n"); return 0;
    case ParseResult::Error: return fail(error, 2);
    case ParseResult::Run: break;
    }
    events.setQuiet(opts.quiet);

    // An existing flash image replaces the application, so no firmware needs finding.
    bool fromImage = !opts.flashImage.empty() && access(opts.flashImage.c_str(), F_OK) == 0;
    if (fromImage)
        opts.blank = true;
    if (opts.elf.empty() && !opts.blank) {
        std::string tried;
        opts.elf = defaultFirmware(tried);
        if (opts.elf.empty())
            return fail("no firmware given and none found (tried " + tried + "); use --elf FILE");
        fprintf(stderr, "rudebot-sim: firmware %s\n", opts.elf.c_str());
    }

    if (!sim_signals::install())
        return fail("cannot set up signal handling");
    routeSimavrLog(opts.verbose);

    avr_t *avr = opts.blank ? makeBlankBoard(error) : loadFirmware(opts.elf, error);
    if (!avr)
        return fail(error);
    bool imageLoaded = false;
    if (!opts.flashImage.empty() && !loadFlashImage(avr, opts.flashImage, imageLoaded, error))
        return fail(error);
    uint32_t bootStart = 0;
    if (!opts.bootloader.empty() && !installBootloader(avr, opts.bootloader, bootStart, error))
        return fail(error);
    avr->log = opts.verbose ? LOG_TRACE : LOG_ERROR;
    if (patchTimer1Mode14(avr) && opts.verbose)
        fprintf(stderr, "rudebot-sim: patched simavr's Timer1 mode 14 to fast PWM, TOP = ICR1\n");

    PtyLink pty;
    if (!pty.open(error))
        return fail(error);
    if (!opts.link.empty() && !pty.makeLink(opts.link, error))
        return fail(error);
    pty.setClearRxOnOpen(opts.resetOnOpen);

    RigConfig cfg;
    cfg.speed = opts.speed;
    cfg.resetOnOpen = opts.resetOnOpen;
    cfg.holdFirst = opts.hold;
    cfg.resetDelayNs = int64_t(opts.resetDelayMs * 1e6);
    cfg.bootStart = bootStart;
    cfg.bootSpeed = opts.bootSpeed > 0 ? opts.bootSpeed : opts.speed;
    Rig rig(avr, pty, events, cfg);

    events.ready(opts.link.empty() ? pty.slavePath() : opts.link, pty.slavePath());
    rig.run();

    pty.close();  // removes the --link symlink
    double sim = rig.simulatedSeconds();
    double wall = rig.runningWallSeconds();
    fprintf(stderr, "rudebot-sim: simulated %.3f s in %.3f s wall (ratio %.2f)\n", sim, wall,
        wall > 0 ? sim / wall : 0.0);
    if (!opts.flashImage.empty() && !saveFlashImage(avr, opts.flashImage, error))
        fprintf(stderr, "rudebot-sim: %s\n", error.c_str());
    avr_terminate(avr);
    return 0;
}
