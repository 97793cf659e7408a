// Flashes the firmware and then confirms which firmware runs: after avrdude has written and
// verified the flash, the port is opened with the rig client (the board resets, the
// bootloader waits about 1.5 s, the firmware starts) and its ready line is awaited. Only
// "Rudebot firmware <expected version> is running" counts as success.
#pragma once
#include "comms/link_settings.h"
#include "comms/rig_client.h"
#include "flash/firmware_flasher.h"

#include <QObject>
#include <QTimer>
#include <memory>

namespace rudebot {

class Link;

class FlashAndVerify : public QObject {
    Q_OBJECT
public:
    enum class Stage {
        Idle,
        Flashing,
        Confirming
    };
    Q_ENUM(Stage)

    explicit FlashAndVerify(QObject *parent = nullptr);
    ~FlashAndVerify() override;

    // expectedVersion empty = bundledFirmwareVersion(). The rig client options are the ones
    // used for the confirmation (a real Uno's boot wait is the default).
    void start(const FlashSettings &settings, const QString &expectedVersion = {},
        const RigClientOptions &clientOptions = {});
    void cancel();

    Stage stage() const { return m_stage; }
    bool isRunning() const { return m_stage != Stage::Idle; }
    FirmwareFlasher &flasher() { return m_flasher; }
    // What answered after flashing (Unknown if nothing did).
    RigClient::Firmware runningFirmware() const { return m_firmware; }
    QString runningVersion() const { return m_version; }

    // How long to wait for the board after flashing: its bootloader wait plus the client's
    // probe window, with room to spare.
    int confirmTimeoutMs = 15000;

signals:
    void stageChanged(rudebot::FlashAndVerify::Stage stage);
    void progress(rudebot::FlashPhase phase, int percent);
    void finished(bool ok, const QString &message);

private:
    void onFlashed(bool ok, const QString &message);
    void onDetected(RigClient::Firmware firmware, const QString &version);
    void endConfirmation(bool ok, const QString &message);
    void setStage(Stage stage);

    FirmwareFlasher m_flasher;
    FlashSettings m_settings;
    QString m_expected;
    RigClientOptions m_clientOptions;
    QTimer m_confirmTimer;
    std::unique_ptr<Link> m_link;
    std::unique_ptr<RigClient> m_client;
    Stage m_stage = Stage::Idle;
    RigClient::Firmware m_firmware = RigClient::Firmware::Unknown;
    QString m_version;
};

}  // namespace rudebot
