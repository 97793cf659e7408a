// Speech for media tests and bench/wan: espeak-ng speech as a microphone (a WAV with silence
// before it, paced to the clock like a live source), a speaker that writes raw 48 kHz PCM to a
// file, and the cross-correlation of loudness envelopes that finds the speech in what a
// speaker got (what survives a codec, a resampler and a small clock drift).
#pragma once
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>
#include <cmath>
#include <cstring>
#include <optional>
#include <vector>

#include "video/timecode.h"  // monotonicMs

constexpr int kRate = 48000;  // what the speaker files hold, and the reference

inline bool run(const QString &program, const QStringList &args, QString *error)
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

inline std::vector<qint16> readRaw(const QString &path)
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
inline std::vector<double> envelope(const std::vector<qint16> &pcm)
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
inline std::pair<double, int> bestMatch(
    const std::vector<double> &ref, const std::vector<double> &rec)
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
    double leadSeconds = 0;  // silence in the WAV before the speech
    double seconds() const { return double(ref.size()) / kRate; }
};

inline std::optional<Speech> makeSpeech(const QTemporaryDir &dir, const QString &tag,
    const QString &text, double leadSeconds, QString *error)
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
                    QString::number(leadSeconds)},
            error)
        || !run(QStringLiteral("sox"),
            QStringList{QStringLiteral("-n")} + silence
                + QStringList{path("-tail.wav"), QStringLiteral("trim"), QStringLiteral("0"),
                    QStringLiteral("2")},
            error)
        || !run(QStringLiteral("sox"),
            {path("-lead.wav"), path("-speech.wav"), path("-tail.wav"), path("-mic.wav")}, error))
        return std::nullopt;
    Speech s{path("-mic.wav"), readRaw(path("-ref.raw")), leadSeconds};
    if (s.ref.size() < size_t(kRate)) {
        *error = QStringLiteral("espeak-ng made less than a second of speech");
        return std::nullopt;
    }
    return s;
}

// A microphone that is the WAV, paced to the clock like a live one.
inline QString micFrom(const Speech &s)
{
    return QStringLiteral("filesrc location=\"%1\" ! wavparse ! identity sync=true").arg(s.mic);
}

inline QString speakerInto(const QString &file)
{
    return QStringLiteral("audio/x-raw,format=S16LE,rate=%1,channels=1 ! filesink "
                          "buffer-mode=unbuffered location=\"%2\"")
        .arg(kRate)
        .arg(file);
}

// What a speaker file got: when its first audio arrived (poll() often) and the loudest level
// its meter showed.
struct Heard {
    QString file;
    qint64 firstAudioMs = -1;
    double loudestLevelDb = -200;
    void poll()
    {
        if (firstAudioMs < 0 && QFileInfo(file).size() > 0)
            firstAudioMs = rudebot::monotonicMs();
    }
};

// Checks that `speech`, started into a microphone at micStartMs, reached `heard`; prints the
// mouth-to-ear delay. Returns false with a reason.
inline bool arrived(
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
    // The speaker's file starts when the first audio arrived; the speech left the microphone
    // leadSeconds after its source started.
    const double delayMs =
        double(heard.firstAudioMs + atMs) - double(micStartMs + speech.leadSeconds * 1000);
    qInfo("%s: correlation %.2f, mouth to ear %.0f ms (file polling adds up to 20 ms), speaker "
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
