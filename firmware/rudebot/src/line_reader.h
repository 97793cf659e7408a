// Splits the serial byte stream into command lines of at most 3 characters (the seed's limit).
// CR, LF and CRLF all end a line (CRLF counts once because the empty line between is ignored).
// A line that grows past 3 characters is reported once, as soon as the 4th byte arrives, and
// everything up to its terminator is discarded, so its tail can never be read as a command.
#pragma once
#include <stdint.h>

namespace rudebot {

class LineReader {
public:
    static const uint8_t kMaxLen = 3;

    enum Event : uint8_t {
        None,  // byte consumed, nothing to do yet
        Line,  // a complete non-empty line is in text()
        TooLong,  // the current line passed kMaxLen; its rest will be dropped
    };

    Event feed(uint8_t byte);
    const char *text() const { return m_buf; }
    uint8_t length() const { return m_len; }

private:
    char m_buf[kMaxLen + 1] = {0, 0, 0, 0};
    uint8_t m_len = 0;
    bool m_discarding = false;
    bool m_lineReady = false;  // text() holds a line that was already returned
};

}  // namespace rudebot
