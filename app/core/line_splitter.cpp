#include "core/line_splitter.h"

namespace rudebot {

QList<QByteArray> LineSplitter::feed(QByteArrayView bytes)
{
    QList<QByteArray> lines;
    for (const char c : bytes) {
        const bool lfAfterCr = c == '\n' && m_lastWasCr;
        m_lastWasCr = c == '\r';
        if (c == '\r' || c == '\n') {
            if (!lfAfterCr && !m_partial.isEmpty())
                lines.append(m_partial);
            m_partial.clear();
            continue;
        }
        m_partial.append(c);
        if (m_partial.size() >= m_max) {
            lines.append(m_partial);
            m_partial.clear();
        }
    }
    return lines;
}

void LineSplitter::reset()
{
    m_partial.clear();
    m_lastWasCr = false;
}

} // namespace rudebot
