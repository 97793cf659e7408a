// Runs rudebot-sim (the real firmware in simavr behind a pty) as a child process and follows
// its event stream: READY, RESET and SERVO (the angle measured from the pulse on pin 9). The
// demo, `rudebot-bridge --virtual-rig` and the tests all drive the virtual rig through this.
// Linux: the child gets SIGTERM when its parent dies, however it dies (PR_SET_PDEATHSIG).
#pragma once
#include <QObject>
#include <QProcess>
#include <QStringList>

#include "core/line_splitter.h"

namespace rudebot {

struct ServoSample {
    double simMs = 0;  // simulated milliseconds since the simulator started
    int pulseUs = 0;  // measured pulse width
    double angleDeg = 0;  // servo degrees from the pulse (544-2400 us for 0-180)
    bool operator==(const ServoSample &o) const
    {
        return simMs == o.simMs && pulseUs == o.pulseUs && angleDeg == o.angleDeg;
    }
};

struct SimRigOptions {
    QString program;  // empty: rudebot-sim next to this executable, else on PATH
    QString elf;  // empty: the simulator's default, our firmware
    QString link;  // symlink to the pty; required
    double speed = 1;  // 0 = unpaced, 1 = real time
    bool resetOnOpen = false;
    bool hold = false;
    QStringList extraArgs;
};

class SimRigProcess : public QObject {
    Q_OBJECT
public:
    explicit SimRigProcess(QObject *parent = nullptr);
    ~SimRigProcess() override;

    static QString defaultProgram();

    void start(const SimRigOptions &options);  // ready() or failed() follows
    void kill();  // SIGKILL: like unplugging the board
    void stop();  // SIGTERM, wait up to 10 s

    bool isRunning() const { return m_proc.state() != QProcess::NotRunning; }
    bool isReady() const { return m_ready; }
    qint64 processId() const { return m_proc.processId(); }  // 0 when not running
    const SimRigOptions &options() const { return m_options; }
    QString ptyPath() const { return m_pty; }
    QByteArray standardError() const { return m_stderr; }

signals:
    void ready(const QString &link, const QString &pty);
    void resetSeen(double simMs);
    void servoChanged(const rudebot::ServoSample &sample);
    void failed(const QString &message);  // could not start, or exited before READY
    void finished();

private:
    void readOutput();
    void parseLine(const QByteArray &line);

    QProcess m_proc;
    SimRigOptions m_options;
    LineSplitter m_stdout{4096};  // the simulator's event lines
    QByteArray m_stderr;
    QString m_pty;
    bool m_ready = false;
};

}  // namespace rudebot
