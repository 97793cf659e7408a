// Two-way sound between a real station (StationHost: the virtual rig running the real firmware,
// the office microphone and speaker from its settings) and the real remote client
// (StationClient + MediaClient with its own microphone and speaker), signalled over the
// station's TLS channel, in a network namespace of its own (libnice needs a veth). The
// microphones are espeak-ng speech in WAV files, the speakers raw PCM files: the speech must
// arrive both ways (loudness envelopes correlate; the mouth-to-ear delay is printed), each
// side's mute reaches the other, and while the office keeps the room private (park and lock,
// the pause) not one sound sample from the office reaches the remote.
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "media/media_sender.h"
#include "media/speech.h"
#include "remote/media_client.h"
#include "remote/station_client.h"
#include "station/station_media_fixture.h"
#include "support/spin_until.h"

using namespace rudebot;
using namespace media_fixture;

namespace {

const int kLong = 60000;
constexpr double kLeadSeconds = 6;  // silence before the speech: the session connects meanwhile

int loudest(const std::vector<qint16> &pcm, size_t from)
{
    int top = 0;
    for (size_t i = from; i < pcm.size(); ++i)
        top = std::max(top, std::abs(int(pcm[i])));
    return top;
}

}  // namespace

class TestStationAudio : public QObject {
    Q_OBJECT
private slots:
    void cleanup()
    {
        m_host.reset();
        m_dir.reset();
    }

    void speech_bothWays_andEachSideSeesTheOthersMute()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QString error;
        const auto office = makeSpeech(*m_dir, QStringLiteral("office"),
            QStringLiteral("Hello. This is the office. Can you hear me?"), kLeadSeconds, &error);
        QVERIFY2(office, qPrintable(error));
        const auto remoteVoice = makeSpeech(*m_dir, QStringLiteral("remote"),
            QStringLiteral("Yes, I hear you. Please turn a little to the left."), kLeadSeconds,
            &error);
        QVERIFY2(remoteVoice, qPrintable(error));
        Heard atRemote{m_dir->filePath(QStringLiteral("remote-speaker.raw"))};
        Heard atOffice{m_dir->filePath(QStringLiteral("office-speaker.raw"))};
        StationHostSettings h = stationSettings(m_dir->filePath(QStringLiteral("station")));
        h.media.audioSource = micFrom(*office);
        h.media.audioSink = speakerInto(atOffice.file);
        startHost(h);
        if (QTest::currentTestFailed())
            return;
        StationMedia *stationMedia = m_host->media();
        // The station's sender (and its microphone) starts on the request, in this slot's
        // connection's predecessor (StationMedia's).
        qint64 officeMicStartMs = 0;
        connect(m_host->station(), &Station::mediaRequested, this,
            [&] { officeMicStartMs = monotonicMs(); });
        double officeMicDb = -200;
        connect(stationMedia, &StationMedia::microphoneLevel,
            [&](double db) { officeMicDb = std::max(officeMicDb, db); });
        connect(stationMedia, &StationMedia::remoteLevel, [&](int, double db) {
            atOffice.loudestLevelDb = std::max(atOffice.loudestLevelDb, db);
        });

        StationClient remote;
        connectRemote(remote);
        MediaClientSettings ms;
        ms.audioSink = speakerInto(atRemote.file);
        ms.audioSource = micFrom(*remoteVoice);
        MediaClient media(&remote, ms);
        qint64 remoteMicStartMs = 0;  // the receiver (and its microphone) starts on the config
        connect(&remote, &StationClient::mediaConfigReceived, this,
            [&] { remoteMicStartMs = monotonicMs(); });
        double remoteMicDb = -200;
        connect(&media, &MediaClient::microphoneLevel,
            [&](double db) { remoteMicDb = std::max(remoteMicDb, db); });
        connect(&media, &MediaClient::speakerLevel,
            [&](double db) { atRemote.loudestLevelDb = std::max(atRemote.loudestLevelDb, db); });
        media.start();
        QTRY_COMPARE_WITH_TIMEOUT(media.state(), MediaClient::State::Live, kLong);
        QVERIFY(officeMicStartMs > 0 && remoteMicStartMs > 0);
        const double longest = std::max(office->seconds(), remoteVoice->seconds());
        const qint64 doneAt =
            std::max(officeMicStartMs, remoteMicStartMs) + qint64((kLeadSeconds + longest + 1.5) * 1000);
        QVERIFY(spinUntil(
            [&] {
                atRemote.poll();
                atOffice.poll();
                return monotonicMs() > doneAt;
            },
            kLong));
        QCOMPARE(media.state(), MediaClient::State::Live);
        QVERIFY2(officeMicDb > -40, qPrintable(QString::number(officeMicDb)));
        QVERIFY2(remoteMicDb > -40, qPrintable(QString::number(remoteMicDb)));
        QString why;
        QVERIFY2(arrived("office to remote", *office, atRemote, officeMicStartMs, &why),
            qPrintable(why));
        QVERIFY2(arrived("remote to office", *remoteVoice, atOffice, remoteMicStartMs, &why),
            qPrintable(why));
        // The statistics panel's bitrate is the video's, with the sound bundled beside it
        // (webrtcbin 1.22 labels every stream with the last codec's kind: webrtc_stats.cpp).
        QTRY_VERIFY2_WITH_TIMEOUT(media.statistics().kbps > 50,
            qPrintable(QString::number(media.statistics().kbps)), kLong);

        // Each side's mute reaches the other, and its undoing.
        const int id = remote.clientId();
        QVERIFY(!media.officeState().microphoneMuted);
        QVERIFY(!stationMedia->remoteState(id).microphoneMuted);
        QSignalSpy officeTold(&media, &MediaClient::officeStateChanged);
        QSignalSpy stationTold(stationMedia, &StationMedia::remoteStateChanged);
        for (const bool muted : {true, false}) {
            stationMedia->setMicrophoneMuted(muted);
            QTRY_COMPARE_WITH_TIMEOUT(media.officeState().microphoneMuted, muted, kLong);
            media.setMicrophoneMuted(muted);
            QTRY_COMPARE_WITH_TIMEOUT(stationMedia->remoteState(id).microphoneMuted, muted, kLong);
        }
        QVERIFY(officeTold.count() >= 2);
        QVERIFY(stationTold.count() >= 2);
        QCOMPARE(stationTold.last().at(0).toInt(), id);
    }

    // Park and lock, then the office's pause: from the moment the room is private the office
    // microphone sends nothing (the remote's speaker gets no sample but digital silence), the
    // remote is told its microphone is off, and sound comes back after.
    void privacy_mutesTheOfficeMicrophone_noSampleReachesTheRemote()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        const QString tone = m_dir->filePath(QStringLiteral("tone.wav"));
        QString error;
        QVERIFY2(run(QStringLiteral("sox"),
                     {QStringLiteral("-n"), QStringLiteral("-r"), QStringLiteral("48000"),
                         QStringLiteral("-c"), QStringLiteral("1"), QStringLiteral("-b"),
                         QStringLiteral("16"), tone, QStringLiteral("synth"),
                         QStringLiteral("240"), QStringLiteral("sine"), QStringLiteral("440"),
                         QStringLiteral("vol"), QStringLiteral("0.5")},
                     &error),
            qPrintable(error));
        const QString heard = m_dir->filePath(QStringLiteral("remote-speaker.raw"));
        StationHostSettings h = stationSettings(m_dir->filePath(QStringLiteral("station")));
        h.media.audioSource =
            QStringLiteral("filesrc location=\"%1\" ! wavparse ! identity sync=true").arg(tone);
        startHost(h);
        if (QTest::currentTestFailed())
            return;
        StationClient remote;
        connectRemote(remote);
        MediaClientSettings ms;
        ms.audioSink = speakerInto(heard);
        MediaClient media(&remote, ms);
        media.start();
        QTRY_COMPARE_WITH_TIMEOUT(media.state(), MediaClient::State::Live, kLong);
        // The tone is heard before anything is private.
        QTRY_VERIFY_WITH_TIMEOUT(loudest(readRaw(heard), 0) > 3000, kLong);
        MediaSender *sender = m_host->media()->senderFor(remote.clientId());
        QVERIFY(sender);

        for (const bool park : {true, false}) {
            if (park)
                m_host->station()->lockPark(QStringLiteral("Office"));
            else
                m_host->station()->setVideoPaused(true, QStringLiteral("Office"));
            QTRY_VERIFY_WITH_TIMEOUT(sender->microphoneMuted(), kLong);
            QVERIFY(m_host->media()->microphoneOff());
            QVERIFY(!m_host->media()->microphoneMuted());  // privacy, not the office's button
            // The remote is told (it shows "Office microphone off").
            QTRY_VERIFY_WITH_TIMEOUT(media.officeState().microphoneMuted, kLong);
            // What was in flight when the valve closed drains (a 60 ms jitter buffer), then
            // three seconds of privacy: not one sample of the tone.
            QTest::qWait(1500);
            const size_t from = readRaw(heard).size();
            QTest::qWait(3000);
            const std::vector<qint16> during = readRaw(heard);
            qInfo("%s: %zu samples reached the remote's speaker while private, loudest %d",
                park ? "park" : "pause", during.size() - from, loudest(during, from));
            QCOMPARE(loudest(during, from), 0);
            QCOMPARE(media.state(), MediaClient::State::Live);  // video goes on (the card)

            if (park)
                m_host->station()->unlockPark();
            else
                m_host->station()->setVideoPaused(false, {});
            QTRY_VERIFY_WITH_TIMEOUT(!media.officeState().microphoneMuted, kLong);
            const size_t after = readRaw(heard).size();
            QTRY_VERIFY_WITH_TIMEOUT(loudest(readRaw(heard), after) > 3000, kLong);
        }
    }

private:
    void startHost(const StationHostSettings &h)
    {
        m_host = std::make_unique<StationHost>(h);
        QSignalSpy ready(m_host.get(), &StationHost::ready);
        QString error;
        QVERIFY2(m_host->start(&error), qPrintable(error));
        QVERIFY(ready.wait(kLong) || m_host->isReady());
        QVERIFY(m_host->media());
    }
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
    return runInNamespace<TestStationAudio>(argc, argv, "sta");
}

#include "tst_station_audio.moc"
