// Not a test: puts one screen of the app on the display and screenshots it with
// `import -window root`, for the docs and for looking at changes (run under xvfb-run).
//   desktop_shots connect-error FILE [--dark]   the Connect dialog refusing a pasted link
#include <QApplication>
#include <QLineEdit>
#include <QProcess>
#include <QTest>

#include "desktop/connect_dialog.h"
#include "desktop/theme.h"

using namespace rudebot;

namespace {
void shoot(const QString &file)
{
    QTest::qWait(600);  // let repaints land
    QProcess::execute(QStringLiteral("import"), {QStringLiteral("-window"), QStringLiteral("root"), file});
}
} // namespace

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
            ->setText(QStringLiteral("rudebot://office-laptop:47800/?fp=3f9a&key=pasted-only-half"));
        dialog.accept();
        shoot(file);
        return 0;
    }
    qCritical("unknown screen %s", qPrintable(what));
    return 2;
}
