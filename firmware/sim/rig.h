// The virtual Uno: the simavr core wired to the pty, the servo pin and the pacer.
#pragma once

#include "pacer.h"
#include "servo_meter.h"

#include <cstdint>

struct avr_t;
struct avr_irq_t;
struct avr_uart_t;
class EventLog;
class PtyLink;

struct RigConfig {
    double speed = 1.0;
    bool resetOnOpen = false;  // every host open resets the AVR
    bool holdFirst = false;  // CPU waits for the first host open
    int64_t resetDelayNs = 0;  // wall time the AVR stays in reset after an open
    uint32_t bootStart = 0;  // first byte of the boot section; 0 = no bootloader
    double bootSpeed = 1.0;  // pacing while the CPU runs in the boot section
};

class Rig {
public:
    Rig(avr_t *avr, PtyLink &pty, EventLog &events, const RigConfig &cfg);
    ~Rig();

    // Runs until a termination signal arrives.
    void run();

    double simulatedSeconds() const;
    double runningWallSeconds() const;

private:
    // Held: waiting for the first open. Resetting: in reset after an open, until
    // releaseAtNs_. Halted: the firmware stopped the CPU or crashed.
    enum class State {
        Held,
        Resetting,
        Running,
        Halted
    };

    static uint64_t onTick(avr_t *avr, uint64_t when, void *param);
    static uint64_t onRxSlot(avr_t *avr, uint64_t when, void *param);
    static void onUartOut(avr_irq_t *irq, uint32_t value, void *param);
    static void onServoPin(avr_irq_t *irq, uint32_t value, void *param);
    static void onCoreReset(avr_t *avr);

    int64_t tickDeadline();
    void armTimers();
    void afterReset();
    void externalReset();
    void handleOpens();
    void releaseReset();
    void startRunning();
    void stopRunning(State next);
    uint64_t cycles() const;
    double simMs(uint64_t cycles) const;
    uint64_t simNs(uint64_t cycles) const;

    static Rig *instance_;  // avr_t::reset has no user pointer

    avr_t *avr_;
    PtyLink &pty_;
    EventLog &events_;
    RigConfig cfg_;
    Pacer pacer_;
    Pacer bootPacer_;
    bool inBoot_ = false;  // the last tick found the CPU in the boot section
    ServoMeter meter_;

    avr_uart_t *uart_ = nullptr;
    avr_irq_t *uartIn_ = nullptr;
    uint16_t ddrbAddr_ = 0;
    void (*coreReset_)(avr_t *) = nullptr;

    State state_ = State::Held;
    bool attention_ = false;  // the tick saw an open or a signal: leave the run burst
    bool resetSeen_ = false;
    uint64_t epoch_ = 0;  // keeps simulated time monotonic if a reset zeroes avr->cycle
    uint64_t cycleAtReset_ = 0;
    uint64_t cyclesPerTick_;
    int64_t releaseAtNs_ = 0;
    int64_t runStartNs_ = 0;
    int64_t runWallNs_ = 0;
    uint64_t lostRx_ = 0;
};
