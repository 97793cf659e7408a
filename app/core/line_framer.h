// Bytes from a stream -> complete lines, bounded: the one framer for the firmware's replies,
// raw clients' command lines and the station's JSON lines. Pure: it holds only the unfinished
// tail, never more than maxLength bytes of it.
#pragma once
#include <QByteArray>
#include <QByteArrayView>
#include <QList>

namespace rudebot {

class LineFramer {
public:
    // What to do with a line that grows past maxLength bytes before its terminator.
    enum class Overflow {
        Cut,  // hand out each maxLength piece as a line (noise, a wrong baud rate)
        Reject,  // report it once, as soon as byte maxLength + 1 arrives, and drop the rest up
                 // to its terminator: the firmware's LineReader, so its tail is never read
    };
    struct Item {
        enum class Kind {
            Line,
            TooLong
        };
        Kind kind = Kind::Line;
        QByteArray line;  // Line: without terminator, never empty, at most maxLength bytes
        friend bool operator==(const Item &a, const Item &b)
        {
            return a.kind == b.kind && a.line == b.line;
        }
    };

    // A line ends at CR or LF; empty lines are dropped, so CRLF counts once (even split
    // across two chunks), as for the firmware.
    LineFramer(qsizetype maxLength, Overflow overflow) : m_max(maxLength), m_overflow(overflow) { }

    QList<Item> feed(QByteArrayView bytes);
    void reset();  // forget a partial line, e.g. after the link reconnects
    bool hasPartialLine() const { return !m_partial.isEmpty() || m_discarding; }
    qsizetype maxLength() const { return m_max; }

private:
    QByteArray m_partial;
    qsizetype m_max;
    Overflow m_overflow;
    bool m_discarding = false;
};

}  // namespace rudebot
