#include "comms/rig_client.h"

Q_LOGGING_CATEGORY(lcRigTrace, "rudebot.rig.trace", QtWarningMsg)

namespace rudebot {

using Conv = RigConversation;
static_assert(int(RigClient::State::Ready) == int(Conv::State::Ready)
        && int(RigClient::Firmware::Seed) == int(Conv::Firmware::Seed)
        && int(RigClient::Error::Refused) == int(Conv::Error::Refused),
    "enums must match");

RigClient::RigClient(Link *link, const RigClientOptions &options, QObject *parent)
    : QObject(parent), m_link(link), m_conv(options), m_reconnector(link, options.backoff)
{
    m_clock.start();
    m_conv.setLinkName(link->describe());
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        m_conv.advanceTo(now());
        drain();
    });
    connect(link, &Link::stateChanged, this, &RigClient::onLinkState);
    connect(link, &Link::bytesReceived, this, &RigClient::onBytes);
    connect(link, &Link::errorOccurred, this, [this](const QString &message) {
        m_conv.linkFailed(message);
        drain();
    });
}

void RigClient::start()
{
    if (m_conv.isRunning())
        return;
    m_reconnector.setEnabled(true);
    const bool open = m_link->isOpen();
    if (open)
        m_splitter.reset();
    m_conv.start(open, now());
    drain();
    if (!open && m_link->state() == Link::State::Closed)
        m_link->open();
}

void RigClient::stop()
{
    m_conv.stop();
    m_reconnector.setEnabled(false);
    m_link->close();
    drain();
}

void RigClient::setCalibration(const Calibration &calibration)
{
    m_conv.setCalibration(calibration, now());
    drain();
    emit calibrationChanged(calibration);  // dials redraw their limits, stations tell clients
}

void RigClient::setTargetServo(double servoDeg)
{
    m_conv.setTargetServo(servoDeg, now());
    drain();
}

void RigClient::setTargetLogical(double logicalDeg)
{
    m_conv.setTargetLogical(logicalDeg, now());
    drain();
}

void RigClient::setSpeed(int msPerDeg)
{
    m_conv.setSpeed(msPerDeg, now());
    drain();
}

void RigClient::stopMotion()
{
    m_conv.stopMotion(now());
    drain();
}

bool RigClient::sendLine(const QByteArray &line)
{
    const bool queued = m_conv.sendLine(line, now());
    drain();
    return queued;
}

void RigClient::onLinkState(Link::State state)
{
    if (state == Link::State::Open) {
        m_splitter.reset();
        m_conv.linkOpened(now());
    } else if (state == Link::State::Closed) {
        m_conv.linkClosed();
    }
    drain();
}

void RigClient::onBytes(const QByteArray &bytes)
{
    for (const QByteArray &line : m_splitter.feed(bytes)) {
        qCDebug(lcRigTrace).noquote() << m_link->describe() << "<" << QString::fromLatin1(line);
        m_conv.lineReceived(line, now());
    }
    drain();
}

void RigClient::drain()
{
    // Slots connected to the signals below may call back in (a new target on arrived()):
    // the outer call keeps draining, so events still leave in the order they were made.
    if (m_draining)
        return;
    m_draining = true;
    while (m_conv.hasEvent()) {
        const Conv::Event e = m_conv.takeEvent();
        using K = Conv::Event::Kind;
        switch (e.kind) {
        case K::Send:
            qCDebug(lcRigTrace).noquote()
                << m_link->describe() << ">" << QString::fromLatin1(e.line);
            m_link->write(e.bytes);
            emit commandSent(e.line);
            break;
        case K::CloseLink: m_link->close(); break;  // the reconnector reopens it later
        case K::StateChanged:
            if (e.state == Conv::State::Ready)
                m_reconnector.resetBackoff();
            emit stateChanged(State(e.state));
            break;
        case K::FirmwareDetected: emit firmwareDetected(Firmware(e.firmware), e.text); break;
        case K::ActualAngleChanged: emit actualAngleChanged(e.servoDeg, e.logicalDeg); break;
        case K::TargetChanged: emit targetChanged(e.servoDeg, e.logicalDeg); break;
        case K::TargetAccepted: emit targetAccepted(e.servoDeg); break;
        case K::Arrived: emit arrived(e.servoDeg); break;
        case K::BoardReset: emit boardReset(); break;
        case K::LineReplied: emit lineReplied(e.line, e.replies); break;
        case K::Error: emit errorOccurred(Error(e.error), e.text); break;
        }
    }
    m_draining = false;
    if (const std::optional<qint64> at = m_conv.deadline())
        m_timer.start(int(qBound<qint64>(0, *at - now(), 24LL * 3600 * 1000)));
    else
        m_timer.stop();
}

}  // namespace rudebot
