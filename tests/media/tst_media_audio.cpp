// Office microphone to the remote's speaker through the real media path: speech made by
// espeak-ng is the microphone (a WAV, paced to real time), the speaker is a raw PCM file.
// The speech must arrive (its loudness envelope correlates with the original's) and its delay
// is measured (printed; a generous ceiling only).
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
#include "support/spin_until.h"

using namespace rudebot;

namespace {

constexpr int kRate = 48000;
constexpr double kLeadSeconds = 6;  // silence before the speech: the session connects meanwhile

bool run(const QString &program, const QStringList &args, QString *error)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    const bool ok =
        p.waitForFinished(30000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    if (!ok)
        *error = QStringLiteral("%1 %2: %3")
                     .arg(program, args.join(' '), QString::fromUtf8(p.readAll()));
    return ok;
}

std::vector<qint16> readRaw(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QByteArray bytes = f.readAll();
    std::vector<qint16> out(size_t(bytes.size() / 2));
    memcpy(out.data(), bytes.constData(), out.size() * 2);
    return out;
}

// Loudness per millisecond: what survives a codec, a resampler and a small clock drift.
std::vector<double> envelope(const std::vector<qint16> &pcm)
{
    const int step = kRate / 1000;
    std::vector<double> e(pcm.size() / size_t(step));
    for (size_t i = 0; i < e.size(); ++i) {
        double sum = 0;
        for (int k = 0; k < step; ++k)
            sum += std::abs(double(pcm[i * size_t(step) + size_t(k)]));
        e[i] = sum / step;
    }
    return e;
}

// Best normalised correlation of ref inside rec, and at which millisecond of rec.
std::pair<double, int> bestMatch(const std::vector<double> &ref, const std::vector<double> &rec)
{
    double refMean = 0;
    for (double v : ref)
        refMean += v;
    refMean /= double(ref.size());
    double refNorm = 0;
    for (double v : ref)
        refNorm += (v - refMean) * (v - refMean);
    double best = 0;
    int at = -1;
    for (size_t lag = 0; lag + ref.size() <= rec.size(); ++lag) {
        double mean = 0;
        for (size_t i = 0; i < ref.size(); ++i)
            mean += rec[lag + i];
        mean /= double(ref.size());
        double dot = 0, norm = 0;
        for (size_t i = 0; i < ref.size(); ++i) {
            const double r = rec[lag + i] - mean;
            dot += (ref[i] - refMean) * r;
            norm += r * r;
        }
        const double c = norm > 0 && refNorm > 0 ? dot / std::sqrt(norm * refNorm) : 0;
        if (c > best) {
            best = c;
            at = int(lag);
        }
    }
    return {best, at};
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

    void officeSpeechReachesTheRemoteSpeaker_data()
    {
        QTest::addColumn<bool>("muted");
        QTest::newRow("open") << false;
        // Privacy (park and lock) mutes the office microphone: not a sound may arrive.
        QTest::newRow("muted") << true;
    }
    void officeSpeechReachesTheRemoteSpeaker()
    {
        QFETCH(bool, muted);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString speech = dir.filePath(QStringLiteral("speech.wav"));
        const QString lead = dir.filePath(QStringLiteral("lead.wav"));
        const QString tail = dir.filePath(QStringLiteral("tail.wav"));
        const QString mic = dir.filePath(QStringLiteral("mic.wav"));
        const QString ref = dir.filePath(QStringLiteral("ref.raw"));
        const QString speaker = dir.filePath(QStringLiteral("speaker.raw"));
        QString error;
        QVERIFY2(run(QStringLiteral("espeak-ng"),
                     {QStringLiteral("-w"), speech,
                         QStringLiteral(
                             "Hello office. Can you hear me? Please turn a little to the left.")},
                     &error),
            qPrintable(error));
        QVERIFY2(run(QStringLiteral("sox"),
                     {speech, QStringLiteral("-r"), QString::number(kRate), QStringLiteral("-e"),
                         QStringLiteral("signed"), QStringLiteral("-b"), QStringLiteral("16"),
                         QStringLiteral("-c"), QStringLiteral("1"), ref},
                     &error),
            qPrintable(error));
        QVERIFY2(run(QStringLiteral("sox"),
                     {QStringLiteral("-n"), QStringLiteral("-r"), QStringLiteral("22050"),
                         QStringLiteral("-c"), QStringLiteral("1"), QStringLiteral("-b"),
                         QStringLiteral("16"), lead, QStringLiteral("trim"), QStringLiteral("0"),
                         QString::number(kLeadSeconds)},
                     &error),
            qPrintable(error));
        QVERIFY2(run(QStringLiteral("sox"),
                     {QStringLiteral("-n"), QStringLiteral("-r"), QStringLiteral("22050"),
                         QStringLiteral("-c"), QStringLiteral("1"), QStringLiteral("-b"),
                         QStringLiteral("16"), tail, QStringLiteral("trim"), QStringLiteral("0"),
                         QStringLiteral("2")},
                     &error),
            qPrintable(error));
        QVERIFY2(run(QStringLiteral("sox"), {lead, speech, tail, mic}, &error), qPrintable(error));
        const std::vector<qint16> refPcm = readRaw(ref);
        QVERIFY(refPcm.size() > size_t(kRate));

        MediaSenderSettings ss;
        ss.size = QSize(320, 180);
        ss.fps = 10;
        ss.bitrateKbps = 300;
        // A file paced to the clock stands in for a live microphone.
        ss.audioSource =
            QStringLiteral("filesrc location=\"%1\" ! wavparse ! identity sync=true").arg(mic);
        CameraSender station(ss, 10);
        station.sender.setMicrophoneMuted(muted);
        MediaReceiverSettings rs;
        rs.audioSink = QStringLiteral("audio/x-raw,format=S16LE,rate=%1,channels=1 ! filesink "
                                      "buffer-mode=unbuffered location=\"%2\"")
                           .arg(kRate)
                           .arg(speaker);
        MediaReceiver receiver(rs);
        QSignalSpy connected(station.sender.peer(), &WebRtcPeer::connected);
        MediaWire wire(station.sender.peer(), receiver.peer());
        QVERIFY2(receiver.start(&error), qPrintable(error));
        const qint64 micStartMs = monotonicMs();
        QVERIFY2(station.sender.start(&error), qPrintable(error));
        station.camera.start();
        QVERIFY2(connected.wait(int(kLeadSeconds * 1000) - 1000),
            "the session took longer than the silence before the speech");
        qint64 firstAudioMs = -1;
        const double speechSeconds = double(refPcm.size()) / kRate;
        QVERIFY(spinUntil(
            [&] {
                const qint64 size = QFileInfo(speaker).size();
                if (size > 0 && firstAudioMs < 0)
                    firstAudioMs = monotonicMs();
                return monotonicMs() - micStartMs
                    > qint64((kLeadSeconds + speechSeconds + 1.5) * 1000);
            },
            60000));
        const std::vector<qint16> got = readRaw(speaker);
        if (muted) {
            double loudest = 0;
            for (qint16 v : got)
                loudest = std::max(loudest, std::abs(double(v)));
            qInfo("muted: %zu samples reached the speaker, loudest %.0f", got.size(), loudest);
            QVERIFY2(loudest < 300, qPrintable(QString::number(loudest)));  // -40 dBFS: silence
            return;
        }
        QVERIFY2(firstAudioMs > 0, "no audio reached the speaker");

        const auto [correlation, atMs] = bestMatch(envelope(refPcm), envelope(got));
        // The speaker's file starts when the first audio arrived; the speech left the
        // microphone kLeadSeconds after the source started.
        const double delayMs =
            double(firstAudioMs + atMs) - double(micStartMs + kLeadSeconds * 1000);
        qInfo("speech arrived: correlation %.2f, mouth to ear %.0f ms (file polling adds up to 50 "
              "ms)",
            correlation, delayMs);
        QVERIFY2(correlation > 0.6, qPrintable(QString::number(correlation)));
        QVERIFY2(delayMs < 2000, qPrintable(QString::number(delayMs)));
    }
};

QTEST_MAIN(TestMediaAudio)
#include "tst_media_audio.moc"
