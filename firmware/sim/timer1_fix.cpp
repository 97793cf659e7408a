#include "timer1_fix.h"
#include "simavr_api.h"

#include <cstring>

bool patchTimer1Mode14(avr_t *avr)
{
    // The timers are avr_io_t modules on the core's io_port list; avr_timer_t starts
    // with its avr_io_t, so a "timer" module can be viewed as the whole timer struct.
    for (avr_io_t *io = avr->io_port; io; io = io->next) {
        if (!io->kind || strcmp(io->kind, "timer") != 0)
            continue;
        auto *timer = reinterpret_cast<avr_timer_t *>(io);
        if (timer->name != '1')
            continue;
        avr_timer_wgm_t &mode = timer->wgm_op[14];
        if (mode.kind == avr_timer_wgm_fast_pwm && mode.top == avr_timer_wgm_reg_icr)
            return false;
        // Same as simavr's AVR_TIMER_WGM_ICFASTPWM(), whose out-of-order designated
        // initialiser does not compile as C++.
        mode = avr_timer_wgm_t{};
        mode.kind = avr_timer_wgm_fast_pwm;
        mode.top = avr_timer_wgm_reg_icr;
        mode.size = 16;
        return true;
    }
    return false;
}
