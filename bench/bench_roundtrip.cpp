// Command round trip to the real firmware in the virtual rig (real time, --speed 1), through
// every way a client can reach it, in one run so the numbers are peers:
//   direct pty | tcp_serial_redirect.py | ser2net (raw) | rudebot-bridge raw port |
//   rudebot-bridge TLS full client (a firmware line, and a ping that stops at the station)
// A round trip is "?" sent until its "OK: Good to go" is back. Prints median, p90, p99 and max.
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QSerialPort>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <cstdio>

#include "bench_util.h"
#include "remote/station_client.h"
#include "station/pairing.h"
#include "support/free_port.h"
#include "support/line_collector.h"
#include "support/virtual_rig.h"

using namespace rudebot;

namespace {

const int kRounds = 1000;  // enough for a p99 resting on ten samples

void report(const char *name, const QList<double> &ms)
{
    if (ms.isEmpty()) {
        std::printf("%-34s  no result\n", name);
        return;
    }
    std::printf("%-34s  median %6.2f ms   p90 %6.2f ms   p99 %6.2f ms   max %6.2f ms   (n=%lld)\n",
        name, bench::percentile(ms, 50), bench::percentile(ms, 90), bench::percentile(ms, 99),
        bench::percentile(ms, 100), qlonglong(ms.size()));
    std::fflush(stdout);
}

QList<double> measureDevice(QIODevice *dev)
{
    LineCollector lines(dev);
    QList<double> out;
    QElapsedTimer t;
    for (int i = 0; i < kRounds; ++i) {
        lines.clear();
        t.start();
        dev->write("?\n");
        if (!lines.waitForLines(2, 10000))
            break;
        out.append(t.nsecsElapsed() / 1e6);
    }
    return out;
}

bool connectWithRetry(QTcpSocket &s, quint16 port)
{
    return QTest::qWaitFor(
        [&] {
            s.abort();
            s.connectToHost(QHostAddress::LocalHost, port);
            return s.waitForConnected(500);
        },
        20000);
}

VirtualRig::Options realTime()
{
    VirtualRig::Options o;
    o.speed = 1;
    return o;
}

struct Proc {
    QProcess p;
    ~Proc()
    {
        p.terminate();
        if (!p.waitForFinished(5000))
            p.kill();
    }
};

}  // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTemporaryDir dir;
    std::printf(
        "Round trip of '?' to the compiled firmware in rudebot-sim at real time, %d rounds each\n",
        kRounds);

    {  // direct
        VirtualRig rig;
        rig.start(realTime());
        QSerialPort port(rig.linkPath());
        port.setBaudRate(115200);
        if (port.open(QIODevice::ReadWrite)) {
            QTest::qWait(300);
            port.readAll();
            report("direct pty (QSerialPort)", measureDevice(&port));
        }
    }
    {  // tcp_serial_redirect.py
        VirtualRig rig;
        rig.start(realTime());
        const quint16 port = freeLoopbackPort();
        Proc bridge;
        bridge.p.start("/usr/bin/python3",
            {RUDEBOT_REDIRECT_SCRIPT, "-q", "-P", QString::number(port), rig.linkPath(), "115200"});
        QTcpSocket s;
        if (connectWithRetry(s, port)) {
            s.setSocketOption(QAbstractSocket::LowDelayOption, 1);
            report("tcp_serial_redirect.py", measureDevice(&s));
        }
    }
    {  // ser2net
        VirtualRig rig;
        rig.start(realTime());
        const quint16 port = freeLoopbackPort();
        QFile conf(dir.filePath("ser2net.yaml"));
        conf.open(QIODevice::WriteOnly);
        conf.write(
            QStringLiteral("connection: &rig\n  accepter: tcp(nodelay),127.0.0.1,%1\n  connector: "
                           "serialdev,%2,115200n81,local\n  options:\n    kickolduser: true\n")
                .arg(port)
                .arg(rig.linkPath())
                .toUtf8());
        conf.close();
        Proc ser2net;
        ser2net.p.start("/usr/sbin/ser2net",
            {"-n", "-d", "-c", conf.fileName(), "-P", dir.filePath("ser2net.pid")});
        QTcpSocket s;
        if (connectWithRetry(s, port)) {
            s.setSocketOption(QAbstractSocket::LowDelayOption, 1);
            QTest::qWait(200);
            s.readAll();
            report("ser2net 4 (raw)", measureDevice(&s));
        }
    }
    {  // rudebot-bridge: raw port and TLS full client
        VirtualRig rig;
        rig.start(realTime());
        const quint16 raw = freeLoopbackPort();
        Proc bridge;
        bridge.p.start(RUDEBOT_BRIDGE_PATH,
            {"--serial", rig.linkPath(), "--listen", "127.0.0.1:0", "--advertise", "127.0.0.1",
                "--raw-listen", QString::number(raw), "--data-dir", dir.filePath("station"),
                "--office-socket", dir.filePath("office.sock")});
        QByteArray out;
        QString link;
        (void)QTest::qWaitFor(
            [&] {  // an empty link is reported below
                out += bridge.p.readAllStandardOutput();
                for (const QByteArray &l : out.split('\n'))
                    if (l.trimmed().startsWith("rudebot://"))
                        link = QString::fromUtf8(l.trimmed());
                return !link.isEmpty();
            },
            20000);
        QTcpSocket s;
        if (connectWithRetry(s, raw)) {
            s.setSocketOption(QAbstractSocket::LowDelayOption, 1);
            (void)QTest::qWaitFor(
                [&] {  // until the station has found the board; else the
                       // measurement below reports the failures
                    s.write("V\n");
                    s.waitForReadyRead(1000);
                    return s.readAll().contains("Version:");
                },
                20000);
            QTest::qWait(100);
            s.readAll();
            report("rudebot-bridge raw port", measureDevice(&s));
        }
        QString error;
        const auto pairing = PairingInfo::fromUri(link, &error);
        StationClient c;
        if (pairing) {
            c.connectToStation(*pairing, "bench");
            (void)QTest::qWaitFor(
                [&] { return c.status() == StationClient::Status::Connected; }, 20000);
            QList<double> line, ping;
            QElapsedTimer t;
            // A remote's firmware lines have their own budget, 20 a second (docs/station.md):
            // spaced to stay under it, and fewer rounds (a p99 on four samples) to keep the
            // run short. An over-rate line would be answered at once, not by the rig.
            for (int i = 0; i < kRounds * 2 / 5; ++i) {
                QSignalSpy replied(&c, &StationClient::lineReplied);
                t.start();
                c.sendLine("?");
                if (!replied.wait(10000))
                    break;
                line.append(t.nsecsElapsed() / 1e6);
                QTest::qWait(int(std::max<qint64>(1, 50 - t.elapsed())));
            }
            // The station allows 200 commands a second per client (docs/station.md); a ping is
            // one, and answers in well under a millisecond, so pings are spaced 10 ms apart.
            for (int i = 0; i < kRounds; ++i) {
                QSignalSpy pong(&c, &StationClient::rttMeasured);
                t.start();
                c.ping();
                if (!pong.wait(10000))
                    break;
                ping.append(t.nsecsElapsed() / 1e6);
                QTest::qWait(10);
            }
            report("rudebot-bridge TLS, firmware line", line);
            report("rudebot-bridge TLS, ping (no rig)", ping);
        }
    }
    return 0;
}
