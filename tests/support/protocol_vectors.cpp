#include "support/protocol_vectors.h"

#include <QFile>

QByteArray unescapeVector(const QByteArray &text, bool *ok)
{
    QByteArray out;
    *ok = true;
    for (int i = 0; i < text.size(); ++i) {
        const char c = text.at(i);
        if (c != '\\') {
            out.append(c);
            continue;
        }
        if (++i >= text.size()) {
            *ok = false;
            break;
        }
        switch (text.at(i)) {
        case 'r': out.append('\r'); break;
        case 'n': out.append('\n'); break;
        case 't': out.append('\t'); break;
        case 'v': out.append('\v'); break;
        case 'f': out.append('\f'); break;
        case '\\': out.append('\\'); break;
        case 'x': {
            bool hexOk = false;
            const int v = text.mid(i + 1, 2).toInt(&hexOk, 16);
            if (!hexOk || i + 2 >= text.size()) {
                *ok = false;
                return out;
            }
            out.append(static_cast<char>(v));
            i += 2;
            break;
        }
        default: *ok = false; return out;
        }
    }
    return out;
}

QList<ProtocolVector> loadProtocolVectors(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot open %1: %2").arg(path, file.errorString());
        return {};
    }
    QList<ProtocolVector> vectors;
    int lineNo = 0;
    while (!file.atEnd()) {
        QByteArray line = file.readLine();
        ++lineNo;
        if (line.endsWith('\n'))
            line.chop(1);
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        const QList<QByteArray> cols = line.split('\t');
        bool ok = cols.size() == 3;
        ProtocolVector v;
        if (ok) {
            v.name = QString::fromUtf8(cols[0]);
            v.input = unescapeVector(cols[1], &ok);
            if (!cols[2].isEmpty())
                v.replies = cols[2].split('|');
            for (QByteArray &r : v.replies) {
                // " | " separates replies; only the separator's own blanks are trimmed, so a
                // reply's inner double blank (an echo of " 90") survives.
                if (r.startsWith(' ') && &r != &v.replies.first())
                    r.remove(0, 1);
                if (r.endsWith(' ') && &r != &v.replies.last())
                    r.chop(1);
                bool replyOk = true;
                r = unescapeVector(r, &replyOk);
                ok = ok && replyOk;
            }
        }
        if (!ok || v.name.isEmpty() || v.input.isEmpty()) {
            *error = QStringLiteral("%1:%2: malformed vector").arg(path).arg(lineNo);
            return {};
        }
        vectors.append(v);
    }
    if (vectors.isEmpty())
        *error = QStringLiteral("%1: no vectors").arg(path);
    return vectors;
}

bool vectorReplyMatches(const QByteArray &expected, const QByteArray &actual)
{
    qsizetype a = 0;
    for (qsizetype e = 0; e < expected.size(); ++e) {
        if (expected.at(e) == '*') {
            const qsizetype start = a;
            while (a < actual.size() && actual.at(a) >= '0' && actual.at(a) <= '9')
                ++a;
            if (a == start)
                return false;
            continue;
        }
        if (a >= actual.size() || actual.at(a) != expected.at(e))
            return false;
        ++a;
    }
    return a == actual.size();
}

bool vectorRepliesMatch(const QList<QByteArray> &expected, const QList<QByteArray> &actual)
{
    if (expected.size() != actual.size())
        return false;
    for (qsizetype i = 0; i < expected.size(); ++i)
        if (!vectorReplyMatches(expected.at(i), actual.at(i)))
            return false;
    return true;
}

QByteArray describeReplies(const QList<QByteArray> &lines)
{
    QByteArray out;
    for (const QByteArray &l : lines) {
        if (!out.isEmpty())
            out += " | ";
        for (const char c : l) {
            const auto u = uchar(c);
            out += (u < 0x20 || u >= 0x7f)
                ? QByteArray("\\x") + QByteArray::number(u, 16).rightJustified(2, '0')
                : QByteArray(1, c);
        }
    }
    return out;
}
