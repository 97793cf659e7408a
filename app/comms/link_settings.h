// How to reach a rig, as a plain value captured when connecting.
#pragma once
#include <QString>
#include <QtGlobal>

namespace rudebot {

struct LinkSettings {
    enum class Kind {
        Serial,
        Tcp
    };
    Kind kind = Kind::Serial;

    // Serial: a device path (/dev/ttyACM0, a /dev/serial/by-id link, a pty). When the USB
    // identity is known, a device that comes back under another name is found by it.
    QString path;
    qint32 baudRate = 115200;
    quint16 usbVendorId = 0;  // 0: unknown
    quint16 usbProductId = 0;
    QString usbSerialNumber;  // empty: unknown (many clone boards have none)

    // TCP: a raw serial-to-TCP bridge (tcp_serial_redirect.py, ser2net in raw mode).
    QString host;
    quint16 port = 0;

    bool hasUsbIdentity() const { return usbVendorId != 0 && usbProductId != 0; }
};

// "HOST:PORT" (also "[::1]:PORT") -> TCP settings. False with a sentence in *error otherwise.
bool parseHostPort(const QString &text, LinkSettings *out, QString *error);

}  // namespace rudebot
