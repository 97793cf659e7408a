// The firmware's reply lines from a link: LineFramer with the Cut policy, as plain lines.
#pragma once
#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include "core/line_framer.h"

namespace rudebot {

class LineSplitter {
public:
    // A line ends at CR, LF or CRLF (CRLF counts once, even when split across two chunks).
    // Empty lines are dropped: the board never sends one. A line that grows past maxLineLength
    // without a terminator (noise, wrong baud rate) is cut there so memory stays bounded.
    explicit LineSplitter(qsizetype maxLineLength = 256)
        : m_framer(maxLineLength, LineFramer::Overflow::Cut)
    {
    }

    QList<QByteArray> feed(QByteArrayView bytes);
    void reset() { m_framer.reset(); }  // forget a partial line, e.g. after the link reconnects
    bool hasPartialLine() const { return m_framer.hasPartialLine(); }

private:
    LineFramer m_framer;
};

}  // namespace rudebot
