// `rudebot --demo` as a process, and how it ends: SIGTERM (systemd, a desktop logging out, `kill`)
// and SIGINT quit it cleanly, simulator included; SIGKILL leaves no destructor to run, and the
// simulator must still go (the kernel's parent-death signal). Checked on /proc, with generous
// ceilings: the machine is busy.
#include <QtTest>

#include <QDir>
#include <QProcess>
#include <QTemporaryDir>

#include <csignal>

#include "support/child_processes.h"
#include <sys/types.h>

using namespace rudebot;

class TestDemoSignals : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void quitSignal_endsTheAppCleanly_andItsSimulator_data();
    void quitSignal_endsTheAppCleanly_andItsSimulator();
    void sigkill_stillEndsTheSimulator();

private:
    // Starts the demo and returns the simulator's pid once it runs (0 on failure).
    qint64 startDemo();

    QTemporaryDir m_home;
    QProcess m_app;
};

void TestDemoSignals::init()
{
    QVERIFY(m_home.isValid());
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), m_home.path());
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_home.filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    m_app.setProcessEnvironment(env);
    m_app.setProcessChannelMode(QProcess::ForwardedErrorChannel);
}

void TestDemoSignals::cleanup()
{
    if (m_app.state() != QProcess::NotRunning) {
        m_app.kill();
        m_app.waitForFinished(30000);
    }
}

qint64 TestDemoSignals::startDemo()
{
    m_app.start(QStringLiteral(RUDEBOT_APP), {QStringLiteral("--demo")});
    if (!m_app.waitForStarted(30000))
        return 0;
    qint64 sim = 0;
    (void)QTest::qWaitFor(
        [&] {  // the caller checks the pid (0: not found)
            sim = childProcesses(m_app.processId(), "rudebot-sim").value(0);
            return sim != 0 || m_app.state() == QProcess::NotRunning;
        },
        60000);
    return sim;
}

void TestDemoSignals::quitSignal_endsTheAppCleanly_andItsSimulator_data()
{
    QTest::addColumn<int>("signal");
    QTest::newRow("SIGTERM") << int(SIGTERM);
    QTest::newRow("SIGINT") << int(SIGINT);
}

void TestDemoSignals::quitSignal_endsTheAppCleanly_andItsSimulator()
{
    QFETCH(int, signal);
    const qint64 sim = startDemo();
    QVERIFY2(sim != 0, "rudebot --demo started no rudebot-sim");
    QVERIFY(::kill(pid_t(m_app.processId()), signal) == 0);
    QVERIFY(m_app.waitForFinished(60000));
    QCOMPARE(m_app.exitStatus(), QProcess::NormalExit);  // quit, not killed by the signal
    QCOMPARE(m_app.exitCode(), 0);
    QVERIFY(QTest::qWaitFor([sim] { return processExited(sim); }, 60000));
}

void TestDemoSignals::sigkill_stillEndsTheSimulator()
{
    const qint64 sim = startDemo();
    QVERIFY2(sim != 0, "rudebot --demo started no rudebot-sim");
    QVERIFY(::kill(pid_t(m_app.processId()), SIGKILL) == 0);
    QVERIFY(m_app.waitForFinished(60000));
    QVERIFY2(QTest::qWaitFor([sim] { return processExited(sim); }, 60000),
        "rudebot-sim outlived its SIGKILLed parent");
}

QTEST_GUILESS_MAIN(TestDemoSignals)
#include "tst_demo_signals.moc"
