// The virtual rig for integration tests: SimRigProcess (rudebot-sim running the real compiled
// firmware) with the blocking waits tests need, the build's own simulator and firmware paths,
// and a record of every servo angle measured from the pulse on pin 9.
#pragma once
#include <QList>
#include <QObject>
#include <QStringList>
#include <QTemporaryDir>

#include "simrig/sim_rig_process.h"

using rudebot::ServoSample;

class VirtualRig : public QObject {
    Q_OBJECT
public:
    struct Options {
        QString elf;  // empty: the simulator's default, our firmware
        double speed = 0;  // 0 = unpaced, 1 = real time
        bool resetOnOpen = false;
        QString link;  // empty: a fresh path in a temporary directory
        QStringList extraArgs;
    };

    explicit VirtualRig(QObject *parent = nullptr);
    ~VirtualRig() override;

    static QString simulatorPath();
    static QString firmwarePath(const QString &name);  // "rudebot" or "seedlike"

    // Starts the simulator and waits for its READY line; false with errorString() otherwise.
    bool start(const Options &options, int timeoutMs = 15000);
    bool restart(int timeoutMs = 15000);  // same options, same link path
    void kill();  // SIGKILL: an unplugged board, no clean-up
    void stop();  // SIGTERM and wait

    bool isRunning() const { return m_proc.isRunning(); }
    QString linkPath() const { return m_link; }
    QString ptyPath() const { return m_proc.ptyPath(); }
    QString errorString() const { return m_error; }
    QByteArray standardError() const { return m_proc.standardError(); }

    bool hasServo() const { return !m_samples.isEmpty(); }
    ServoSample servo() const { return m_samples.isEmpty() ? ServoSample{} : m_samples.last(); }
    const QList<ServoSample> &samples() const { return m_samples; }
    int resetCount() const { return m_resets; }

    // Waits until the measured angle is within toleranceDeg of degrees; false on timeout.
    bool waitForAngle(double degrees, double toleranceDeg, int timeoutMs);
    bool waitForResets(int count, int timeoutMs);

signals:
    void servoChanged(const ServoSample &sample);
    void resetSeen(double simMs);
    void finished();

private:
    rudebot::SimRigProcess m_proc;
    Options m_options;
    QTemporaryDir m_dir;
    QString m_link;
    QString m_error;
    QList<ServoSample> m_samples;
    int m_resets = 0;
};
