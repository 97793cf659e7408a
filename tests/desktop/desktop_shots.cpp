// Not a test: puts one screen of the app on the display and screenshots it with
// `import -window root`, for the docs and for looking at changes (run under xvfb-run).
//   desktop_shots connect-error FILE [--dark]   the Connect dialog refusing a pasted link
//   desktop_shots remote-fullscreen FILE [--dark]  the demo's remote view in full screen, zoomed 2×
//   desktop_shots remote-presets FILE [--dark]  the demo's remote view: presets with their
//                                               pictures, a slower speed chosen
//   desktop_shots office-unchecked FILE [--dark]  the office view on a rig never calibrated here
//                                  (the virtual rig behind a serial port; port 47800)
//   desktop_shots remote-unchecked FILE [--dark]  the remote view of a rig whose direction
//                                  nobody checked (the demo's station told so for the shot)
//   desktop_shots remote-override FILE [--dark]  the remote view while the office has control
//   desktop_shots trust DIR [--dark]  the demo's remote and office windows (grabbed, into DIR):
//                                  asking for control, granting it, the turn notice, pausing
//   desktop_shots remote-stats FILE [--dark] [--mjpeg] [--message TEXT]  the statistics panel
//                                  (Ctrl+I) on the real-time path, or on MJPEG with the
//                                  station's media off; with TEXT in the message bar above it
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSlider>
#include <QProcess>
#include <QTest>
#include <cmath>

#include <QSettings>
#include <QTemporaryDir>

#include "desktop/connect_dialog.h"
#include "desktop/control_asks_panel.h"
#include "desktop/desktop_app.h"
#include "desktop/demo.h"
#include "desktop/message_bar.h"
#include "desktop/office_window.h"
#include "calibration/calibration_wizard.h"
#include "support/virtual_rig.h"
#include "support/visible_top_level.h"
#include "desktop/remote_media_path.h"
#include "desktop/remote_window.h"
#include "station/station.h"
#include "ui/presets_panel.h"
#include "ui/rig_dial.h"
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
    if (what == QLatin1String("trust")) {
        QTemporaryDir dir;
        qputenv("XDG_DATA_HOME", dir.filePath(QStringLiteral("data")).toUtf8());
        QSettings settings(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
        DesktopOptions options;
        options.demo = true;
        options.office = true;
        options.dark = args.contains(QStringLiteral("--dark"));
        DesktopApp desktop(&app, &settings, options);
        QString error;
        if (!desktop.start(&error))
            return 1;
        RemoteWindow *w = desktop.remoteWindow();
        w->resize(1180, 700);
        if (!QTest::qWaitFor([&] { return w->controlsEnabled() && desktop.officeWindow()
                                          && !w->videoView()->frame().isNull(); }, 60000))
            return 1;
        OfficeWindow *office = desktop.officeWindow();
        w->messageBar()->dismiss();
        auto grab = [&file](QWidget *window, const char *name) {
            QTest::qWait(1500);  // a few frames after the last change
            window->grab().save(file + QLatin1Char('/') + QLatin1String(name));
        };
        desktop.demo()->station()->takeOverride(QStringLiteral("Front desk"));
        auto *ask = w->findChild<QPushButton *>(QStringLiteral("askForControl"));
        if (!QTest::qWaitFor([ask] { return ask->isVisible() && ask->isEnabled(); }, 30000))
            return 1;
        ask->click();
        grab(w, "guide-remote-ask.png");
        if (!QTest::qWaitFor([office] { return office->controlAsks()->isVisible(); }, 30000))
            return 1;
        grab(office, "guide-office-ask.png");
        for (QPushButton *b : office->controlAsks()->findChildren<QPushButton *>())
            if (b->objectName().startsWith(QLatin1String("grant-")))
                b->click();
        if (!QTest::qWaitFor([w] { return w->controlsEnabled(); }, 30000))
            return 1;
        grab(w, "guide-remote-granted.png");
        w->dial()->targetRequested(-25);
        if (!QTest::qWaitFor([office] { return office->turnNotice()->isVisible(); }, 30000))
            return 1;
        grab(office, "guide-office-turning.png");
        office->pauseVideoButton()->click();
        if (!QTest::qWaitFor([office] { return office->pauseVideoButton()->isChecked(); }, 30000))
            return 1;
        grab(office, "guide-office-paused.png");
        grab(w, "guide-remote-paused.png");
        return 0;
    }
    if (what == QLatin1String("remote-override") || what == QLatin1String("remote-stats")) {
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
        const bool mjpeg = args.contains(QStringLiteral("--mjpeg"));
        // Once the station runs and before the remote asks: the request is refused, the remote
        // falls back and says so.
        if (mjpeg) {
            if (!QTest::qWaitFor([&desktop] { return desktop.demo()->station() != nullptr; }, 30000))
                return 1;
            desktop.demo()->station()->setMediaAvailable(false);
        }
        RemoteWindow *w = desktop.remoteWindow();
        w->resize(1180, 700);
        w->move(0, 0);
        if (!QTest::qWaitFor(
                [w] { return w->controlsEnabled() && !w->videoView()->frame().isNull(); }, 60000))
            return 1;
        w->messageBar()->dismiss();  // the demo's greeting
        if (what == QLatin1String("remote-override")) {
            desktop.demo()->station()->takeOverride(QStringLiteral("Front desk"));
            if (!QTest::qWaitFor([w] { return !w->controlsEnabled(); }, 30000))
                return 1;
        } else {
            if (!mjpeg && !QTest::qWaitFor([w] { return w->mediaPath()->isRealTime(); }, 30000))
                return 1;
            w->statsAction()->trigger();
            const int message = args.indexOf(QStringLiteral("--message"));
            if (message > 0 && message + 1 < args.size())
                w->messageBar()->showMessage(args.at(message + 1), MessageBar::Kind::Warning);
            QTest::qWait(2500);  // a second's statistics
        }
        QTest::qWait(1500);
        shoot(file);
        return 0;
    }
    if (what == QLatin1String("remote-presets") || what == QLatin1String("remote-unchecked")) {
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
        w->resize(1180, 700);
        w->move(0, 0);
        if (!QTest::qWaitFor(
                [w] { return w->controlsEnabled() && !w->videoView()->frame().isNull(); }, 60000))
            return 1;
        if (what == QLatin1String("remote-unchecked")) {
            desktop.demo()->station()->setDirectionChecked(false);
            QTest::qWait(2500);
            shoot(file);
            return 0;
        }
        // Turn to each place and add it as a preset, as a user would: the picture is taken then.
        const QList<QPair<QString, double>> places{
            {QStringLiteral("Dev desk"), -28}, {QStringLiteral("Whiteboard"), 12},
            {QStringLiteral("Door"), 40}};
        for (const auto &[name, deg] : places) {
            w->dial()->targetRequested(deg);
            if (!QTest::qWaitFor([w, deg = deg] { return std::abs(w->dial()->actualAngle() - deg) < 1; },
                    30000))
                return 1;
            QTest::qWait(2500);  // the picture catches up with the rig
            w->presetsPanel()->setNamePrompt(
                [name = name](QWidget *, const QString &, const QString &, const QString &) {
                    return std::optional<QString>(name);
                });
            w->presetsPanel()->findChild<QPushButton *>(QStringLiteral("addPreset"))->click();
        }
        w->findChild<QSlider *>(QStringLiteral("turningSpeed"))->setValue(20);
        w->presetsPanel()->buttonAt(1)->click();
        QTest::qWait(5000);
        w->messageBar()->dismiss();  // the demo's greeting: not part of the view
        shoot(file);
        return 0;
    }
    if (what == QLatin1String("office-unchecked")) {
        VirtualRig rig;
        VirtualRig::Options o;
        o.extraArgs = {"--hold"};
        if (!rig.start(o))
            return 1;
        QTemporaryDir dir;
        QSettings settings(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
        DesktopOptions options;
        options.office = true;
        options.officeAddress = QHostAddress::LocalHost;
        options.officePort = 0;
        options.dark = args.contains(QStringLiteral("--dark"));
        options.connect = QStringLiteral("serial:") + rig.linkPath();
        options.stationData = dir.filePath(QStringLiteral("station"));
        DesktopApp desktop(&app, &settings, options);
        QString error;
        if (!desktop.start(&error))
            return 1;
        // A rig never calibrated here opens the wizard; closed, the office view asks for it.
        if (!QTest::qWaitFor([] { return test::visibleTopLevel<CalibrationWizard>() != nullptr; }, 30000))
            return 1;
        test::visibleTopLevel<CalibrationWizard>()->reject();
        OfficeWindow *office = desktop.officeWindow();
        office->move(0, 0);
        if (!QTest::qWaitFor([office] { return office->messageBar()->actionText() == QStringLiteral("Calibrate rig…"); }, 30000))
            return 1;
        QTest::qWait(1500);
        shoot(file);
        return 0;
    }
    qCritical("unknown screen %s", qPrintable(what));
    return 2;
}
