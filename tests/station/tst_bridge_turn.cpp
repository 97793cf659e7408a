// Reachable from home through a TURN relay (issue 13.5), as users run it: the real
// rudebot-bridge with the relay in its private config file and relay-only ICE, a real coturn,
// and the real rudebotctl watch (the app's receive code) as the remote. The station tells the
// remote the relay over the authenticated channel; nothing else may carry the video, so frames
// arriving prove the relay carried them. A wrong relay password ends in a clear error, and
// the password appears in no output of either process.
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include "media/turn_relay.h"
#include "station/station_media_fixture.h"
#include "support/bridge_process.h"
#include "support/free_port.h"

namespace {

const int kLong = 60000;

struct Run {
    int code = -1;
    QString out;
    QString err;
};

}  // namespace

class TestBridgeTurn : public QObject {
    Q_OBJECT

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QString error;
        m_relay = std::make_unique<TurnRelay>();
        QVERIFY2(m_relay->start(&error), qPrintable(error));
    }
    void cleanup()
    {
        m_bridge.reset();
        m_relay.reset();
        m_dir.reset();
    }

    void relayOnly_videoCrossesTheRelay_andThePasswordStaysInTheFile()
    {
        QVERIFY(startBridge(m_relay->url()));
        const Run watch = runWatch(4);
        qInfo("rudebotctl watch through the relay:\n%s", qPrintable(watch.out));
        QVERIFY2(watch.code == 0, qPrintable(watch.err + relayLog()));
        const QStringList lines = watch.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 4);
        const QRegularExpression fps(R"(fps=([\d.]+) kbps=(\d+))");
        const auto last = fps.match(lines.last());
        QVERIFY2(last.hasMatch() && last.captured(1).toDouble() > 3, qPrintable(lines.last()));
        // The pair ICE chose has the relay at one end at least: the video crossed coturn.
        QVERIFY2(lines.last().endsWith(QLatin1String(" route=relay")), qPrintable(lines.last()));
        // Both sides took an allocation on the relay: the station's and the remote's.
        const QString log = m_relay->log();
        QVERIFY2(log.count(QStringLiteral("ALLOCATE processed, success")) >= 2,
            qPrintable(log.right(3000)));
        // The station logged the relay by address only, the remote printed nothing of it.
        m_bridge->drain();
        for (const QByteArray &text : {m_bridge->out, m_bridge->err, watch.out.toUtf8(),
                 watch.err.toUtf8()})
            QVERIFY2(!text.contains(TurnRelay::password().toUtf8()), text.constData());
    }

    void wrongRelayPassword_remoteGetsAClearError()
    {
        const QString wrong = QString(m_relay->url()).replace(TurnRelay::password(), "not-it");
        QVERIFY(startBridge(wrong));
        const Run watch = runWatch(2);
        qInfo("wrong password: %s", qPrintable(watch.err.trimmed()));
        QCOMPARE(watch.code, 3);
        QVERIFY2(watch.err.startsWith("rudebotctl: real-time video not available"),
            qPrintable(watch.err));
        QVERIFY2(watch.err.contains("The TURN relay gave no address"), qPrintable(watch.err));
        QVERIFY(watch.out.isEmpty());
        QVERIFY2(m_relay->log().contains(QStringLiteral("401")), qPrintable(relayLog()));
    }

private:
    bool startBridge(const QString &turnUrl)
    {
        const QString conf = m_dir->filePath("bridge.conf");
        QFile f(conf);
        if (!f.open(QIODevice::WriteOnly))
            return false;
        f.setPermissions(QFile::ReadOwner | QFile::WriteOwner);  // it holds a password
        f.write(QStringLiteral("turn=%1\nrelay-only=true\n").arg(turnUrl).toUtf8());
        f.close();
        m_bridge = std::make_unique<BridgeProcess>();
        const bool up = m_bridge->start({"--config", conf, "--virtual-rig", "--camera", "timecode",
            "--video-size", "640x360", "--fps", "15", "--listen", "127.0.0.1:0", "--video-listen",
            QStringLiteral("127.0.0.1:%1").arg(freeLoopbackPort()), "--advertise", "127.0.0.1",
            "--data-dir", m_dir->filePath("station"), "--office-socket",
            m_dir->filePath("office.sock")},
            kLong);
        if (!up || m_bridge->pairingLink.isEmpty()) {
            qWarning("bridge: %s %s", m_bridge->out.constData(), m_bridge->err.constData());
            return false;
        }
        QFile link(m_dir->filePath("link"));
        if (!link.open(QIODevice::WriteOnly))
            return false;
        link.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
        link.write(m_bridge->pairingLink.toUtf8());
        return true;
    }

    // Waits with the event loop running: the relay's and the bridge's output keep being read,
    // so neither blocks on a full pipe.
    Run runWatch(int seconds)
    {
        QProcess p;
        QSignalSpy finished(&p, &QProcess::finished);
        p.start(QStringLiteral(RUDEBOT_CTL_PATH),
            {"--station", m_dir->filePath("link"), "watch", "--seconds", QString::number(seconds)});
        Run r;
        if (!finished.wait(120000)) {
            p.kill();
            p.waitForFinished(5000);
        }
        r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        r.out = QString::fromUtf8(p.readAllStandardOutput());
        r.err = QString::fromUtf8(p.readAllStandardError());
        return r;
    }

    QString relayLog() { return QStringLiteral("\nrelay log: ") + m_relay->log().right(3000); }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<TurnRelay> m_relay;
    std::unique_ptr<BridgeProcess> m_bridge;
};

int main(int argc, char **argv)
{
    return media_fixture::runInNamespace<TestBridgeTurn, QCoreApplication>(argc, argv, "btu");
}

#include "tst_bridge_turn.moc"
