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


// One side's speech: a WAV for its microphone (silence, the speech, a short tail) and the
// speech alone as raw 48 kHz PCM to correlate against.
struct Speech {
    QString mic;
    std::vector<qint16> ref;
    double seconds() const { return double(ref.size()) / kRate; }
};

std::optional<Speech> makeSpeech(
    const QTemporaryDir &dir, const QString &tag, const QString &text, QString *error)
{
    const auto path = [&](const char *name) { return dir.filePath(tag + QLatin1String(name)); };
    const QStringList silence{QStringLiteral("-r"), QStringLiteral("22050"), QStringLiteral("-c"),
        QStringLiteral("1"), QStringLiteral("-b"), QStringLiteral("16")};
    if (!run(QStringLiteral("espeak-ng"), {QStringLiteral("-w"), path("-speech.wav"), text}, error)
        || !run(QStringLiteral("sox"),
            {path("-speech.wav"), QStringLiteral("-r"), QString::number(kRate),
                QStringLiteral("-e"), QStringLiteral("signed"), QStringLiteral("-b"),
                QStringLiteral("16"), QStringLiteral("-c"), QStringLiteral("1"), path("-ref.raw")},
            error)
        || !run(QStringLiteral("sox"),
            QStringList{QStringLiteral("-n")} + silence
                + QStringList{path("-lead.wav"), QStringLiteral("trim"), QStringLiteral("0"),
                    QString::number(kLeadSeconds)},
            error)
        || !run(QStringLiteral("sox"),
            QStringList{QStringLiteral("-n")} + silence
                + QStringList{path("-tail.wav"), QStringLiteral("trim"), QStringLiteral("0"),
                    QStringLiteral("2")},
            error)
        || !run(QStringLiteral("sox"),
            {path("-lead.wav"), path("-speech.wav"), path("-tail.wav"), path("-mic.wav")}, error))
        return std::nullopt;
    Speech s{path("-mic.wav"), readRaw(path("-ref.raw"))};
    if (s.ref.size() < size_t(kRate)) {
        *error = QStringLiteral("espeak-ng made less than a second of speech");
        return std::nullopt;
    }
    return s;
}

// A microphone that is the WAV, paced to the clock like a live one.
QString micFrom(const Speech &s)
{
    return QStringLiteral("filesrc location=\"%1\" ! wavparse ! identity sync=true").arg(s.mic);
}

QString speakerInto(const QString &file)
{
    return QStringLiteral("audio/x-raw,format=S16LE,rate=%1,channels=1 ! filesink "
                          "buffer-mode=unbuffered location=\"%2\"")
        .arg(kRate)
        .arg(file);
}

// What one speaker got: when its file first grew, and its samples.
struct Heard {
    QString file;
    qint64 firstAudioMs = -1;
    double loudestLevelDb = -200;  // its level meter
    void poll()
    {
        if (firstAudioMs < 0 && QFileInfo(file).size() > 0)
            firstAudioMs = monotonicMs();
    }
};

// Checks that `speech`, started into a microphone at micStartMs, reached `heard`; prints
// the mouth-to-ear delay. Returns false with a reason.
bool arrived(
    const char *way, const Speech &speech, const Heard &heard, qint64 micStartMs, QString *why)
{
    const std::vector<qint16> got = readRaw(heard.file);
    if (heard.firstAudioMs < 0 || got.size() < speech.ref.size()) {
        *why = QStringLiteral("%1: no speech reached the speaker (%2 samples)")
                   .arg(QLatin1String(way))
                   .arg(got.size());
        return false;
    }
    const auto [correlation, atMs] = bestMatch(envelope(speech.ref), envelope(got));
    // The speaker's file starts when the first audio arrived; the speech left the
    // microphone kLeadSeconds after its source started.
    const double delayMs =
        double(heard.firstAudioMs + atMs) - double(micStartMs + kLeadSeconds * 1000);
    qInfo("%s: correlation %.2f, mouth to ear %.0f ms (file polling adds up to 50 ms), speaker "
          "level up to %.0f dBFS",
        way, correlation, delayMs, heard.loudestLevelDb);
    if (correlation <= 0.6 || delayMs >= 2000 || heard.loudestLevelDb < -40) {
        *why = QStringLiteral("%1: correlation %2, delay %3 ms, level %4 dBFS")
                   .arg(QLatin1String(way))
                   .arg(correlation)
                   .arg(delayMs)
                   .arg(heard.loudestLevelDb);
        return false;
    }
    return true;
}

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
            QStringLiteral("Hello. This is the office. Can you hear me?"), &error);
        QVERIFY2(office, qPrintable(error));
        const auto remote = makeSpeech(dir, QStringLiteral("remote"),
            QStringLiteral("Yes, I hear you. Please turn a little to the left."), &error);
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
