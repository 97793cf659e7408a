// The programs the on-screen benchmarks run: the station (rudebot-bridge on the virtual rig)
// and the viewers (our app, ffplay), each in its own private settings directory so a run
// neither reads nor changes the user's settings.
#pragma once
#include <QList>
#include <QProcess>
#include <QRect>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <memory>

namespace bench {

qint64 nowNs();  // CLOCK_MONOTONIC, the clock the time stamps in the picture use
double nowMs();
void waitMs(int ms);  // runs the event loop meanwhile
double percentile(QList<double> v, double p);  // nearest rank; NaN when empty
QString loadAverage();  // the first three fields of /proc/loadavg

// rudebot-bridge --virtual-rig on 127.0.0.1, 1280x720 at fps, JPEG q80.
class Station {
public:
    ~Station();
    bool start(const QString &camera, double fps, QString *error);
    void stop();
    qint64 pid() const { return m_process.processId(); }
    QString pairingLink() const { return m_link; }
    QString streamUrl() const { return m_url; }  // https://127.0.0.1:PORT/stream
    QString key() const { return m_key; }  // the pairing secret, base64url
    QList<qint64> children() const;

private:
    QTemporaryDir m_dir;
    QProcess m_process;
    QString m_link, m_url, m_key;
};

// ffplay's arguments for the station's stream, its window borderless over picture. tuned:
// -fflags nobuffer alone (as the issue asks) or with ffplay's other latency options too. MJPEG
// parts carry no time stamps, so ffplay assumes 25 fps and falls ever further behind a 30 fps
// source; tuned, setpts gives it the camera's real rate (a 33 ms timer).
QStringList ffplayArgs(bool tuned, const QRect &picture, const QString &url);
QString ffplayName(bool tuned);

// A viewer process. Output goes to a log file, shown when something fails.
class Viewer {
public:
    // stationLink: handed to our app in RUDEBOT_STATION_LINK, never on its command line.
    Viewer(QString name, QString program, QStringList args, QString stationLink = {});
    ~Viewer();
    QString name() const { return m_name; }
    QString commandLine() const;
    bool start(QString *error);
    void stop();  // SIGTERM, then SIGKILL; children it left behind are ended by pid
    bool isRunning() const { return m_process && m_process->state() != QProcess::NotRunning; }
    qint64 pid() const { return m_process ? m_process->processId() : 0; }
    QString logTail() const;

    static QString appPath();  // our rudebot
    static QString ffplayPath();  // empty when ffplay is not installed

private:
    QString m_name, m_program;
    QStringList m_args;
    QString m_stationLink;
    QTemporaryDir m_home;
    std::unique_ptr<QProcess> m_process;
};

}  // namespace bench
