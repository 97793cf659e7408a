#include "desktop/connection_target.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QUrl>
#include <QUrlQuery>

namespace rudebot {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("ConnectionTarget", text);
}
}  // namespace

QString redactSecrets(const QString &text)
{
    // Up to the next separator: & in a query, whitespace or a quote in a sentence.
    static const QRegularExpression key(
        QStringLiteral("(key=)[^&\\s\"'“”]*"), QRegularExpression::CaseInsensitiveOption);
    QString out = text;
    return out.replace(key, QStringLiteral("\\1…"));
}

QString withoutFinalStop(const QString &sentence)
{
    QString s = sentence.trimmed();
    while (s.endsWith(QLatin1Char('.')))
        s.chop(1);
    return s;
}

QString ConnectionTarget::toString() const
{
    switch (kind) {
    case Kind::Station: return pairing.toUri();
    case Kind::Bridge: return QStringLiteral("bridge:%1:%2").arg(link.host).arg(link.port);
    case Kind::Serial: {
        QString s = QStringLiteral("serial:") + link.path;
        if (link.hasUsbIdentity()) {
            QUrlQuery q;
            q.addQueryItem(QStringLiteral("vid"), QString::number(link.usbVendorId, 16));
            q.addQueryItem(QStringLiteral("pid"), QString::number(link.usbProductId, 16));
            if (!link.usbSerialNumber.isEmpty())
                q.addQueryItem(QStringLiteral("serial"), link.usbSerialNumber);
            s += QLatin1Char('?') + q.toString(QUrl::FullyEncoded);
        }
        return s;
    }
    }
    return {};
}

std::optional<ConnectionTarget> ConnectionTarget::fromString(const QString &input, QString *error)
{
    const QString text = input.trimmed();
    ConnectionTarget t;
    if (text.startsWith(QLatin1String("rudebot://"))) {
        const auto pairing = PairingInfo::fromUri(text, error);
        if (!pairing)
            return std::nullopt;
        t.kind = Kind::Station;
        t.pairing = *pairing;
        return t;
    }
    if (text.startsWith(QLatin1String("serial:")) || text.startsWith(QLatin1Char('/'))) {
        QString rest = text.startsWith(QLatin1Char('/')) ? text : text.mid(7);
        const int q = rest.indexOf(QLatin1Char('?'));
        if (q >= 0) {
            const QUrlQuery query(rest.mid(q + 1));
            t.link.usbVendorId =
                quint16(query.queryItemValue(QStringLiteral("vid")).toUInt(nullptr, 16));
            t.link.usbProductId =
                quint16(query.queryItemValue(QStringLiteral("pid")).toUInt(nullptr, 16));
            t.link.usbSerialNumber =
                query.queryItemValue(QStringLiteral("serial"), QUrl::FullyDecoded);
            rest = rest.left(q);
        }
        if (rest.isEmpty()) {
            *error = tr("no serial port named; give a device such as /dev/ttyACM0");
            return std::nullopt;
        }
        t.kind = Kind::Serial;
        t.link.kind = LinkSettings::Kind::Serial;
        t.link.path = rest;
        return t;
    }
    const QString hostPort = text.startsWith(QLatin1String("bridge:")) ? text.mid(7) : text;
    QString why;
    if (parseHostPort(hostPort, &t.link, &why)) {
        t.kind = Kind::Bridge;
        return t;
    }
    *error = tr("“%1” is neither a pairing link (rudebot://…), a serial port (/dev/…) nor a "
                "bridge (HOST:PORT): %2")
                 .arg(redactSecrets(text), redactSecrets(withoutFinalStop(why)));
    return std::nullopt;
}

QString ConnectionTarget::displayName() const
{
    switch (kind) {
    case Kind::Station: return tr("Station at %1:%2").arg(pairing.host).arg(pairing.port);
    case Kind::Serial: return tr("Serial port %1").arg(link.path);
    case Kind::Bridge: return tr("Bridge at %1:%2").arg(link.host).arg(link.port);
    }
    return {};
}

}  // namespace rudebot
