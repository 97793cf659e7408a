#include "comms/loopback_link.h"

#include <QMetaObject>

namespace rudebot {

LoopbackLink::LoopbackLink(const QString &name, QObject *parent) : Link(parent), m_name(name) { }

void LoopbackLink::connectEnds(LoopbackLink *a, LoopbackLink *b)
{
    a->m_peer = b;
    b->m_peer = a;
}

void LoopbackLink::open()
{
    if (state() != State::Closed)
        return;
    setState(State::Opening);
    if (!m_pluggedIn) {
        emit errorOccurred(tr("Cannot open %1: nothing is plugged in.").arg(describe()));
        setState(State::Closed);
        return;
    }
    setState(State::Open);
}

void LoopbackLink::close()
{
    setState(State::Closed);
}

void LoopbackLink::write(const QByteArray &bytes)
{
    if (state() != State::Open || !m_peer)
        return;
    m_bytesWritten += bytes.size();
    QMetaObject::invokeMethod(
        m_peer,
        [peer = m_peer, bytes] {
            if (peer)
                peer->deliver(bytes);
        },
        Qt::QueuedConnection);
}

void LoopbackLink::deliver(const QByteArray &bytes)
{
    if (state() == State::Open && m_peer && m_peer->state() == State::Open)
        emit bytesReceived(bytes);
}

void LoopbackLink::setPluggedIn(bool pluggedIn)
{
    if (m_pluggedIn == pluggedIn)
        return;
    m_pluggedIn = pluggedIn;
    if (m_peer)
        m_peer->m_pluggedIn = pluggedIn;
    if (!pluggedIn) {
        unplugged();
        if (m_peer)
            m_peer->unplugged();
    }
}

void LoopbackLink::unplugged()
{
    if (state() == State::Closed)
        return;
    emit errorOccurred(tr("Lost %1: the cable was pulled.").arg(describe()));
    setState(State::Closed);
}

}  // namespace rudebot
