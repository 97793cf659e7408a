#include "flash/flash_and_verify.h"
#include "comms/link_factory.h"
#include "flash/bundled_firmware.h"

namespace rudebot {

FlashAndVerify::FlashAndVerify(QObject *parent) : QObject(parent)
{
    connect(&m_flasher, &FirmwareFlasher::progress, this, &FlashAndVerify::progress);
    connect(&m_flasher, &FirmwareFlasher::finished, this, &FlashAndVerify::onFlashed);
    m_confirmTimer.setSingleShot(true);
    connect(&m_confirmTimer, &QTimer::timeout, this, [this] {
        endConfirmation(false,
            QStringLiteral("The firmware was written and verified, but the board on %1 does not "
                           "answer afterwards. Unplug it and plug it in again, then connect.")
                .arg(m_settings.port));
    });
}

FlashAndVerify::~FlashAndVerify()
{
    // The client holds the link: it goes first.
    m_client.reset();
    m_link.reset();
}

void FlashAndVerify::start(const FlashSettings &settings, const QString &expectedVersion,
    const RigClientOptions &clientOptions)
{
    if (isRunning())
        return;
    m_settings = settings;
    m_expected = expectedVersion.isEmpty() ? bundledFirmwareVersion() : expectedVersion;
    m_clientOptions = clientOptions;
    m_firmware = RigClient::Firmware::Unknown;
    m_version.clear();
    m_client.reset();
    m_link.reset();
    setStage(Stage::Flashing);
    m_flasher.start(settings);
}

void FlashAndVerify::cancel()
{
    if (m_stage == Stage::Flashing)
        m_flasher.cancel();  // its finished() ends the run
    else if (m_stage == Stage::Confirming)
        endConfirmation(false,
            QStringLiteral("Checking the firmware was cancelled; it was written "
                           "and verified."));
}

void FlashAndVerify::onFlashed(bool ok, const QString &message)
{
    if (m_stage != Stage::Flashing)
        return;
    if (!ok) {
        setStage(Stage::Idle);
        emit finished(false, message);
        return;
    }
    // Opening the port resets the Uno (DTR), as it does for any connection.
    setStage(Stage::Confirming);
    LinkSettings link;
    link.kind = LinkSettings::Kind::Serial;
    link.path = m_settings.port;
    link.baudRate = 115200;  // the firmware's speed, not the bootloader's
    m_link = createLink(link);
    m_client = std::make_unique<RigClient>(m_link.get(), m_clientOptions);
    connect(m_client.get(), &RigClient::firmwareDetected, this, &FlashAndVerify::onDetected);
    m_confirmTimer.start(confirmTimeoutMs);
    m_client->start();
}

void FlashAndVerify::onDetected(RigClient::Firmware firmware, const QString &version)
{
    if (m_stage != Stage::Confirming)
        return;
    m_firmware = firmware;
    m_version = version;
    if (firmware == RigClient::Firmware::Rudebot && version == m_expected) {
        endConfirmation(true,
            QStringLiteral("Rudebot firmware %1 is running on %2.").arg(version, m_settings.port));
    } else if (firmware == RigClient::Firmware::Rudebot) {
        endConfirmation(false,
            QStringLiteral("The board on %1 runs Rudebot firmware %2, not %3: "
                           "the new firmware did not take. Flash again.")
                .arg(m_settings.port,
                    version.isEmpty() ? QStringLiteral("(unknown version)") : version, m_expected));
    } else {
        endConfirmation(false,
            QStringLiteral("The board on %1 still runs the original 2011 firmware: "
                           "the new firmware did not take. Flash again.")
                .arg(m_settings.port));
    }
}

void FlashAndVerify::endConfirmation(bool ok, const QString &message)
{
    m_confirmTimer.stop();
    // Stopped, not deleted: this may run inside one of the client's own signals. The next
    // start() or the destructor deletes it.
    if (m_client)
        m_client->stop();
    setStage(Stage::Idle);
    emit finished(ok, message);
}

void FlashAndVerify::setStage(Stage stage)
{
    if (stage == m_stage)
        return;
    m_stage = stage;
    emit stageChanged(stage);
}

}  // namespace rudebot
