// What the station keeps between starts, in one private directory: its TLS identity, the
// shared pairing secret and the people store (keyring.h). One function opens it for every
// composition root (rudebot-bridge, the app's office view, the demo), so the checks and the
// first-start rules live in one place: see docs/security.md.
#pragma once
#include <QByteArray>
#include <QString>
#include <QStringList>
#include <optional>

#include "station/tls_identity.h"

namespace rudebot {

struct StationData {
    QString dir;  // where the files are (a private subdirectory of a shared folder)
    TlsIdentity identity;
    QByteArray sharedSecret;  // the one-for-everyone secret of the first pairing link
    bool created = false;  // the pairing secret was made on this start: show the link once
    QString note;  // for the log: why dir is not the directory asked for
};

// File names inside StationData::dir.
extern const char kPairingSecretFile[];  // "pairing-secret"
extern const char kPeopleFile[];  // "people.json", see keyring.h
QStringList stationDataFiles();  // every file above, and the key and certificate

// Opens (or on first start creates) the station's files in requestedDir. nullopt with one
// sentence in *error saying what failed and what to do; a failed first start removes what it
// made, so the next start does not find half an identity.
std::optional<StationData> openStationData(
    const QString &requestedDir, const QString &commonName, QString *error);

}  // namespace rudebot
