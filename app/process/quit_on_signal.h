// SIGTERM and SIGINT end the app like File › Quit: the event loop returns and every destructor
// runs (the demo's simulator is stopped, settings are written). The handler only writes a byte
// to a pipe; a QSocketNotifier on the other end calls QCoreApplication::exit(0) in the event loop
// (the standard Qt pattern: nothing else is safe inside a signal handler).
#pragma once
#include <QObject>

class QSocketNotifier;

namespace rudebot {

class QuitOnSignal : public QObject {
    Q_OBJECT
public:
    // One per process (signal handlers are process-wide). False with *error if the pipe or the
    // handlers cannot be set up.
    explicit QuitOnSignal(QObject *parent = nullptr);
    ~QuitOnSignal() override;
    bool install(QString *error);

signals:
    void signalled(int signal);  // before exit(0)

private:
    void onReadable();

    int m_fds[2] = {-1, -1};
    QSocketNotifier *m_notifier = nullptr;
};

}  // namespace rudebot
