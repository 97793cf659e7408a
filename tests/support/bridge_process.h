// rudebot-bridge as a child process, as its users run it: started with flags or a config
// file, ready once it has printed its start-up lines (the last names the office socket), the
// pairing link picked out of them (printed on the first start only). The including test
// defines RUDEBOT_BRIDGE_PATH.
#pragma once
#include <QByteArray>
#include <QProcess>
#include <QStringList>
#include <QTest>

struct BridgeProcess {
    QProcess proc;
    QByteArray out;
    QByteArray err;
    QString pairingLink;

    bool start(const QStringList &args, int timeoutMs = 30000)
    {
        proc.start(QStringLiteral(RUDEBOT_BRIDGE_PATH), args);
        if (!proc.waitForStarted(timeoutMs))
            return false;
        const bool up = QTest::qWaitFor(
                            [&] {
                                drain();
                                return out.contains("Office control socket:")
                                    || proc.state() == QProcess::NotRunning;
                            },
                            timeoutMs)
            && proc.state() == QProcess::Running;
        for (const QByteArray &l : out.split('\n'))
            if (l.trimmed().startsWith("rudebot://"))
                pairingLink = QString::fromUtf8(l.trimmed());
        return up;
    }
    // What it printed since: the event loop reads it into the buffers, this takes it.
    void drain()
    {
        out += proc.readAllStandardOutput();
        err += proc.readAllStandardError();
    }
    ~BridgeProcess()
    {
        if (proc.state() != QProcess::NotRunning) {
            proc.terminate();
            if (!proc.waitForFinished(10000))
                proc.kill();
        }
    }
};
