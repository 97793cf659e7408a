#include "station/station_data.h"

#include <QDir>
#include <QFile>

#include "station/pairing.h"
#include "station/private_files.h"

namespace rudebot {

const char kPairingSecretFile[] = "pairing-secret";
const char kPeopleFile[] = "people.json";

QStringList stationDataFiles()
{
    return {QLatin1String(kPairingSecretFile), QStringLiteral("station-key.pem"),
        QStringLiteral("station-cert.pem"), QLatin1String(kPeopleFile)};
}

std::optional<StationData> openStationData(
    const QString &requestedDir, const QString &commonName, QString *error)
{
    StationData d;
    const QStringList own = stationDataFiles();
    const std::optional<QString> dir = privateStationDirectory(requestedDir, own, &d.note, error);
    if (!dir)
        return std::nullopt;
    d.dir = *dir;
    QStringList existed;
    for (const QString &f : own)
        if (pathOccupied(QDir(d.dir).filePath(f)))
            existed << f;
    const QString secretPath = QDir(d.dir).filePath(QLatin1String(kPairingSecretFile));
    const std::optional<QByteArray> secret = loadOrCreatePairingSecret(secretPath, error);
    const std::optional<TlsIdentity> identity =
        secret ? loadOrCreateTlsIdentity(d.dir, commonName, error) : std::nullopt;
    if (!secret || !identity) {
        // Whatever this start made goes again: a half identity must not greet the next start.
        for (const QString &f : own)
            if (!existed.contains(f))
                QFile::remove(QDir(d.dir).filePath(f));
        return std::nullopt;
    }
    d.sharedSecret = *secret;
    d.identity = *identity;
    d.created = !existed.contains(QLatin1String(kPairingSecretFile));
    return d;
}

}  // namespace rudebot
