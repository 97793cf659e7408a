// Wires the office view's People dialog to the station's Keyring: the list follows the store
// (also when rudebot-bridge changes it), "Make link" adds a person and shows their link,
// "Revoke" removes one (the station then closes their sessions).
#pragma once
#include <QObject>
#include <QPointer>

#include "station/pairing.h"

namespace rudebot {

class Keyring;
class PeopleDialog;

class PeopleController : public QObject {
    Q_OBJECT
public:
    // keyring must outlive this; station: the station's address and fingerprint for links.
    PeopleController(Keyring *keyring, const PairingInfo &station, PeopleDialog *dialog,
        QObject *parent = nullptr);

private:
    void refresh();

    Keyring *m_keyring;
    PairingInfo m_station;
    QPointer<PeopleDialog> m_dialog;
};

}  // namespace rudebot
