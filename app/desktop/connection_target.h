// Where the remote view connects, as one value that can be remembered as text:
//   rudebot://HOST:PORT/?fp=…&key=…      an office station (the pairing link itself)
//   serial:/dev/ttyACM0[?vid=2341&pid=0043&serial=…]   the Arduino on a serial port
//   bridge:HOST:PORT                      a raw serial-to-TCP bridge (tcp_serial_redirect.py,
//   ser2net)
// The station form holds the pairing secret: it is a password (docs/security.md).
#pragma once
#include <QString>
#include <optional>

#include "comms/link_settings.h"
#include "station/pairing.h"

namespace rudebot {

struct ConnectionTarget {
    enum class Kind {
        Station,
        Serial,
        Bridge
    };
    Kind kind = Kind::Station;
    PairingInfo pairing;  // Station
    LinkSettings link;  // Serial, Bridge

    QString toString() const;
    // Also takes a bare "HOST:PORT" (a bridge) and a bare device path (serial).
    static std::optional<ConnectionTarget> fromString(const QString &text, QString *error);
    // For menus and titles; never shows the secret.
    QString displayName() const;
};

// Text that may hold a pairing link, with every key=… value replaced by "…": messages and logs
// echo what the user typed, and the key is a password.
QString redactSecrets(const QString &text);

// Error sentences are built from parts that may already end in a full stop: one stop, never two.
QString withoutFinalStop(const QString &sentence);

}  // namespace rudebot
