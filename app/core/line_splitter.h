// Bytes from a link -> complete lines. Pure: it holds only the unfinished tail.
#pragma once
#include <QByteArray>
#include <QByteArrayView>
#include <QList>

namespace rudebot {

class LineSplitter {
public:
    // A line ends at CR, LF or CRLF (CRLF counts once, even when split across two chunks).
    // Empty lines are dropped: the board never sends one. A line that grows past maxLineLength
    // without a terminator (noise, wrong baud rate) is cut there so memory stays bounded.
    explicit LineSplitter(qsizetype maxLineLength = 256) : m_max(maxLineLength) {}

    QList<QByteArray> feed(QByteArrayView bytes);
    void reset();  // forget a partial line, e.g. after the link reconnects
    bool hasPartialLine() const { return !m_partial.isEmpty(); }

private:
    QByteArray m_partial;
    qsizetype m_max;
    bool m_lastWasCr = false;
};

} // namespace rudebot
