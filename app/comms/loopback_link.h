// Two in-memory link ends joined like a cable: what one end writes, the other receives on a
// later turn of the event loop (never inside write(), as with real I/O). A real implementation
// of Link for unit tests and demos: the app uses one end, a board written in the test the other.
#pragma once
#include "comms/link.h"

#include <QPointer>

namespace rudebot {

class LoopbackLink : public Link {
    Q_OBJECT
public:
    explicit LoopbackLink(const QString &name, QObject *parent = nullptr);

    // Joins two ends. Either end may be destroyed first.
    static void connectEnds(LoopbackLink *a, LoopbackLink *b);

    void open() override;  // fails with an error while unplugged
    void close() override;
    // Delivered to the peer only if both ends are open then and when the bytes arrive.
    void write(const QByteArray &bytes) override;
    QString describe() const override { return QStringLiteral("loopback %1").arg(m_name); }

    // Simulates pulling the cable (both ends close with an error, and opening fails) and
    // plugging it back in.
    void setPluggedIn(bool pluggedIn);
    bool isPluggedIn() const { return m_pluggedIn; }

    qint64 bytesWritten() const { return m_bytesWritten; }

private:
    void unplugged();
    void deliver(const QByteArray &bytes);

    QString m_name;
    QPointer<LoopbackLink> m_peer;
    bool m_pluggedIn = true;
    qint64 m_bytesWritten = 0;
};

}  // namespace rudebot
