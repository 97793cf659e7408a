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
#include <algorithm>
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
    std::vector<double> startsSeconds;  // where each utterance starts in the WAV
    double seconds() const { return double(ref.size()) / kRate; }
};

// The speech is said `repeats` times, gapSeconds of silence apart (for several delay samples).
inline std::optional<Speech> makeSpeech(const QTemporaryDir &dir, const QString &tag,
    const QString &text, double leadSeconds, QString *error, int repeats = 1,
    double gapSeconds = 0)
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
            QStringList{QStringLiteral("-n")} + silence
                + QStringList{path("-gap.wav"), QStringLiteral("trim"), QStringLiteral("0"),
                    QString::number(std::max(0.01, gapSeconds))},
            error))
        return std::nullopt;
    QStringList parts{path("-lead.wav")};
    for (int i = 0; i < repeats; ++i) {
        if (i > 0)
            parts << path("-gap.wav");
        parts << path("-speech.wav");
    }
    parts << path("-tail.wav") << path("-mic.wav");
    if (!run(QStringLiteral("sox"), parts, error))
        return std::nullopt;
    Speech s{path("-mic.wav"), readRaw(path("-ref.raw")), leadSeconds, {}};
    if (s.ref.size() < size_t(kRate)) {
        *error = QStringLiteral("espeak-ng made less than a second of speech");
        return std::nullopt;
    }
    for (int i = 0; i < repeats; ++i)
        s.startsSeconds.push_back(leadSeconds + i * (s.seconds() + std::max(0.01, gapSeconds)));
    return s;
}

// A microphone that is the WAV, paced to the clock like a live one: 10 ms blocks, each let go
// when its last sample would have been captured. wavparse alone pushes 93 ms blocks let go at
// their first sample: the speech left up to 93 ms early, in bursts the receiver's jitter
// buffer took for jitter (bench/wan's mouth to ear varied 128-209 ms between cases).
inline QString micFrom(const Speech &s)
{
    // The parser's thread carries the whole microphone chain; named, it is told apart
    // ("mic:sink") where bench/wan counts the video's CPU.
    return QStringLiteral("filesrc location=\"%1\" ! wavparse name=mic ! audioconvert ! audioresample ! "
                          "audio/x-raw,format=S16LE,rate=%2,channels=1 ! audiobuffersplit "
                          "output-buffer-duration=1/100 ! identity sync=true ts-offset=10000000")
        .arg(s.mic)
        .arg(kRate);
}

// A speaker that is a file, written when a sound card would play each block: synchronised to
// the clock, so the receiver's latency (its jitter buffer's, chiefly) is in the delay, as it is
// in what a real speaker plays. An unsynchronised file took each block as the jitter buffer let
// it go, which is as soon as it arrived in order: mouth to ear then read 36 ms, under the
// 60 ms the jitter buffer adds to every block before a sound card plays it.
inline QString speakerInto(const QString &file)
{
    return QStringLiteral("audio/x-raw,format=S16LE,rate=%1,channels=1 ! filesink sync=true "
                          "buffer-mode=unbuffered location=\"%2\"")
        .arg(kRate)
        .arg(file);
}

// What a speaker file got: when each part of it arrived (poll() often: the speaker is an
// unbuffered filesink) and the loudest level its meter showed.
struct Heard {
    QString file;
    qint64 firstAudioMs = -1;
    double loudestLevelDb = -200;
    std::vector<std::pair<qint64, qint64>> grew{};  // (when, size in bytes) at each growth
    void poll()
    {
        const qint64 size = QFileInfo(file).size();
        if (size <= (grew.empty() ? 0 : grew.back().second))
            return;
        grew.emplace_back(rudebot::monotonicMs(), size);
        if (firstAudioMs < 0)
            firstAudioMs = grew.back().first;
    }
    // When the file first held `sample` (48 kHz); -1 if never. Read off arrivals, not off the
    // position in the file: a gap the decoder did not fill, or a burst, does not move it.
    qint64 arrivalMs(qint64 sample) const
    {
        const auto it = std::find_if(grew.begin(), grew.end(),
            [&](const std::pair<qint64, qint64> &g) { return g.second >= (sample + 1) * 2; });
        return it == grew.end() ? -1 : it->first;
    }
    // The first sample that arrived at or after atMs.
    qint64 sampleAt(qint64 atMs) const
    {
        qint64 before = 0;
        for (const auto &g : grew) {
            if (g.first >= atMs)
                return before / 2;
            before = g.second;
        }
        return before / 2;
    }
};

// Mouth to ear for each utterance of `speech` (started into a microphone at micStartMs) that
// `heard` got, in ms; an utterance not found (correlation at most 0.6) is left out.
inline std::vector<double> delaysMs(const Speech &speech, const Heard &heard, qint64 micStartMs)
{
    const std::vector<qint16> got = readRaw(heard.file);
    const std::vector<double> ref = envelope(speech.ref);
    std::vector<double> out;
    for (const double start : speech.startsSeconds) {
        const qint64 saidMs = micStartMs + qint64(start * 1000);
        // What arrived from when it was said to 2 s after it ended.
        const qint64 from = heard.sampleAt(saidMs);
        const qint64 to = std::min<qint64>(qint64(got.size()),
            heard.sampleAt(saidMs + qint64(speech.seconds() * 1000) + 2000) + kRate / 10);
        if (to - from < qint64(speech.ref.size()))
            continue;
        const std::vector<qint16> part(got.begin() + from, got.begin() + to);
        const auto [correlation, atMs] = bestMatch(ref, envelope(part));
        const qint64 arrived = heard.arrivalMs(from + qint64(atMs) * (kRate / 1000));
        if (correlation > 0.6 && arrived > 0)
            out.push_back(double(arrived - saidMs));
    }
    return out;
}

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
    // When the speech's first sample reached the speaker, against when it left the microphone
    // (leadSeconds after the source started).
    const double delayMs = double(heard.arrivalMs(qint64(atMs) * (kRate / 1000)))
        - double(micStartMs + speech.leadSeconds * 1000);
    qInfo("%s: correlation %.2f, mouth to ear %.0f ms (file polling adds up to 20 ms), speaker "
          "level up to %.0f dBFS",
        way, correlation, delayMs, heard.loudestLevelDb);
    // No lower bound: the tests take micStartMs when their side reports the microphone
    // started, which can be a few hundred ms after its pipeline did (CI once read -199 ms).
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
