// A raw client of the station (plain TCP, firmware lines) for tests: the lines it gets back,
// CRLF-terminated as the firmware sends them, collected without the sleeps of LineCollector.
#pragma once
#include <QHostAddress>
#include <QTcpSocket>

#include "support/spin_until.h"

struct RawPeer {
    static const int kWaitMs = 30000;  // generous: a busy 2-core machine stalls for seconds
    QTcpSocket socket;
    QByteArray partial;
    QList<QByteArray> lines;

    bool open(quint16 port)
    {
        socket.connectToHost(QHostAddress::LocalHost, port);
        QObject::connect(&socket, &QIODevice::readyRead, &socket, [this] {
            partial += socket.readAll();
            qsizetype nl;
            while ((nl = partial.indexOf('\n')) >= 0) {
                QByteArray l = partial.left(nl);
                partial.remove(0, nl + 1);
                if (l.endsWith('\r'))
                    l.chop(1);
                lines.append(l);
            }
        });
        return spinUntil(
            [&] { return socket.state() == QAbstractSocket::ConnectedState; }, kWaitMs);
    }
    // Writes bytes, then waits for count lines (fewer if they do not come) and takes them.
    QList<QByteArray> exchange(const QByteArray &bytes, int count)
    {
        socket.write(bytes);
        spinUntil([&] { return lines.size() >= count; }, kWaitMs);
        QList<QByteArray> out = lines.mid(0, count);
        lines.remove(0, std::min<qsizetype>(count, lines.size()));
        return out;
    }
};
