#include "station/link_source.h"

#include <QFile>

#include "station/private_files.h"

namespace rudebot {

const char kStationLinkVariable[] = "RUDEBOT_STATION_LINK";

namespace {

QString firstLine(const QByteArray &text)
{
    for (const QByteArray &line : text.split('\n'))
        if (!line.trimmed().isEmpty())
            return QString::fromUtf8(line.trimmed());
    return {};
}

}  // namespace

std::optional<QString> readStationLink(const QString &source, QString *error)
{
    QString link;
    if (source.isEmpty()) {
        link = qEnvironmentVariable(kStationLinkVariable).trimmed();
    } else if (source == QLatin1String("-")) {
        QFile in;
        if (!in.open(stdin, QIODevice::ReadOnly)) {
            *error = QStringLiteral("cannot read the pairing link from standard input");
            return std::nullopt;
        }
        link = firstLine(in.read(64 * 1024));
    } else {
        QByteArray text;
        switch (readPrivateFile(source, QStringLiteral("the pairing link"), &text, error)) {
        case PrivateRead::Missing:
            *error = QStringLiteral("there is no file %1 (give a file holding the pairing link, "
                                    "or - for standard input)")
                         .arg(source);
            return std::nullopt;
        case PrivateRead::Refused: return std::nullopt;
        case PrivateRead::Ok: break;
        }
        link = firstLine(text);
    }
    if (link.isEmpty()) {
        *error = source.isEmpty()
            ? QStringLiteral("%1 is empty").arg(QLatin1String(kStationLinkVariable))
            : QStringLiteral("no pairing link in %1")
                  .arg(source == QLatin1String("-") ? QStringLiteral("standard input") : source);
        return std::nullopt;
    }
    return link;
}

bool carriesPairingKey(const QString &argument)
{
    return argument.contains(QLatin1String("://"));
}

QString linkOnCommandLineRefusal(const QString &fileOption)
{
    return QStringLiteral("a pairing link on the command line can be read by every user of this "
                          "computer (ps); put it in a file of your own (%1 FILE), pipe it in "
                          "(%1 -) or set %2")
        .arg(fileOption, QLatin1String(kStationLinkVariable));
}

}  // namespace rudebot
