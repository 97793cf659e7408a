// Reads tests/vectors/protocol.tsv, the one table of wire behaviour that the firmware's host
// tests, the end-to-end tests and the app's codec tests all check against.
#pragma once
#include <QByteArray>
#include <QList>
#include <QString>

struct ProtocolVector {
    QString name;
    QByteArray input;  // bytes the host sends
    QList<QByteArray> replies;  // reply lines in order, without terminators
};

// Throws nothing; a malformed file yields an empty list and a message in *error.
QList<ProtocolVector> loadProtocolVectors(const QString &path, QString *error);

// "\r\n\x00" style escapes -> bytes. Exposed for tests of the reader itself.
QByteArray unescapeVector(const QByteArray &text, bool *ok);

// A reply line against the table's, where "*" in the table matches a run of digits.
bool vectorReplyMatches(const QByteArray &expected, const QByteArray &actual);
bool vectorRepliesMatch(const QList<QByteArray> &expected, const QList<QByteArray> &actual);
// Replies joined by " | " with control and high bytes escaped, for failure messages.
QByteArray describeReplies(const QList<QByteArray> &lines);
