// Incremental reader of a multipart/x-mixed-replace body (the MJPEG-over-HTTP format): feed
// byte chunks of any size as they arrive, get each part's payload (one JPEG) once complete.
//
// Pure code: no QObject, no I/O, no clock. Accepts what real cameras send:
//  - parts with Content-Length (read exactly that many bytes) and parts without (the payload
//    runs to the CRLF before the next delimiter line);
//  - CRLF or bare LF line endings; garbage before the first delimiter;
//  - a delimiter line of "--" + boundary, and the common camera bug of a declared boundary that
//    already starts with "--" being used as is (any run of two or more dashes is accepted).
// Memory is bounded: a part larger than maxPartBytes, or part headers over 16 KiB, put the
// parser into the error state instead of growing the buffer.
#pragma once
#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <optional>

namespace rudebot {

class MjpegParser {
public:
    static constexpr qsizetype kDefaultMaxPartBytes = 8 * 1024 * 1024;
    static constexpr qsizetype kMaxPartHeaderBytes = 16 * 1024;

    // boundary: the boundary parameter of the response's Content-Type, without quotes.
    explicit MjpegParser(const QByteArray &boundary, qsizetype maxPartBytes = kDefaultMaxPartBytes);

    // The boundary parameter of a multipart Content-Type value, e.g.
    // "multipart/x-mixed-replace; boundary=frame" -> "frame". nullopt when the value is not a
    // multipart type or has no boundary.
    static std::optional<QByteArray> boundaryFromContentType(QByteArrayView contentType);

    // Takes the next bytes of the body; returns the payloads they completed, oldest first.
    // Empty parts are not returned. Returns nothing once finished or failed.
    QList<QByteArray> feed(QByteArrayView chunk);

    bool hasError() const { return m_state == State::Failed; }
    QString errorString() const { return m_error; }
    bool isFinished() const { return m_state == State::Finished; }  // closing delimiter seen
    qsizetype bufferedBytes() const { return m_buf.size() - m_pos; }

private:
    enum class State {
        SeekDelimiter,
        PartHeaders,
        Body,
        Finished,
        Failed
    };

    bool stepSeekDelimiter();
    bool stepPartHeaders();
    bool stepBody(QList<QByteArray> &out);
    qsizetype findDelimiter(qsizetype from, qsizetype *coreEnd) const;
    bool isLineStart(qsizetype pos) const;
    void fail(const QString &message);
    void compact();

    QByteArray m_core;  // the boundary without leading dashes
    qsizetype m_maxPartBytes;
    State m_state = State::SeekDelimiter;
    QString m_error;

    QByteArray m_buf;
    qsizetype m_pos = 0;  // first unconsumed byte
    qsizetype m_scan = 0;  // where the next delimiter search starts
    qsizetype m_lineStartPos = 0;  // a position that counts as a line start (-1: none)
    qsizetype m_headerBytes = 0;
    qsizetype m_contentLength = -1;
};

}  // namespace rudebot
