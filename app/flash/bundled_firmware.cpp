#include "flash/bundled_firmware.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace rudebot {

QString bundledFirmwarePath(QStringList *tried)
{
    QStringList candidates;
    if (QCoreApplication::instance()) {
        candidates << QDir::cleanPath(QCoreApplication::applicationDirPath()
            + QStringLiteral("/../share/rudebot/firmware/rudebot.hex"));
    }
#ifdef RUDEBOT_FIRMWARE_DIR
    candidates << QStringLiteral(RUDEBOT_FIRMWARE_DIR "/rudebot.hex");
#endif
    if (tried)
        *tried = candidates;
    for (const QString &path : candidates) {
        if (QFileInfo(path).isReadable())
            return path;
    }
    return {};
}

QString bundledFirmwareVersion()
{
    return QStringLiteral(RUDEBOT_BUNDLED_FIRMWARE_VERSION);
}

}  // namespace rudebot
