// rudebot: the desktop app. Parses the command line and runs the composition root.
#include <QApplication>
#include <QIcon>
#include <QMessageBox>
#include <QSettings>
#include <QTextStream>

#include "desktop/desktop_app.h"
#include "process/quit_on_signal.h"
#include "ui/rig_dial_accessible.h"

int main(int argc, char *argv[])
{
    // Arguments first, once, before QApplication: --help and bad arguments must answer without
    // a display.
    QStringList args;
    for (int i = 1; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);
    rudebot::DesktopOptions options;
    QString error;
    bool help = false;
    if (!rudebot::parseDesktopArgs(args, &options, &error, &help)
        || (!help && !rudebot::resolveStationLink(&options, &error))) {
        QTextStream(stderr) << "rudebot: " << error << '\n';
        return 2;
    }
    if (help) {
        QTextStream(stdout) << rudebot::desktopUsage();
        return 0;
    }
    if (options.version) {
        QTextStream(stdout) << "rudebot " RUDEBOT_VERSION "\n";
        return 0;
    }
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")
        && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        QTextStream(stderr)
            << "rudebot: no display found (DISPLAY is not set). Run it in a desktop "
               "session, or try the text demo: ./scripts/demo --text\n";
        return 1;
    }
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("rudebot"));
    QApplication::setOrganizationName(QStringLiteral("rudebot"));
    QApplication::setApplicationDisplayName(QStringLiteral("Rudebot"));
    QApplication::setDesktopFileName(
        QStringLiteral("io.github.rudebot.Rudebot"));  // the .desktop id
    // Installed, the icon theme has it (hicolor); in the build tree it is simply absent.
    QApplication::setWindowIcon(QIcon::fromTheme(QStringLiteral("io.github.rudebot.Rudebot")));

    rudebot::QuitOnSignal
        quitOnSignal;  // SIGTERM/SIGINT: a clean quit, the demo's simulator stopped
    if (!quitOnSignal.install(&error))
        QTextStream(stderr) << "rudebot: " << error << '\n';

    rudebot::installRigDialAccessibility();
    QSettings settings;
    rudebot::DesktopApp desktop(&app, &settings, options);
    if (!desktop.start(&error)) {
        QTextStream(stderr) << "rudebot: " << error << '\n';
        rudebot::startFailureBox(error)
            ->exec();  // started from the menu, stderr is nowhere to be seen
        return 1;
    }
    return app.exec();
}
