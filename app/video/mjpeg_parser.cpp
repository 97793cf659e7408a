#include "video/mjpeg_parser.h"

#include <algorithm>

namespace rudebot {

namespace {
QByteArray stripLeadingDashes(const QByteArray &b)
{
    qsizetype i = 0;
    while (i < b.size() && b.at(i) == '-')
        ++i;
    return i == b.size() ? b : b.mid(i);
}
}  // namespace

MjpegParser::MjpegParser(const QByteArray &boundary, qsizetype maxPartBytes)
    : m_core(stripLeadingDashes(boundary.trimmed())), m_maxPartBytes(maxPartBytes)
{
    if (m_core.isEmpty())
        fail(QStringLiteral("The stream declares an empty multipart boundary, so its frames "
                            "cannot be separated. Check that the URL points to an MJPEG stream."));
}

std::optional<QByteArray> MjpegParser::boundaryFromContentType(QByteArrayView contentType)
{
    const QList<QByteArray> fields = contentType.toByteArray().split(';');
    if (!fields.value(0).trimmed().toLower().startsWith("multipart/"))
        return std::nullopt;
    for (qsizetype i = 1; i < fields.size(); ++i) {
        const QByteArray field = fields.at(i).trimmed();
        const qsizetype eq = field.indexOf('=');
        if (eq < 0 || field.left(eq).trimmed().toLower() != "boundary")
            continue;
        QByteArray value = field.mid(eq + 1).trimmed();
        if (value.size() >= 2 && value.startsWith('"') && value.endsWith('"'))
            value = value.mid(1, value.size() - 2);
        if (value.isEmpty())
            return std::nullopt;
        return value;
    }
    return std::nullopt;
}

QList<QByteArray> MjpegParser::feed(QByteArrayView chunk)
{
    QList<QByteArray> out;
    if (m_state == State::Finished || m_state == State::Failed)
        return out;
    m_buf.append(chunk.data(), chunk.size());

    bool progressed = true;
    while (progressed) {
        switch (m_state) {
        case State::SeekDelimiter: progressed = stepSeekDelimiter(); break;
        case State::PartHeaders: progressed = stepPartHeaders(); break;
        case State::Body: progressed = stepBody(out); break;
        case State::Finished:
        case State::Failed: progressed = false; break;
        }
    }
    if (m_state == State::Finished || m_state == State::Failed) {
        m_buf.clear();
        m_pos = m_scan = 0;
    } else {
        compact();
    }
    return out;
}

bool MjpegParser::isLineStart(qsizetype pos) const
{
    return pos == m_lineStartPos || (pos > 0 && m_buf.at(pos - 1) == '\n');
}

// The start of the next delimiter line at or after `from` (its first dash), or -1.
qsizetype MjpegParser::findDelimiter(qsizetype from, qsizetype *coreEnd) const
{
    for (qsizetype i = m_buf.indexOf(m_core, from); i >= 0; i = m_buf.indexOf(m_core, i + 1)) {
        qsizetype j = i;
        while (j > m_pos && m_buf.at(j - 1) == '-')
            --j;
        if (i - j >= 2 && isLineStart(j)) {
            *coreEnd = i + m_core.size();
            return j;
        }
    }
    return -1;
}

bool MjpegParser::stepSeekDelimiter()
{
    qsizetype coreEnd = 0;
    const qsizetype start = findDelimiter(std::max(m_scan, m_pos), &coreEnd);
    if (start < 0) {
        // Keep only a tail that could hold the start of a delimiter: garbage cannot pile up.
        const qsizetype keep = m_core.size() + 64;
        if (m_buf.size() - m_pos > keep) {
            m_pos = m_buf.size() - keep;
            if (m_lineStartPos < m_pos)
                m_lineStartPos = -1;
        }
        m_scan = std::max(m_pos, m_buf.size() - m_core.size() + 1);
        return false;
    }
    const qsizetype eol = m_buf.indexOf('\n', coreEnd);
    if (eol < 0) {
        if (m_buf.size() - coreEnd > kMaxPartHeaderBytes) {
            fail(QStringLiteral("A multipart delimiter line never ended. The stream is not valid "
                                "MJPEG; check the camera's URL and format."));
            return false;
        }
        m_scan = coreEnd - m_core.size();  // find the same delimiter again once the line ends
        return false;
    }
    const QByteArray rest = m_buf.mid(coreEnd, eol - coreEnd).trimmed();
    m_pos = eol + 1;
    m_scan = m_pos;
    m_lineStartPos = -1;
    if (rest.startsWith("--")) {
        m_state = State::Finished;
        return false;
    }
    m_state = State::PartHeaders;
    m_headerBytes = 0;
    m_contentLength = -1;
    return true;
}

bool MjpegParser::stepPartHeaders()
{
    for (;;) {
        const qsizetype eol = m_buf.indexOf('\n', m_pos);
        if (eol < 0) {
            if (m_headerBytes + (m_buf.size() - m_pos) > kMaxPartHeaderBytes)
                fail(QStringLiteral("A frame's part headers exceed %1 bytes. The stream is not "
                                    "valid MJPEG; check the camera's URL and format.")
                         .arg(kMaxPartHeaderBytes));
            return false;
        }
        m_headerBytes += eol + 1 - m_pos;
        if (m_headerBytes > kMaxPartHeaderBytes) {
            fail(QStringLiteral("A frame's part headers exceed %1 bytes. The stream is not valid "
                                "MJPEG; check the camera's URL and format.")
                     .arg(kMaxPartHeaderBytes));
            return false;
        }
        const QByteArray line = m_buf.mid(m_pos, eol - m_pos).trimmed();
        m_pos = eol + 1;
        if (line.isEmpty()) {
            m_state = State::Body;
            m_scan = m_pos;
            return true;
        }
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().toLower() == "content-length") {
            bool ok = false;
            const qint64 length = line.mid(colon + 1).trimmed().toLongLong(&ok);
            if (ok
                && length >= 0) {  // a broken length is ignored: the delimiter still ends the part
                if (length > m_maxPartBytes) {
                    fail(QStringLiteral("A frame of %1 bytes exceeds the limit of %2 bytes. Lower "
                                        "the camera's resolution or quality.")
                             .arg(length)
                             .arg(m_maxPartBytes));
                    return false;
                }
                m_contentLength = length;
            }
        }
    }
}

bool MjpegParser::stepBody(QList<QByteArray> &out)
{
    qsizetype end = -1;
    qsizetype next = -1;
    if (m_contentLength >= 0) {
        if (m_buf.size() - m_pos < m_contentLength)
            return false;
        end = next = m_pos + m_contentLength;
    } else {
        qsizetype coreEnd = 0;
        const qsizetype delim = findDelimiter(std::max(m_scan, m_pos), &coreEnd);
        if (delim < 0) {
            if (m_buf.size() - m_pos > m_maxPartBytes) {
                fail(QStringLiteral("A frame grew past the limit of %1 bytes without a following "
                                    "delimiter. The stream is not valid MJPEG or the frames are "
                                    "too large; check the camera's URL and resolution.")
                         .arg(m_maxPartBytes));
                return false;
            }
            m_scan = std::max(m_pos, m_buf.size() - m_core.size() + 1);
            return false;
        }
        // The line break before a delimiter belongs to the delimiter, not to the payload.
        end = delim;
        if (end > m_pos && m_buf.at(end - 1) == '\n')
            --end;
        if (end > m_pos && m_buf.at(end - 1) == '\r')
            --end;
        next = delim;
    }
    if (end > m_pos)
        out.append(m_buf.mid(m_pos, end - m_pos));
    m_pos = next;
    m_scan = next;
    m_lineStartPos = next;  // a delimiter may follow the payload without a line break
    m_state = State::SeekDelimiter;
    return true;
}

void MjpegParser::fail(const QString &message)
{
    m_state = State::Failed;
    m_error = message;
}

// Drops consumed bytes when they are at least half the buffer: amortised O(1) per byte even
// when data arrives one byte at a time.
void MjpegParser::compact()
{
    if (m_pos == 0 || m_pos * 2 < m_buf.size())
        return;
    m_buf.remove(0, m_pos);
    m_scan = std::max<qsizetype>(0, m_scan - m_pos);
    m_lineStartPos = m_lineStartPos >= m_pos ? m_lineStartPos - m_pos : -1;
    m_pos = 0;
}

}  // namespace rudebot
