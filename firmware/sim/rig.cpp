#include "rig.h"
#include "event_log.h"
#include "pty_link.h"
#include "signals.h"
#include "simavr_api.h"

#include <cstdio>
#include <cstring>

Rig *Rig::instance_ = nullptr;

namespace {
const int kServoPinBit = 1;  // Arduino pin 9 = PB1 = OC1A

// simavr's default sleep callback usleep()s for idle time; pacing is ours to do.
void noSleep(avr_t *, avr_cycle_count_t) { }

// simavr declares the UART's receive FIFO but keeps its accessors private (DEFINE_FIFO
// is only expanded in avr_uart.c); this is its isfull() test.
bool uartFifoFull(const uart_fifo_t &f)
{
    return ((f.write + 1) & (uart_fifo_fifo_size - 1)) == f.read;
}

template <typename T> T *findIo(avr_t *avr, const char *kind, char name)
{
    for (avr_io_t *io = avr->io_port; io; io = io->next) {
        // Every simavr module struct starts with its avr_io_t, followed by its name.
        if (io->kind && strcmp(io->kind, kind) == 0 && reinterpret_cast<T *>(io)->name == name)
            return reinterpret_cast<T *>(io);
    }
    return nullptr;
}
}  // namespace

Rig::Rig(avr_t *avr, PtyLink &pty, EventLog &events, const RigConfig &cfg)
    : avr_(avr), pty_(pty), events_(events), cfg_(cfg), pacer_(cfg.speed),
      bootPacer_(cfg.bootSpeed), meter_(avr->frequency), cyclesPerTick_(avr->frequency / 1000)
{
    instance_ = this;
    avr_->sleep = noSleep;

    uart_ = findIo<avr_uart_t>(avr_, "uart", '0');
    if (uart_) {
        // No console echo of UART lines, and no usleep() on every status-register poll.
        uint32_t flags = 0;
        avr_ioctl(avr_, AVR_IOCTL_UART_GET_FLAGS('0'), &flags);
        flags &= ~uint32_t(AVR_UART_FLAG_POLL_SLEEP | AVR_UART_FLAG_STDIO);
        avr_ioctl(avr_, AVR_IOCTL_UART_SET_FLAGS('0'), &flags);
        uartIn_ = avr_io_getirq(avr_, AVR_IOCTL_UART_GETIRQ('0'), UART_IRQ_INPUT);
        avr_irq_register_notify(
            avr_io_getirq(avr_, AVR_IOCTL_UART_GETIRQ('0'), UART_IRQ_OUTPUT), onUartOut, this);
    } else {
        fprintf(stderr, "rudebot-sim: warning: this MCU has no UART0; the pty stays silent\n");
    }

    if (auto *portB = findIo<avr_ioport_t>(avr_, "port", 'B')) {
        ddrbAddr_ = portB->r_ddr;
        // The pin IRQ sees every level change of PB1, whether it comes from the timer's
        // compare output (simavr connects OC1A to it) or from plain PORTB writes.
        avr_irq_register_notify(
            avr_io_getirq(avr_, AVR_IOCTL_IOPORT_GETIRQ('B'), kServoPinBit), onServoPin, this);
    }

    // avr_reset() clears all cycle timers and then calls the core's reset hook, so
    // wrapping that hook is the one place that sees every reset (ours, watchdog, ...).
    coreReset_ = avr_->reset;
    avr_->reset = onCoreReset;
    armTimers();
}

Rig::~Rig()
{
    if (instance_ == this) {
        avr_->reset = coreReset_;
        instance_ = nullptr;
    }
}

uint64_t Rig::cycles() const
{
    return epoch_ + avr_->cycle;
}

double Rig::simMs(uint64_t c) const
{
    return double(c) * 1000.0 / double(avr_->frequency);
}

uint64_t Rig::simNs(uint64_t c) const
{
    return uint64_t(double(c) * 1e9 / double(avr_->frequency));
}

double Rig::simulatedSeconds() const
{
    return double(cycles()) / double(avr_->frequency);
}

double Rig::runningWallSeconds() const
{
    int64_t ns = runWallNs_;
    if (state_ == State::Running)
        ns += wallNowNs() - runStartNs_;
    return double(ns) / 1e9;
}

void Rig::armTimers()
{
    avr_cycle_timer_cancel(avr_, onTick, this);
    avr_cycle_timer_register(avr_, cyclesPerTick_, onTick, this);
    if (uart_) {
        avr_cycle_timer_cancel(avr_, onRxSlot, this);
        avr_cycle_timer_register(avr_, cyclesPerTick_, onRxSlot, this);
    }
}

// Every simulated millisecond: hand bytes to the host, take bytes and open events
// from it, and (when paced) sleep until the wall clock has caught up.
uint64_t Rig::onTick(avr_t *, uint64_t when, void *param)
{
    Rig *r = static_cast<Rig *>(param);
    r->pty_.service(r->tickDeadline());
    if (r->pty_.opensPending() || sim_signals::quitRequested())
        r->attention_ = true;
    return when + r->cyclesPerTick_;
}

// The wall time the current tick is due. Inside the boot section the bootloader's own
// pacing applies: its upload window is wall time to the host, whatever --speed says.
// Switching pacers re-anchors the new one, so neither sprints to catch up.
int64_t Rig::tickDeadline()
{
    uint64_t now = simNs(cycles());
    bool inBoot = cfg_.bootStart != 0 && avr_->pc >= cfg_.bootStart;
    if (inBoot != inBoot_) {
        inBoot_ = inBoot;
        (inBoot ? bootPacer_ : pacer_).anchor(now);
    }
    return (inBoot ? bootPacer_ : pacer_).deadlineFor(now);
}

// One byte time of the serial line: the next host byte arrives at the UART. Like the
// real receiver it is lost if reception is off or the receive buffer is full.
uint64_t Rig::onRxSlot(avr_t *avr, uint64_t when, void *param)
{
    Rig *r = static_cast<Rig *>(param);
    if (!r->pty_.rxEmpty()) {
        uint8_t byte = r->pty_.rxPop();
        if (avr_regbit_get(avr, r->uart_->rxen) && !uartFifoFull(r->uart_->input))
            avr_raise_irq(r->uartIn_, byte);
        else
            ++r->lostRx_;
    }
    uint64_t perByte = r->uart_->cycles_per_byte;
    return when + (perByte ? perByte : r->cyclesPerTick_ / 10);
}

void Rig::onUartOut(avr_irq_t *, uint32_t value, void *param)
{
    static_cast<Rig *>(param)->pty_.txPush(uint8_t(value));
}

void Rig::onServoPin(avr_irq_t *, uint32_t value, void *param)
{
    Rig *r = static_cast<Rig *>(param);
    // OC1A only reaches the pin while DDRB1 is an output, as on the real chip.
    if (!(r->avr_->data[r->ddrbAddr_] & (1u << kServoPinBit)))
        return;
    ServoMeter::Pulse pulse;
    if (r->meter_.onLevel(value != 0, r->cycles(), pulse))
        r->events_.servo(r->simMs(pulse.endCycle), pulse.widthUs, pulse.angleDeg);
}

void Rig::onCoreReset(avr_t *avr)
{
    Rig *r = instance_;
    r->coreReset_(avr);
    r->cycleAtReset_ = r->epoch_ + avr->cycle;
    r->resetSeen_ = true;
    r->meter_.reset();
    r->armTimers();
    r->events_.reset(r->simMs(r->cycleAtReset_));
}

// simavr 1.6 keeps avr->cycle across resets; should a version zero it, fold the
// elapsed cycles into the epoch so simulated time never runs backwards.
void Rig::afterReset()
{
    resetSeen_ = false;
    if (epoch_ + avr_->cycle < cycleAtReset_)
        epoch_ = cycleAtReset_ - avr_->cycle;
}

void Rig::startRunning()
{
    if (state_ == State::Running)
        return;
    state_ = State::Running;
    runStartNs_ = wallNowNs();
    pacer_.anchor(simNs(cycles()));  // simulated time stood still meanwhile
    bootPacer_.anchor(simNs(cycles()));
}

void Rig::stopRunning(State next)
{
    if (state_ == State::Running)
        runWallNs_ += wallNowNs() - runStartNs_;
    state_ = next;
}

// The DTR pulse of a real Uno reaches the chip's RESET pin: an external reset. Its
// EXTRF flag matters: Optiboot only waits for an upload after an external reset.
void Rig::externalReset()
{
    avr_reset(avr_);  // also reports RESET through onCoreReset()
    afterReset();
    if (avr_->reset_flags.extrf.reg)
        avr_regbit_set(avr_, avr_->reset_flags.extrf);
}

// A host opened the pty. With --reset-on-open (and for the first open after --hold)
// the AVR is kept in reset for a moment: hosts flush their input right after opening
// (pyserial does), and firmware that prints at once would lose its boot lines to that.
// On a real Uno the bootloader's start-up delay hides this.
void Rig::handleOpens()
{
    if (pty_.takeOpens() == 0)
        return;
    if (cfg_.resetOnOpen || state_ == State::Held || state_ == State::Resetting) {
        stopRunning(State::Resetting);
        releaseAtNs_ = wallNowNs() + cfg_.resetDelayNs;
    }
}

void Rig::releaseReset()
{
    if (cfg_.resetOnOpen) {
        externalReset();
    } else {
        // --hold: the CPU has not run yet and still sits at its power-on reset.
        events_.reset(simMs(cycles()));
    }
    startRunning();
}

void Rig::run()
{
    state_ = State::Held;
    if (!cfg_.holdFirst && !cfg_.resetOnOpen) {
        startRunning();
        events_.reset(simMs(cycles()));
    }
    while (!sim_signals::quitRequested()) {
        if (state_ != State::Running) {
            pty_.service(state_ == State::Resetting ? releaseAtNs_ : -1);
            handleOpens();
            if (state_ == State::Resetting && wallNowNs() >= releaseAtNs_)
                releaseReset();
            continue;
        }
        for (int i = 0; i < 100000 && !attention_; ++i) {
            int st = avr_run(avr_);
            if (resetSeen_)
                afterReset();
            if (st == cpu_Done || st == cpu_Crashed) {
                const char *why = st == cpu_Done ? "done" : "crashed";
                fprintf(stderr,
                    "rudebot-sim: firmware %s at %.1f ms (pc 0x%04x); waiting for a reset\n",
                    st == cpu_Done ? "stopped the CPU" : "crashed", simMs(cycles()),
                    unsigned(avr_->pc));
                events_.halt(simMs(cycles()), why);
                stopRunning(State::Halted);
                break;
            }
        }
        attention_ = false;
        handleOpens();
    }
    stopRunning(State::Held);
    if (lostRx_)
        fprintf(stderr,
            "rudebot-sim: %llu host bytes were lost at the AVR's UART (receiver off or full)\n",
            (unsigned long long)lostRx_);
}
