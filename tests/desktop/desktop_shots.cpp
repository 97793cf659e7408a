// Not a test: puts one screen of the app on the display and screenshots it with
// `import -window root`, for the docs and for looking at changes (run under xvfb-run).
//   desktop_shots connect-error FILE [--dark]   the Connect dialog refusing a pasted link
//   desktop_shots remote-fullscreen FILE [--dark]  the demo's remote view in full screen, zoomed 2×
#include <QApplication>
#include <QLineEdit>
#include <QProcess>
#include <QTest>

#include <QSettings>
#include <QTemporaryDir>

#include "desktop/connect_dialog.h"
#include "desktop/desktop_app.h"
#include "desktop/remote_window.h"
#include "desktop/theme.h"
#include "ui/video_view.h"

using namespace rudebot;

namespace {
void shoot(const QString &file)
{
    QTest::qWait(600);  // let repaints land
    QProcess::execute(
        QStringLiteral("import"), {QStringLiteral("-window"), QStringLiteral("root"), file});
}
}  // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 3) {
        qCritical("usage: desktop_shots connect-error FILE [--dark]");
        return 2;
    }
    applyTheme(app, args.contains(QStringLiteral("--dark")));
    const QString what = args.at(1), file = args.at(2);
    if (what == QLatin1String("connect-error")) {
        ConnectDialog dialog({}, nullptr, [] { return QList<PortCandidate>{}; });
        dialog.move(40, 40);
        dialog.show();
        (void)QTest::qWaitForWindowExposed(&dialog);
        dialog.findChild<QLineEdit *>(QStringLiteral("pairingLink"))
            ->setText(
                QStringLiteral("rudebot://office-laptop:47800/?fp=3f9a&key=pasted-only-half"));
        dialog.accept();
        shoot(file);
        return 0;
    }
    if (what == QLatin1String("remote-fullscreen")) {
        QTemporaryDir dir;
        qputenv("XDG_DATA_HOME", dir.filePath(QStringLiteral("data")).toUtf8());
        QSettings settings(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
        DesktopOptions options;
        options.demo = true;
        options.dark = args.contains(QStringLiteral("--dark"));
        DesktopApp desktop(&app, &settings, options);
        QString error;
        if (!desktop.start(&error))
            return 1;
        RemoteWindow *w = desktop.remoteWindow();
        if (!QTest::qWaitFor(
                [w] { return w->controlsEnabled() && !w->videoView()->frame().isNull(); }, 60000))
            return 1;
        w->setVideoFullScreen(true);
        QTest::qWait(800);
        w->videoView()->setZoom(2, {0.62, 0.5});
        QTest::qWait(1500);
        shoot(file);
        return 0;
    }
    qCritical("unknown screen %s", qPrintable(what));
    return 2;
}
