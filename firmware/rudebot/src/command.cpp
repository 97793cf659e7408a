#include "command.h"

namespace rudebot {

namespace {

bool isBlank(char c)
{
    return c == ' ' || c == '\t' || c == '\v' || c == '\f';
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// strtol()-like integer over a whole (short) line; false if anything is left over.
bool parseInt(const char *s, int &out)
{
    while (isBlank(*s))
        ++s;
    bool negative = false;
    if (*s == '+' || *s == '-')
        negative = (*s++ == '-');
    if (!isDigit(*s))
        return false;
    int v = 0;
    while (isDigit(*s))
        v = v * 10 + (*s++ - '0');  // at most 3 characters: no overflow possible
    if (*s != 0)
        return false;
    out = negative ? -v : v;
    return true;
}

}  // namespace

Command parseCommand(const char *line)
{
    int n = 0;
    if (parseInt(line, n)) {
        if (n < 0 || n > 180)
            return {Command::BadAngle, 0};
        return {Command::Angle, static_cast<uint8_t>(n)};
    }
    const char c0 = line[0];
    if (c0 == '?' && line[1] == 0)
        return {Command::Query, 0};
    if ((c0 == 'V' || c0 == 'v') && line[1] == 0)
        return {Command::Version, 0};
    if (c0 == '!' && line[1] == 0)
        return {Command::Stop, 0};
    if (c0 == 'S' || c0 == 's') {
        const char *d = line + 1;
        if (!isDigit(d[0]) || (d[1] != 0 && (!isDigit(d[1]) || d[2] != 0)))
            return {Command::BadSpeed, 0};
        const int ms = d[1] ? (d[0] - '0') * 10 + (d[1] - '0') : d[0] - '0';
        if (ms == 0)
            return {Command::BadSpeed, 0};
        return {Command::Speed, static_cast<uint8_t>(ms)};
    }
    return {Command::BadInput, 0};
}

}  // namespace rudebot
