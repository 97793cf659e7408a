// Two-way sound through the real media path: the office's microphone to the remote's speaker
// and the remote's microphone to the office's speaker at the same time, echo cancellation and
// noise suppression on both microphones. Speech made by espeak-ng is each microphone (a WAV,
// paced to real time), each speaker is a raw PCM file. The speech must arrive (its loudness
// envelope correlates with the original's) and its delay is measured (printed; a generous
// ceiling only); a muted side sends nothing at all (the other side's file holds digital
// silence or nothing), and each side is told the other's mute; the level meters read speech.
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

#include "media/gst_setup.h"
#include "media/media_receiver.h"
#include "media/webrtc_peer.h"

#include "media/camera_sender.h"
#include "media/media_wire.h"
#include "media/speech.h"
#include "support/spin_until.h"

using namespace rudebot;

namespace {

constexpr double kLeadSeconds = 6;  // silence before the speech: the session connects meanwhile

// What one speaker got: when its file first grew, and its samples.
// A muted microphone sends no packet: the other side's speaker holds nothing or digital
// silence (opus's concealment of a gap), not merely quiet speech.
bool silent(const char *way, const Heard &heard, QString *why)
{
    const std::vector<qint16> got = readRaw(heard.file);
    int loudest = 0;
    for (qint16 v : got)
        loudest = std::max(loudest, std::abs(int(v)));
    qInfo("%s muted: %zu samples reached the speaker, loudest %d", way, got.size(), loudest);
    if (loudest > 0) {
        *why = QStringLiteral("%1: muted, yet the speaker got samples up to %2")
                   .arg(QLatin1String(way))
                   .arg(loudest);
        return false;
    }
    return true;
}

}  // namespace

class TestMediaAudio : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QString error;
        QVERIFY2(initMedia(&error), qPrintable(error));
    }

    void twoWaySpeech_data()
    {
        QTest::addColumn<bool>("officeMuted");
        QTest::addColumn<bool>("remoteMuted");
        QTest::newRow("both open") << false << false;
        // Privacy (park and lock) mutes the office microphone: not a sound may arrive.
        QTest::newRow("office muted") << true << false;
        QTest::newRow("remote muted") << false << true;
    }
    void twoWaySpeech()
    {
        QFETCH(bool, officeMuted);
        QFETCH(bool, remoteMuted);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QString error;
        const auto office = makeSpeech(dir, QStringLiteral("office"),
            QStringLiteral("Hello. This is the office. Can you hear me?"), kLeadSeconds, &error);
        QVERIFY2(office, qPrintable(error));
        const auto remote = makeSpeech(dir, QStringLiteral("remote"),
            QStringLiteral("Yes, I hear you. Please turn a little to the left."), kLeadSeconds,
            &error);
        QVERIFY2(remote, qPrintable(error));

        Heard atRemote{dir.filePath(QStringLiteral("remote-speaker.raw"))};
        Heard atOffice{dir.filePath(QStringLiteral("office-speaker.raw"))};
        MediaSenderSettings ss;
        ss.size = QSize(320, 180);
        ss.fps = 10;
        ss.bitrateKbps = 300;
        ss.audioSource = micFrom(*office);
        ss.audioSink = speakerInto(atOffice.file);
        CameraSender station(ss, 10);
        station.sender.setMicrophoneMuted(officeMuted);
        MediaReceiverSettings rs;
        rs.audioSink = speakerInto(atRemote.file);
        rs.audioSource = micFrom(*remote);
        MediaReceiver receiver(rs);
        receiver.setMicrophoneMuted(remoteMuted);
        double officeMicDb = -200, remoteMicDb = -200;
        connect(&station.sender, &MediaSender::microphoneLevel,
            [&](double db) { officeMicDb = std::max(officeMicDb, db); });
        connect(&station.sender, &MediaSender::speakerLevel,
            [&](double db) { atOffice.loudestLevelDb = std::max(atOffice.loudestLevelDb, db); });
        connect(&receiver, &MediaReceiver::microphoneLevel,
            [&](double db) { remoteMicDb = std::max(remoteMicDb, db); });
        connect(&receiver, &MediaReceiver::speakerLevel,
            [&](double db) { atRemote.loudestLevelDb = std::max(atRemote.loudestLevelDb, db); });
        QStringList errors;
        connect(&station.sender, &MediaSender::error, [&](const QString &e) { errors << e; });
        connect(&receiver, &MediaReceiver::error, [&](const QString &e) { errors << e; });
        QSignalSpy connected(station.sender.peer(), &WebRtcPeer::connected);
        MediaWire wire(station.sender.peer(), receiver.peer());
        QVERIFY2(receiver.start(&error), qPrintable(error));
        const qint64 remoteMicStartMs = monotonicMs();
        QVERIFY2(station.sender.start(&error), qPrintable(error));
        const qint64 officeMicStartMs = monotonicMs();
        station.camera.start();
        QVERIFY2(connected.wait(int(kLeadSeconds * 1000) - 1000),
            "the session took longer than the silence before the speech");
        const double longest = std::max(office->seconds(), remote->seconds());
        QVERIFY(spinUntil(
            [&] {
                atRemote.poll();
                atOffice.poll();
                return monotonicMs() - remoteMicStartMs
                    > qint64((kLeadSeconds + longest + 1.5) * 1000);
            },
            60000));
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QStringLiteral("; "))));

        // Each side was told the other's microphone state.
        QCOMPARE(receiver.peer()->remoteState().microphoneMuted, officeMuted);
        QCOMPARE(station.sender.peer()->remoteState().microphoneMuted, remoteMuted);
        // The meters read speech at both microphones, muted or not (the mute is after them).
        QVERIFY2(officeMicDb > -40, qPrintable(QString::number(officeMicDb)));
        QVERIFY2(remoteMicDb > -40, qPrintable(QString::number(remoteMicDb)));

        QString why;
        if (officeMuted)
            QVERIFY2(silent("office to remote", atRemote, &why), qPrintable(why));
        else
            QVERIFY2(arrived("office to remote", *office, atRemote, officeMicStartMs, &why),
                qPrintable(why));
        if (remoteMuted)
            QVERIFY2(silent("remote to office", atOffice, &why), qPrintable(why));
        else
            QVERIFY2(arrived("remote to office", *remote, atOffice, remoteMicStartMs, &why),
                qPrintable(why));
    }

    void microphoneThatEnds_videoGoesOn()
    {
        // A microphone that ends (a file here; a device that goes away) must not end the
        // session: its end of stream would make the RTP session say BYE for the video too.
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString mic = dir.filePath(QStringLiteral("short.wav"));
        QString error;
        QVERIFY2(run(QStringLiteral("sox"),
                     {QStringLiteral("-n"), QStringLiteral("-r"), QStringLiteral("48000"),
                         QStringLiteral("-c"), QStringLiteral("1"), QStringLiteral("-b"),
                         QStringLiteral("16"), mic, QStringLiteral("synth"), QStringLiteral("7"),
                         QStringLiteral("sine"), QStringLiteral("440")},
                     &error),
            qPrintable(error));
        MediaSenderSettings ss;
        ss.size = QSize(320, 180);
        ss.fps = 10;
        ss.bitrateKbps = 300;
        ss.audioSource =
            QStringLiteral("filesrc location=\"%1\" ! wavparse ! identity sync=true").arg(mic);
        CameraSender station(ss, 10);
        MediaReceiverSettings rs;
        rs.audioSink = QStringLiteral("fakesink sync=false");
        MediaReceiver receiver(rs);
        std::vector<qint64> frames;
        connect(&receiver, &MediaReceiver::frameReady,
            [&](const ReceivedFrame &) { frames.push_back(monotonicMs()); });
        MediaWire wire(station.sender.peer(), receiver.peer());
        QVERIFY2(receiver.start(&error), qPrintable(error));
        const qint64 startMs = monotonicMs();
        QVERIFY2(station.sender.start(&error), qPrintable(error));
        station.camera.start();
        // The tone ends 7 s in; the picture must still come 3 s after that.
        const qint64 after = startMs + 10000;
        QVERIFY2(spinUntil(
                     [&] {
                         return std::count_if(frames.begin(), frames.end(), [&](qint64 t) {
                             return t >= after;
                         }) >= 10;
                     },
                     40000),
            qPrintable(QStringLiteral("%1 frames in all, the last %2 ms after the start")
                           .arg(frames.size())
                           .arg(frames.empty() ? -1 : frames.back() - startMs)));
    }

    void audioDevices_defaultFirstAndUsable()
    {
        for (const auto &list : {audioInputs(), audioOutputs()}) {
            QVERIFY(!list.empty());
            QCOMPARE(list.front().label, QStringLiteral("System default"));
            for (const AudioDevice &d : list) {
                GError *err = nullptr;
                GstElement *bin =
                    gst_parse_bin_from_description(d.description.toUtf8().constData(), TRUE, &err);
                QVERIFY2(bin, qPrintable(d.description));
                gst_object_unref(gst_object_ref_sink(bin));
            }
        }
    }

    void badMicrophone_startFailsWithASentence()
    {
        MediaReceiverSettings rs;
        rs.audioSource = QStringLiteral("no-such-element-here");
        MediaReceiver receiver(rs);
        QString error;
        QVERIFY(!receiver.start(&error));
        QVERIFY2(error.contains(QLatin1String("microphone")), qPrintable(error));
    }
};

QTEST_MAIN(TestMediaAudio)
#include "tst_media_audio.moc"
