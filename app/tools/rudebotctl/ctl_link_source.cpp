#include "tools/rudebotctl/ctl_link_source.h"

#include <QFile>

#include "station/private_files.h"

namespace rudebot::ctl {

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

bool resolveStationLink(Request *request, QString *error)
{
    if (request->via != Request::Via::Station)
        return true;
    const QString source = request->station;
    QString link;
    if (source.isEmpty()) {
        link = qEnvironmentVariable(kStationLinkVariable).trimmed();
    } else if (source == QLatin1String("-")) {
        QFile in;
        if (!in.open(stdin, QIODevice::ReadOnly)) {
            *error = QStringLiteral("cannot read the pairing link from standard input");
            return false;
        }
        link = firstLine(in.read(64 * 1024));
    } else {
        QByteArray text;
        // The same rule as the station's own secrets: only a file nobody else can read.
        switch (readPrivateFile(source, QStringLiteral("the pairing link"), &text, error)) {
        case PrivateRead::Missing:
            *error = QStringLiteral("there is no file %1 (--station takes a file holding the "
                                    "pairing link, or - for standard input)")
                         .arg(source);
            return false;
        case PrivateRead::Refused: return false;
        case PrivateRead::Ok: break;
        }
        link = firstLine(text);
    }
    if (link.isEmpty()) {
        *error = source.isEmpty()
            ? QStringLiteral("%1 is empty").arg(QLatin1String(kStationLinkVariable))
            : QStringLiteral("no pairing link in %1")
                  .arg(source == QLatin1String("-") ? QStringLiteral("standard input") : source);
        return false;
    }
    request->station = link;
    return true;
}

}  // namespace rudebot::ctl
