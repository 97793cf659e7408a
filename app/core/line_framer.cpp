#include "core/line_framer.h"

namespace rudebot {

QList<LineFramer::Item> LineFramer::feed(QByteArrayView bytes)
{
    using K = Item::Kind;
    QList<Item> items;
    for (const char c : bytes) {
        if (c == '\r' || c == '\n') {
            if (!m_discarding && !m_partial.isEmpty())
                items.append({K::Line, m_partial});
            m_partial.clear();
            m_discarding = false;
            continue;
        }
        if (m_discarding)
            continue;
        if (m_partial.size() == m_max) {
            if (m_overflow == Overflow::Reject) {
                items.append({K::TooLong, {}});
                m_partial.clear();
                m_discarding = true;
                continue;
            }
            items.append({K::Line, m_partial});
            m_partial.clear();
        }
        m_partial.append(c);
    }
    return items;
}

void LineFramer::reset()
{
    m_partial.clear();
    m_discarding = false;
}

}  // namespace rudebot
