#include "process/quit_on_signal.h"

#include <QCoreApplication>
#include <QSocketNotifier>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace rudebot {

namespace {
// A signal handler gets no context pointer: the write end has to be reachable from a plain
// function. Only QuitOnSignal::install sets it, once.
volatile sig_atomic_t g_writeFd = -1;

void onSignal(int signal)
{
    const int saved = errno;
    const unsigned char byte = static_cast<unsigned char>(signal);
    if (g_writeFd >= 0) [[maybe_unused]]
        const ssize_t n = ::write(g_writeFd, &byte, 1);
    errno = saved;
}
}  // namespace

QuitOnSignal::QuitOnSignal(QObject *parent) : QObject(parent) { }

QuitOnSignal::~QuitOnSignal()
{
    if (m_fds[1] < 0)
        return;
    ::signal(SIGTERM, SIG_DFL);
    ::signal(SIGINT, SIG_DFL);
    g_writeFd = -1;
    ::close(m_fds[0]);
    ::close(m_fds[1]);
}

bool QuitOnSignal::install(QString *error)
{
    if (::pipe2(m_fds, O_CLOEXEC | O_NONBLOCK) != 0) {
        *error = tr("Cannot set up signal handling: %1")
                     .arg(QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    g_writeFd = m_fds[1];
    m_notifier = new QSocketNotifier(m_fds[0], QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &QuitOnSignal::onReadable);
    struct sigaction sa = {};
    sa.sa_handler = onSignal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    if (::sigaction(SIGTERM, &sa, nullptr) != 0 || ::sigaction(SIGINT, &sa, nullptr) != 0) {
        *error = tr("Cannot set up signal handling: %1")
                     .arg(QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    return true;
}

void QuitOnSignal::onReadable()
{
    unsigned char byte = 0;
    while (::read(m_fds[0], &byte, 1) == 1)
        emit signalled(byte);
    // exit(), not quit(): it also ends nested loops (a message box's exec()) and works before
    // app.exec() has started, where quit() does nothing.
    QCoreApplication::exit(0);
}

}  // namespace rudebot
