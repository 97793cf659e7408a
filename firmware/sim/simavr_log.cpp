#include "simavr_log.h"
#include "simavr_api.h"

#include <cstdarg>
#include <cstdio>

namespace {
int g_maxLevel = LOG_ERROR;

// simavr's default logger writes some levels to stdout, which is our event stream.
void logToStderr(avr_t *, const int level, const char *format, va_list ap)
{
    // LOG_OUTPUT is the UART console echo; we turn that off and never want it.
    if (level > g_maxLevel || level == LOG_OUTPUT)
        return;
    fputs("rudebot-sim: simavr: ", stderr);
    vfprintf(stderr, format, ap);
}
}  // namespace

void routeSimavrLog(bool verbose)
{
    g_maxLevel = verbose ? LOG_TRACE : LOG_ERROR;
    avr_global_logger_set(logToStderr);
}
