#include "line_reader.h"

namespace rudebot {

LineReader::Event LineReader::feed(uint8_t byte)
{
    if (m_lineReady) {  // the previous line was handed out; start a fresh one
        m_lineReady = false;
        m_len = 0;
        m_buf[0] = 0;
    }
    const bool terminator = (byte == '\r' || byte == '\n');
    if (terminator) {
        if (m_discarding) {
            m_discarding = false;
            m_len = 0;
            m_buf[0] = 0;
            return None;
        }
        if (m_len == 0)
            return None;  // empty line (or the LF of a CRLF): ignored, no verdict
        m_buf[m_len] = 0;
        m_lineReady = true;
        return Line;
    }
    if (m_discarding)
        return None;
    if (m_len == kMaxLen) {
        m_discarding = true;
        m_len = 0;
        m_buf[0] = 0;
        return TooLong;
    }
    m_buf[m_len++] = static_cast<char>(byte);
    m_buf[m_len] = 0;
    return None;
}

}  // namespace rudebot
