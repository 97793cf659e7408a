// The real-time path between a real station (StationHost: the virtual rig running the real
// firmware, the timecode camera) and the real remote client (StationClient + MediaClient), its
// signalling over the station's TLS control channel, in a network namespace of its own (veth:
// libnice needs an interface that is not loopback). Frames arrive stamped with the rig's angle;
// the office's privacy closes this path too; hostile remotes get errors and bounded sessions;
// with UDP blocked the remote gives up within its deadline and says why.
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "comms/rig_client.h"
#include "media/media_sender.h"
#include "remote/media_client.h"
#include "remote/station_client.h"
#include "station/station_media_fixture.h"
#include "station/station_video.h"
#include "support/spin_until.h"

using namespace rudebot;
using namespace media_fixture;

namespace {

const int kLong = 60000;

struct Frames {
    int total = 0;
    int withTimecode = 0;
    int stamped = 0;
    qint64 lastTimecodeAtMs = 0;  // our clock when the last camera frame arrived
    std::optional<FrameStamp> lastStamp;
};

void count(MediaClient &media, Frames &f)
{
    QObject::connect(&media, &MediaClient::frameReady, &media, [&f](const ReceivedFrame &r) {
        ++f.total;
        if (readTimecode(r.image)) {
            ++f.withTimecode;
            f.lastTimecodeAtMs = monotonicMs();
        }
        if (r.stamp) {
            ++f.stamped;
            f.lastStamp = r.stamp;
        }
    });
}

}  // namespace

class TestStationMedia : public QObject {
    Q_OBJECT
private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_host = std::make_unique<StationHost>(stationSettings(m_dir->filePath("station")));
        QSignalSpy ready(m_host.get(), &StationHost::ready);
        QString error;
        QVERIFY2(m_host->start(&error), qPrintable(error));
        QVERIFY(ready.wait(kLong) || m_host->isReady());
        QVERIFY(m_host->media());
    }
    void cleanup()
    {
        m_host.reset();
        m_dir.reset();
    }

    void remote_asksForRealTimeVideo_andStampedFramesArrive()
    {
        StationClient remote;
        connectRemote(remote);
        MediaClient media(&remote, MediaClientSettings{});
        Frames f;
        count(media, f);
        media.start();
        QTRY_COMPARE_WITH_TIMEOUT(media.state(), MediaClient::State::Live, kLong);
        QCOMPARE(m_host->media()->sessionCount(), 1);
        remote.setTargetLogical(30);
        QTRY_VERIFY_WITH_TIMEOUT(f.lastStamp && qAbs(f.lastStamp->logicalDeg - 30) < 1, kLong);
        QVERIFY(f.lastStamp->hasAngle);
        QVERIFY(qAbs(f.lastStamp->servoDeg - 60) < 1);  // home 90, inverted
        QTRY_VERIFY_WITH_TIMEOUT(f.withTimecode >= 30, kLong);
        QSignalSpy stats(&media, &MediaClient::statisticsUpdated);
        QVERIFY(stats.wait(kLong));
        const MediaPathStats s = media.statistics();
        // The camera's 640x360, or a rung below it when the sender's CPU adaptation stepped
        // down (seen at load 8: 480x270): the picture keeps its shape.
        QVERIFY2(s.resolution.width() <= 640 && s.resolution.width() >= 160
                && s.resolution.width() * 9 == s.resolution.height() * 16,
            qPrintable(QStringLiteral("%1x%2").arg(s.resolution.width()).arg(s.resolution.height())));
        QVERIFY2(s.fps > 3 && s.kbps > 10, qPrintable(QStringLiteral("%1 fps %2 kbit/s")
                                                          .arg(s.fps)
                                                          .arg(s.kbps)));
        QVERIFY2(s.glassToGlassMs >= 0 && s.glassToGlassMs < 5000,
            qPrintable(QString::number(s.glassToGlassMs)));
        qInfo("real-time: %d frames (%d stamped), %.0f fps, %.0f kbit/s, glass to glass %.0f ms",
            f.total, f.stamped, s.fps, s.kbps, s.glassToGlassMs);

        // The remote goes: its sender goes with it.
        remote.disconnectFromStation();
        QTRY_COMPARE_WITH_TIMEOUT(m_host->media()->sessionCount(), 0, kLong);
    }

    // Park and lock, then the office's pause: no camera frame reaches the remote while the
    // room is private (the privacy card does), the microphone is muted, and the camera comes
    // back after.
    void privacy_closesTheRealTimePath_andFramesResumeAfter()
    {
        StationClient remote;
        connectRemote(remote);
        MediaClient media(&remote, MediaClientSettings{});
        Frames f;
        count(media, f);
        qint64 privateSinceMs = 0;
        int cameraWhilePrivate = 0;
        int cardsWhilePrivate = 0;
        connect(&media, &MediaClient::frameReady, this, [&](const ReceivedFrame &r) {
            // No camera frame drawn after the room went private (its timecode says when it
            // was drawn) may arrive; the card has no timecode.
            if (!privateSinceMs)
                return;
            const auto code = readTimecode(r.image);
            if (!code)
                ++cardsWhilePrivate;
            else if (qint32(code->ms - quint32(privateSinceMs)) > 0)
                ++cameraWhilePrivate;
        });
        media.start();
        QTRY_COMPARE_WITH_TIMEOUT(media.state(), MediaClient::State::Live, kLong);
        QTRY_VERIFY_WITH_TIMEOUT(f.withTimecode > 5, kLong);
        const int clientId = remote.clientId();
        MediaSender *sender = m_host->media()->senderFor(clientId);
        QVERIFY(sender);
        QVERIFY(!sender->microphoneMuted());

        for (const bool park : {true, false}) {
            privateSinceMs = monotonicMs();
            if (park)
                m_host->station()->lockPark(QStringLiteral("Office"));
            else
                m_host->station()->setVideoPaused(true, QStringLiteral("Office"));
            QTRY_VERIFY_WITH_TIMEOUT(sender->microphoneMuted(), kLong);
            QTRY_VERIFY_WITH_TIMEOUT(cardsWhilePrivate >= 2, kLong);  // the card, once a second
            const int camera = f.withTimecode;
            QTest::qWait(2500);  // a camera frame would arrive in 1/15 s
            QCOMPARE(cameraWhilePrivate, 0);
            QCOMPARE(f.withTimecode, camera);
            privateSinceMs = 0;
            if (park)
                m_host->station()->unlockPark();
            else
                m_host->station()->setVideoPaused(false, {});
            QTRY_VERIFY_WITH_TIMEOUT(f.withTimecode > camera + 10, kLong);
            QTRY_VERIFY_WITH_TIMEOUT(!sender->microphoneMuted(), kLong);
            qInfo("%s: %d cards, no camera frame; camera back after", park ? "park" : "pause",
                cardsWhilePrivate);
            cardsWhilePrivate = 0;
        }
    }

    // A remote that floods gets a clear error each time and costs a bounded session.
    void hostileRemote_floodsCandidatesOffersAndRequests_getsErrors()
    {
        StationClient remote;
        connectRemote(remote);
        QSignalSpy errors(&remote, &StationClient::mediaError);
        QSignalSpy config(&remote, &StationClient::mediaConfigReceived);

        // Signalling without a session.
        remote.sendMediaSignal(QJsonObject{{"type", "media-ice"}, {"mline", 0},
            {"candidate", "candidate:1 1 UDP 1 10.0.0.1 9 typ host"}});
        QVERIFY(errors.wait(kLong));
        QVERIFY2(errors.last().at(0).toString().contains("ask for one first"),
            qPrintable(errors.last().at(0).toString()));

        // An offer from a remote is refused and ends its session.
        MediaClient media(&remote, MediaClientSettings{});
        media.start();
        QTRY_COMPARE_WITH_TIMEOUT(media.state(), MediaClient::State::Live, kLong);
        QCOMPARE(config.count(), 1);
        remote.sendMediaSignal(QJsonObject{{"type", "media-offer"}, {"sdp", "v=0\r\n"},
            {"fingerprint", "sha-256 " + QString("AB:").repeated(31) + "AB"}});
        QVERIFY(errors.wait(kLong));
        QVERIFY2(errors.last().at(0).toString().contains("offer"),
            qPrintable(errors.last().at(0).toString()));
        QTRY_COMPARE_WITH_TIMEOUT(m_host->media()->sessionCount(), 0, kLong);
        QCOMPARE(media.state(), MediaClient::State::Failed);
        // 100 candidates in a live session: past the bound it ends with a sentence.
        media.start();
        QTRY_COMPARE_WITH_TIMEOUT(media.state(), MediaClient::State::Live, kLong);
        errors.clear();
        for (int i = 0; i < 100; ++i)
            remote.sendMediaSignal(QJsonObject{{"type", "media-ice"}, {"mline", 0},
                {"candidate", QString("candidate:%1 1 UDP 1 10.0.0.1 9 typ host").arg(i)}});
        QTRY_VERIFY_WITH_TIMEOUT(!errors.isEmpty(), kLong);
        QVERIFY2(errors.first().at(0).toString().contains("candidates"),
            qPrintable(errors.first().at(0).toString()));
        QTRY_COMPARE_WITH_TIMEOUT(m_host->media()->sessionCount(), 0, kLong);
        QCOMPARE(media.state(), MediaClient::State::Failed);  // and the remote knows

        // Requests: at most maxRequestsPerMinute, then refused without a session.
        errors.clear();
        const int allowed = m_host->media()->settings().maxRequestsPerMinute;
        for (int i = 0; i < allowed + 5; ++i)
            remote.requestMedia();
        QTRY_VERIFY_WITH_TIMEOUT(std::any_of(errors.cbegin(), errors.cend(),
                                     [](const QList<QVariant> &e) {
                                         return e.at(0).toString().contains("Too many requests");
                                     }),
            kLong);
        QVERIFY(m_host->media()->sessionCount() <= 1);
        // Malformed media messages are the protocol's bad-message errors, not a crash.
        QSignalSpy generic(&remote, &StationClient::errorOccurred);
        remote.sendMediaSignal(QJsonObject{{"type", "media-answer"}, {"sdp", 5}});
        QVERIFY(generic.wait(kLong));
        QVERIFY2(generic.last().at(0).toString().contains("sdp"),
            qPrintable(generic.last().at(0).toString()));
        QCOMPARE(remote.status(), StationClient::Status::Connected);
    }

    // Real-time video for a bounded number of remotes; the next one is told and uses MJPEG.
    void sessionsPerStation_areBounded()
    {
        const int max = m_host->media()->settings().maxSessions;
        std::vector<std::unique_ptr<StationClient>> remotes;
        for (int i = 0; i <= max; ++i) {
            remotes.push_back(std::make_unique<StationClient>());
            connectRemote(*remotes.back());
        }
        QSignalSpy refused(remotes.back().get(), &StationClient::mediaError);
        for (auto &r : remotes)
            r->requestMedia();
        QVERIFY(refused.wait(kLong));
        QVERIFY2(refused.first().at(0).toString().contains("already sends"),
            qPrintable(refused.first().at(0).toString()));
        QCOMPARE(m_host->media()->sessionCount(), max);
    }

    // A network that passes only TCP: the remote gives up on its deadline, says why, and
    // the station frees the session.
    void udpBlocked_remoteGivesUpWithAReason()
    {
        QString error;
        QVERIFY2(blockUdp(true, &error, QList<quint16>{m_host->station()->port(), m_host->video()->port()}),
            qPrintable(error));
        StationClient remote;
        connectRemote(remote);
        MediaClientSettings ms;
        ms.setupTimeoutMs = 5000;
        MediaClient media(&remote, ms);
        QSignalSpy failed(&media, &MediaClient::failed);
        media.start();
        QVERIFY(failed.wait(kLong));
        QCOMPARE(media.state(), MediaClient::State::Failed);
        qInfo("UDP blocked: %s", qPrintable(failed.first().at(0).toString()));
        QVERIFY(!failed.first().at(0).toString().isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(m_host->media()->sessionCount(), 0, kLong);
        QVERIFY(blockUdp(false, &error));
        // UDP back: the same remote gets real-time video when it asks again.
        media.start();
        QTRY_COMPARE_WITH_TIMEOUT(media.state(), MediaClient::State::Live, kLong);
    }

    // rudebotctl watch receives as the app does and prints a line a second; it exits 0
    // after --seconds, and with a clear error when the real-time path cannot be set up.
    void rudebotctlWatch_printsALineASecond_andFailsClearlyWithoutUdp()
    {
        const QString linkFile = m_dir->filePath("link");
        {
            QFile f(linkFile);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
            f.write(m_host->pairing().toUri().toUtf8());
        }
        const auto run = [&](const QStringList &args) {
            QProcess p;
            // The station runs in this process: wait with its event loop running, not
            // in waitForFinished, or it never answers.
            QSignalSpy finished(&p, &QProcess::finished);
            p.start(QStringLiteral(RUDEBOT_CTL_PATH), QStringList{"--station", linkFile} + args);
            finished.wait(120000);
            return std::make_tuple(p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()),
                QString::fromUtf8(p.readAllStandardError()));
        };
        const auto [code, out, err] = run({"watch", "--seconds", "4"});
        qInfo("rudebotctl watch:\n%s", qPrintable(out));
        QVERIFY2(code == 0, qPrintable(err));
        const QStringList lines = out.trimmed().split('\n');
        QCOMPARE(lines.size(), 4);
        const QRegularExpression line(
            R"(^t=(\d)s fps=([\d.]+) kbps=(\d+) size=640x360 age_ms=(\d+) glass_ms=(\d+) loss=[\d.]+% unrepaired=[\d.]+% route=(\w+)$)");
        for (const QString &l : lines) {
            const auto m = line.match(l);
            QVERIFY2(m.hasMatch(), qPrintable(l));
            QVERIFY2(m.captured(4).toInt() < 2000, qPrintable(l));  // the timecode's age
        }
        QVERIFY2(line.match(lines.last()).captured(2).toDouble() > 3, qPrintable(lines.last()));
        // Both ends in this namespace: host candidates, no relay configured.
        QCOMPARE(line.match(lines.last()).captured(6), QStringLiteral("direct"));

        QString error;
        QVERIFY2(blockUdp(true, &error,
                     QList<quint16>{m_host->station()->port(), m_host->video()->port()}),
            qPrintable(error));
        const auto [code2, out2, err2] = run({"watch", "--seconds", "2"});
        QVERIFY(blockUdp(false, &error));
        QCOMPARE(code2, 3);
        // One clear line, and nothing else on stderr (libnice's UPnP probing once printed
        // a warning a second here).
        QVERIFY2(err2.startsWith("rudebotctl: real-time video not available"), qPrintable(err2));
        QCOMPARE(err2.trimmed().count('\n'), 0);
        QVERIFY(out2.isEmpty());
        qInfo("without UDP: %s", qPrintable(err2.trimmed()));
        const auto [code3, out3, err3] = run({"watch", "--seconds", "zero"});
        QCOMPARE(code3, 2);
        QVERIFY2(err3.contains("--seconds"), qPrintable(err3));
    }

private:
    void connectRemote(StationClient &remote)
    {
        remote.connectToStation(m_host->pairing(), QStringLiteral("Rudy"));
        QTRY_COMPARE_WITH_TIMEOUT(remote.status(), StationClient::Status::Connected, kLong);
        QTRY_COMPARE_WITH_TIMEOUT(remote.state().link, QStringLiteral("ready"), kLong);
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<StationHost> m_host;
};

int main(int argc, char **argv)
{
    return runInNamespace<TestStationMedia>(argc, argv, "stm");
}

#include "tst_station_media.moc"
