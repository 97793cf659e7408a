#include "comms/serial_link.h"

#include "comms/port_finder.h"

#include <QFileInfo>
#include <unistd.h>

namespace rudebot {

QString serialOpenAdvice(QSerialPort::SerialPortError error)
{
    switch (error) {
    case QSerialPort::PermissionError:
        // Usually not a busy port: on Debian the port belongs to the dialout group.
        return SerialLink::tr("This user may not use the port: install the rudebot package (its "
                              "udev rule gives the logged-in user the Arduino's port), or add the "
                              "user to the dialout group (sudo adduser $USER dialout) and log in "
                              "again. If another program holds the port, close it.");
    case QSerialPort::DeviceNotFoundError:
        return SerialLink::tr("Check that the rig is plugged in.");
    default:
        return SerialLink::tr("Check that the rig is plugged in and that no other program is "
                              "using the port.");
    }
}

QString serialOpenAdvice(QSerialPort::SerialPortError error, const QString &path)
{
    if (error == QSerialPort::PermissionError
        && ::access(QFile::encodeName(path).constData(), R_OK | W_OK) == 0)
        return SerialLink::tr(
            "Another program holds the port, perhaps another Rudebot station (only "
            "one program can own the rig): stop it, or connect to that station "
            "instead.");
    return serialOpenAdvice(error);
}

SerialLink::SerialLink(const LinkSettings &settings, QObject *parent)
    : Link(parent), m_settings(settings)
{
    connect(
        &m_port, &QSerialPort::readyRead, this, [this] { emit bytesReceived(m_port.readAll()); });
    connect(&m_port, &QSerialPort::errorOccurred, this, &SerialLink::onError);
}

void SerialLink::open()
{
    if (state() != State::Closed)
        return;
    setState(State::Opening);
    const QList<PortCandidate> ports = availableSerialPorts();
    const QString canonical = QFileInfo(m_settings.path).canonicalFilePath();
    m_openedPath = findPort(m_settings, canonical, ports);

    m_port.setPortName(m_openedPath);
    m_port.setBaudRate(m_settings.baudRate);
    m_port.setDataBits(QSerialPort::Data8);
    m_port.setParity(QSerialPort::NoParity);
    m_port.setStopBits(QSerialPort::OneStop);
    m_port.setFlowControl(QSerialPort::NoFlowControl);
    if (!m_port.open(QIODevice::ReadWrite)) {
        const QString reason = m_port.errorString();
        const QSerialPort::SerialPortError error = m_port.error();
        m_port.clearError();
        emit errorOccurred(tr("Cannot open the serial port %1: %2. %3")
                               .arg(m_openedPath, reason, serialOpenAdvice(error, m_openedPath)));
        setState(State::Closed);
        return;
    }
    if (!m_settings.hasUsbIdentity()) {
        if (const auto id = identifyPort(QFileInfo(m_openedPath).canonicalFilePath(), ports)) {
            m_settings.usbVendorId = id->usbVendorId;
            m_settings.usbProductId = id->usbProductId;
            m_settings.usbSerialNumber = id->usbSerialNumber;
        }
    }
    setState(State::Open);
}

void SerialLink::close()
{
    if (m_port.isOpen())
        m_port.close();
    setState(State::Closed);
}

void SerialLink::write(const QByteArray &bytes)
{
    if (state() == State::Open)
        m_port.write(bytes);
}

QString SerialLink::describe() const
{
    const QString path = m_openedPath.isEmpty() ? m_settings.path : m_openedPath;
    return QStringLiteral("serial %1").arg(path);
}

void SerialLink::onError(QSerialPort::SerialPortError error)
{
    // ResourceError is what an unplugged USB device (or a closed pty master) gives; read and
    // write errors on an open port mean the same to us: the port is gone, reopen it later.
    const bool fatal = error == QSerialPort::ResourceError || error == QSerialPort::ReadError
        || error == QSerialPort::WriteError;
    if (!fatal || state() != State::Open)
        return;
    const QString reason = m_port.errorString();
    m_port.clearError();
    m_port.close();
    emit errorOccurred(tr("Lost the serial port %1 (%2); the rig was unplugged or reset. "
                          "Reconnecting when it is back.")
                           .arg(m_openedPath, reason));
    setState(State::Closed);
}

}  // namespace rudebot
