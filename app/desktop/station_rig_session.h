// A rig reached through an office station (TLS, pinned certificate, proof of the pairing
// secret): StationClient's state turned into the remote window's snapshot, including the
// station's video (MJPEG over HTTPS, pinned to the same certificate, the secret as token).
#pragma once
#include "desktop/rig_session.h"
#include "remote/station_client.h"
#include "station/pairing.h"

namespace rudebot {

class StationRigSession : public RigSession {
    Q_OBJECT
public:
    StationRigSession(
        const PairingInfo &pairing, const QString &clientName, QObject *parent = nullptr);

    QString rigId() const override;
    QString describe() const override;
    void start() override;
    void stop() override;
    void setTargetLogical(double logicalDeg) override;
    void setSpeed(int msPerDeg) override;
    void stopMotion() override;
    void askForControl() override;

    StationClient &client() { return m_client; }
    // The snapshot for a station state; pure, for tests.
    // ownClientId: this client's number at the station (another remote's lease can be asked for).
    static SessionSnapshot snapshotFor(const StationState &state, StationClient::Status status,
        const PairingInfo &pairing, int rttMs, int ownClientId = 0);

private:
    void update();

    PairingInfo m_pairing;
    QString m_name;
    StationClient m_client;
};

}  // namespace rudebot
