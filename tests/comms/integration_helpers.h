// Shared by the integration tests: a rig client on a real link, a free port, readiness polls.
#pragma once
#include "comms/link_factory.h"
#include "comms/rig_client.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <algorithm>
#include <memory>

// A rig client with its own link: what the app builds in its composition root.
struct ClientOnLink {
    explicit ClientOnLink(
        const rudebot::LinkSettings &settings, rudebot::RigClientOptions options = {})
        : link(rudebot::createLink(settings)),
          client(std::make_unique<rudebot::RigClient>(link.get(), options))
    {
    }
    bool waitReady(int ms)
    {
        return QTest::qWaitFor(
            [this] { return client->state() == rudebot::RigClient::State::Ready; }, ms);
    }
    // Median time from writing "?" to its "OK: Good to go", over n queries.
    double medianRoundTripMs(int n)
    {
        QSignalSpy replied(client.get(), &rudebot::RigClient::lineReplied);
        QList<double> ms;
        for (int i = 0; i < n; ++i) {
            QElapsedTimer t;
            t.start();
            client->sendLine("?");
            if (!replied.wait(5000))
                return -1;
            ms << t.nsecsElapsed() / 1e6;
        }
        std::sort(ms.begin(), ms.end());
        return ms.at(ms.size() / 2);
    }
    std::unique_ptr<rudebot::Link> link;
    std::unique_ptr<rudebot::RigClient> client;
};

inline rudebot::LinkSettings serialSettings(const QString &path)
{
    rudebot::LinkSettings s;
    s.kind = rudebot::LinkSettings::Kind::Serial;
    s.path = path;
    return s;
}

inline rudebot::LinkSettings tcpSettings(quint16 port)
{
    rudebot::LinkSettings s;
    s.kind = rudebot::LinkSettings::Kind::Tcp;
    s.host = QStringLiteral("127.0.0.1");
    s.port = port;
    return s;
}

// A port nobody listens on right now: bind port 0 on loopback, read it, let it go.
inline quint16 freeLoopbackPort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

// Polls until something accepts connections on 127.0.0.1:port. No fixed sleeps.
inline bool waitForListener(quint16 port, int timeoutMs)
{
    return QTest::qWaitFor(
        [port] {
            QTcpSocket s;
            s.connectToHost(QHostAddress::LocalHost, port);
            const bool ok = s.waitForConnected(200);
            s.abort();
            return ok;
        },
        timeoutMs);
}
