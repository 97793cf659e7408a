// A rig on a serial port (the Uno's USB serial, or a pty such as the virtual rig's).
#pragma once
#include "comms/link.h"
#include "comms/link_settings.h"

#include <QSerialPort>

namespace rudebot {

// What a user can do about a port that would not open; part of SerialLink's error message.
QString serialOpenAdvice(QSerialPort::SerialPortError error);
// The same for the port at path: a "permission" error on a port this user may open is another
// program holding it (Qt's lock file), typically a second station, not a missing group.
QString serialOpenAdvice(QSerialPort::SerialPortError error, const QString &path);

class SerialLink : public Link {
    Q_OBJECT
public:
    explicit SerialLink(const LinkSettings &settings, QObject *parent = nullptr);

    void open() override;
    void close() override;
    void write(const QByteArray &bytes) override;
    QString describe() const override;

    // The settings in use, including the USB identity learnt when the device was first opened
    // by path, so that a device that comes back under another name is found by it.
    LinkSettings settings() const { return m_settings; }

private:
    void onError(QSerialPort::SerialPortError error);

    LinkSettings m_settings;
    QSerialPort m_port;
    QString m_openedPath;
};

}  // namespace rudebot
