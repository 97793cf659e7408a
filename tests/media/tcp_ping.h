// A TCP echo beside the video, in a process of its own: what a control message (the station's
// TLS channel, the same lo and the same router queue) waits behind, without the media
// process's event loop in the measurement. The program that includes this dispatches
// `--ping-child SECONDS` to runPingChild(); PingProcess starts it (before the video, so the
// connection is up before the queue is) and reads the round trips since a given time.
#pragma once
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSocketNotifier>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <algorithm>
#include <cstdio>
#include <unistd.h>
#include <vector>

#include "video/timecode.h"

namespace tcpping {

inline double percentile(std::vector<qint64> v, double p)
{
    if (v.empty())
        return -1;
    std::sort(v.begin(), v.end());
    return double(v[std::min(v.size() - 1, size_t(p * double(v.size())))]);
}

// Pings every 200 ms for `seconds` (one ping in flight, TCP_NODELAY), then prints one line:
// PING {"at":[...],"rtt":[...]} (CLOCK_MONOTONIC ms when sent, round trip ms). A ping still
// unanswered at the end counts as the time it has waited.
inline int runPingChild(int seconds)
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        return 2;
    QObject::connect(&server, &QTcpServer::newConnection, [&server] {
        QTcpSocket *s = server.nextPendingConnection();
        s->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        QObject::connect(s, &QTcpSocket::readyRead, s, [s] { s->write(s->readAll()); });
    });
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, server.serverPort());
    client.setSocketOption(QAbstractSocket::LowDelayOption, 1);
    qint64 sentAt = -1;
    QJsonArray at, rtt;
    QObject::connect(&client, &QTcpSocket::readyRead, [&] {
        client.readAll();
        if (sentAt >= 0) {
            at.append(double(sentAt));
            rtt.append(double(rudebot::monotonicMs() - sentAt));
        }
        sentAt = -1;
    });
    QTimer tick;
    tick.setInterval(200);
    QObject::connect(&tick, &QTimer::timeout, [&] {
        if (sentAt < 0 && client.state() == QAbstractSocket::ConnectedState) {
            sentAt = rudebot::monotonicMs();
            client.write("ping\n");
        }
    });
    tick.start();
    QTimer::singleShot(seconds * 1000, qApp, &QCoreApplication::quit);
    // Or earlier, when the parent closes our stdin (PingProcess::stop()).
    QSocketNotifier input(STDIN_FILENO, QSocketNotifier::Read);
    QObject::connect(&input, &QSocketNotifier::activated, [&input] {
        char buffer[64];
        if (::read(STDIN_FILENO, buffer, sizeof buffer) <= 0) {
            input.setEnabled(false);
            QCoreApplication::quit();
        }
    });
    QCoreApplication::exec();
    if (sentAt >= 0) {
        at.append(double(sentAt));
        rtt.append(double(rudebot::monotonicMs() - sentAt));
    }
    const QJsonObject r{{"at", at}, {"rtt", rtt}};
    printf("PING %s\n", QJsonDocument(r).toJson(QJsonDocument::Compact).constData());
    fflush(stdout);
    return 0;
}

// This program again as a ping child (in the same network namespace, which it inherits).
class PingProcess {
public:
    void start(int seconds)
    {
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_process.start(QCoreApplication::applicationFilePath(),
            {QStringLiteral("--ping-child"), QString::number(seconds)});
    }
    void stop() { m_process.closeWriteChannel(); }
    // Waits for the child's line: {"n", "p50", "p95", "max"} of the pings sent from sinceMs
    // (CLOCK_MONOTONIC ms) on; empty when it gave none.
    QJsonObject result(qint64 sinceMs)
    {
        if (!m_process.waitForFinished(60000)) {
            m_process.kill();
            m_process.waitForFinished();
            return {};
        }
        const QByteArray out = m_process.readAllStandardOutput();
        const int found = out.lastIndexOf("PING ");
        if (found < 0)
            return {};
        const QJsonObject o = QJsonDocument::fromJson(out.mid(found + 5).trimmed()).object();
        const QJsonArray at = o.value("at").toArray(), rtt = o.value("rtt").toArray();
        std::vector<qint64> rtts;
        for (int i = 0; i < at.size() && i < rtt.size(); ++i) {
            if (qint64(at.at(i).toDouble()) >= sinceMs)
                rtts.push_back(qint64(rtt.at(i).toDouble()));
        }
        return QJsonObject{{"n", double(rtts.size())}, {"p50", percentile(rtts, 0.5)},
            {"p90", percentile(rtts, 0.9)}, {"p95", percentile(rtts, 0.95)}, {"max", percentile(rtts, 1.0)}};
    }

private:
    QProcess m_process;
};

}  // namespace tcpping
