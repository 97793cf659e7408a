#include "signals.h"

#include <csignal>
#include <fcntl.h>
#include <initializer_list>
#include <unistd.h>

namespace {
volatile sig_atomic_t g_quit = 0;
int g_pipe[2] = {-1, -1};

void onSignal(int)
{
    g_quit = 1;
    if (g_pipe[1] >= 0) {
        char c = 'q';
        ssize_t r = write(g_pipe[1], &c, 1);  // non-blocking; a full pipe is awake already
        (void)r;
    }
}
}  // namespace

namespace sim_signals {

bool install()
{
    if (pipe2(g_pipe, O_NONBLOCK | O_CLOEXEC) != 0)
        return false;
    struct sigaction sa = {};
    sa.sa_handler = onSignal;
    sigemptyset(&sa.sa_mask);
    for (int sig : {SIGINT, SIGTERM, SIGHUP})
        sigaction(sig, &sa, nullptr);
    signal(SIGPIPE, SIG_IGN);
    return true;
}

bool quitRequested()
{
    return g_quit != 0;
}

int wakeFd()
{
    return g_pipe[0];
}

}  // namespace sim_signals
