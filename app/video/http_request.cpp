#include "video/http_request.h"

#include <QUrl>

namespace rudebot {

QByteArray HttpRequestHead::header(QByteArrayView name) const
{
    const QByteArray lower = name.toByteArray().toLower();
    for (const auto &h : headers) {
        if (h.first == lower)
            return h.second;
    }
    return {};
}

QString HttpRequestHead::bearerToken() const
{
    const QByteArray auth = header("authorization");
    if (auth.size() > 7 && auth.left(7).toLower() == "bearer ")
        return QString::fromUtf8(auth.mid(7).trimmed());
    return query.queryItemValue(QStringLiteral("token"), QUrl::FullyDecoded);
}

QByteArray HttpRequestHead::basicPassword() const
{
    // RFC 7235: the scheme name is case-insensitive ("Basic", "BASIC", "basic").
    const QByteArray auth = header("authorization");
    if (auth.size() <= 6 || auth.left(6).toLower() != "basic ")
        return {};
    const QByteArray userPass = QByteArray::fromBase64(auth.mid(6).trimmed());
    const qsizetype colon = userPass.indexOf(':');
    return colon < 0 ? QByteArray() : userPass.mid(colon + 1);
}

std::optional<HttpRequestHead> parseHttpRequestHead(const QByteArray &head, QString *error)
{
    auto failed = [error](const QString &why) -> std::optional<HttpRequestHead> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    QList<QByteArray> lines = head.split('\n');
    for (QByteArray &line : lines) {
        if (line.endsWith('\r'))
            line.chop(1);
    }
    while (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    if (lines.isEmpty())
        return failed(QStringLiteral("empty request"));

    const QList<QByteArray> parts = lines.first().split(' ');
    if (parts.size() != 3 || parts.at(0).isEmpty() || !parts.at(2).startsWith("HTTP/1."))
        return failed(QStringLiteral("malformed request line"));
    HttpRequestHead r;
    r.method = parts.at(0);
    r.version = parts.at(2);
    const QByteArray target = parts.at(1);
    if (!target.startsWith('/'))
        return failed(QStringLiteral("request target is not an absolute path"));
    const qsizetype q = target.indexOf('?');
    r.path = QUrl::fromPercentEncoding(target.left(q < 0 ? target.size() : q));
    if (q >= 0)
        r.query = QUrlQuery(QString::fromUtf8(target.mid(q + 1)));

    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray &line = lines.at(i);
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return failed(QStringLiteral("malformed header line"));
        r.headers.append({line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed()});
    }
    return r;
}

qsizetype httpHeadEnd(const QByteArray &data)
{
    const qsizetype crlf = data.indexOf("\r\n\r\n");
    const qsizetype lf = data.indexOf("\n\n");
    if (crlf >= 0 && (lf < 0 || crlf + 2 <= lf))
        return crlf + 4;
    return lf >= 0 ? lf + 2 : -1;
}

QByteArray httpErrorResponse(int status, const QByteArray &reason, const QByteArray &extraHeaders)
{
    const QByteArray body = QByteArray::number(status) + ' ' + reason + '\n';
    return "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason
        + "\r\n"
          "Content-Type: text/plain; charset=utf-8\r\n"
          "Content-Length: "
        + QByteArray::number(body.size())
        + "\r\n"
          "Cache-Control: no-store\r\n"
          "Connection: close\r\n"
        + extraHeaders + "\r\n" + body;
}

}  // namespace rudebot
