#include "core/line_splitter.h"

namespace rudebot {

QList<QByteArray> LineSplitter::feed(QByteArrayView bytes)
{
    QList<QByteArray> lines;
    for (LineFramer::Item &item : m_framer.feed(bytes))
        lines.append(std::move(item.line));  // Cut never reports TooLong
    return lines;
}

}  // namespace rudebot
