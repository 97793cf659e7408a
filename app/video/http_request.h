// The head of an HTTP/1.x request as the MJPEG server sees it, and its pure parser. This is
// what an authorizer inspects: the station plugs its pairing-secret check in here.
#pragma once
#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrlQuery>
#include <optional>

namespace rudebot {

struct HttpRequestHead {
    QByteArray method;  // as sent, e.g. "GET"
    QString path;  // percent-decoded, e.g. "/stream"
    QUrlQuery query;  // e.g. token=...
    QByteArray version;  // e.g. "HTTP/1.1"
    QList<QPair<QByteArray, QByteArray>> headers;  // names lower-cased, values trimmed
    QHostAddress peer;  // filled in by the server

    // The first header with this (case-insensitive) name, or an empty array.
    QByteArray header(QByteArrayView name) const;
    // The credential a viewer presented: "Authorization: Bearer <t>" or else "?token=<t>".
    // Empty when neither is present.
    QString bearerToken() const;
    // The password of "Authorization: Basic <base64 user:password>", the scheme in any letter
    // case; empty when there is none.
    QByteArray basicPassword() const;
};

// Parses everything before the blank line ending the head (that line excluded). CRLF or LF
// line endings. nullopt with *error set when it is not a valid HTTP/1.x request head.
std::optional<HttpRequestHead> parseHttpRequestHead(const QByteArray &head, QString *error);

// Where the head of a request ends in `data` (index just past the blank line), or -1.
qsizetype httpHeadEnd(const QByteArray &data);

// A complete response with a short text body; the connection closes after it.
QByteArray httpErrorResponse(
    int status, const QByteArray &reason, const QByteArray &extraHeaders = {});

}  // namespace rudebot
