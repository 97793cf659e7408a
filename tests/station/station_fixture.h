// A whole office station for tests: the real firmware in the virtual rig, a serial link, the
// rig client and the station listening on 127.0.0.1 (TLS, raw and office socket), with a fresh
// identity and secret in a temporary directory.
#pragma once
#include <QTemporaryDir>
#include <memory>

#include "comms/link_factory.h"
#include "comms/rig_client.h"
#include "remote/station_client.h"
#include "station/keyring.h"
#include "station/pairing.h"
#include "station/station.h"
#include "support/virtual_rig.h"

struct StationFixture {
    QTemporaryDir dir;
    VirtualRig rig;
    std::unique_ptr<rudebot::Link> link;
    std::unique_ptr<rudebot::RigClient> client;
    std::unique_ptr<rudebot::Keyring> keyring;  // people.json in dir, and the shared secret
    std::unique_ptr<rudebot::Station> station;
    QByteArray secret;
    QByteArray fingerprint;
    QString officeSocket;

    // False with *error on any failure; speed as rudebot-sim's --speed.
    bool start(double speed, QString *error, rudebot::StationSettings settings = {})
    {
        VirtualRig::Options o;
        o.speed = speed;
        if (!rig.start(o)) {
            *error = rig.errorString();
            return false;
        }
        const auto identity = rudebot::loadOrCreateTlsIdentity(dir.path(), "test station", error);
        const auto s = rudebot::loadOrCreatePairingSecret(dir.filePath("pairing-secret"), error);
        if (!identity || !s)
            return false;
        secret = *s;
        keyring = std::make_unique<rudebot::Keyring>(dir.filePath("people.json"), secret);
        if (!keyring->load(error))
            return false;
        rudebot::LinkSettings ls;
        ls.path = rig.linkPath();
        link = rudebot::createLink(ls);
        client = std::make_unique<rudebot::RigClient>(link.get());
        settings.listenAddress = QHostAddress::LocalHost;
        settings.port = 0;
        settings.rawEnabled = true;
        settings.rawAddress = QHostAddress::LocalHost;
        settings.rawPort = 0;
        officeSocket = dir.filePath("office.sock");
        settings.officeSocket = officeSocket;
        settings.name = "Test office";
        station =
            std::make_unique<rudebot::Station>(client.get(), *identity, keyring.get(), settings);
        fingerprint = station->fingerprint();
        return station->start(error);
    }

    rudebot::PairingInfo pairing() const
    {
        return {"127.0.0.1", station->port(), fingerprint, secret};
    }

    // A link of a person's own (keyring.h), as rudebot-bridge pair --name makes one.
    rudebot::PairingInfo pairingFor(const rudebot::PairedPerson &person) const
    {
        return {"127.0.0.1", station->port(), fingerprint, person.secret};
    }
};
