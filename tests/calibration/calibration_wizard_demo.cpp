// Not a test: the calibration wizard on the virtual rig and camera, to try by hand.
//   calibration_wizard_demo            the wizard, for you to click through
//   calibration_wizard_demo --shots DIR   drives it like the integration test and runs
//                                      `import -window root DIR/<page>.png` on each page
//                                      (run under xvfb-run; see PLATFORM-NOTES.md)
//   --no-camera                        no frames reach the wizard (the shots stop after
//                                      the direction step, which then asks about the rig)
#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QSpinBox>

#include "calibration/page_fov.h"
#include "calibration/page_speed.h"
#include "calibration_bench.h"

using namespace rudebot;

namespace {

void shoot(const QString &dir, const QString &name)
{
    QTest::qWait(700);  // let frames and repaints land
    const QString path = QDir(dir).filePath(name + QStringLiteral(".png"));
    QProcess::execute(
        QStringLiteral("import"), {QStringLiteral("-window"), QStringLiteral("root"), path});
    qInfo("screenshot %s", qPrintable(path));
}

bool drive(CalibrationBench &bench, CalibrationWizard *w, const QString &dir, bool noCamera)
{
    using B = CalibrationBench;
    if (!bench.waitReady())
        return false;
    shoot(dir, QStringLiteral("01-connect"));
    B::next(w);
    shoot(dir, QStringLiteral("02-firmware"));
    B::next(w);
    auto *dial = B::find<RigDial>(w, "jogDial");
    bench.jogWithKeys(dial, bench.servo(), 40);
    B::click(B::find<QPushButton>(w, "markLeft"));
    bench.jogWithKeys(dial, 40, 150);
    B::click(B::find<QPushButton>(w, "markRight"));
    bench.jogWithKeys(dial, 150, 120);
    shoot(dir, QStringLiteral("03-limits"));
    B::next(w);
    dial = B::find<RigDial>(w, "jogDial");
    bench.jogWithKeys(dial, 120, 95);
    B::click(B::find<QPushButton>(w, "markHome"));
    shoot(dir, QStringLiteral("04-home"));
    B::next(w);
    bench.rig.waitForAngle(40, 0.5, 20000);  // the suggested park: the end farthest from home
    shoot(dir, QStringLiteral("04b-park"));
    B::next(w);
    auto *left = B::find<QPushButton>(w, "movedLeft");
    if (!QTest::qWaitFor([&] { return left->isEnabled(); }, 30000))
        return false;
    shoot(dir, QStringLiteral("05-direction"));
    if (noCamera)
        return true;
    B::click(B::find<QPushButton>(w, "movedRight"));
    B::next(w);
    auto *fov = qobject_cast<PageFov *>(w->currentPage());
    auto *video = B::find<VideoView>(w, "fovVideo");
    if (!QTest::qWaitFor([&] { return fov->stage() == PageFov::Stage::FirstClick; }, 30000))
        return false;
    B::clickPicture(video, {bench.personX(QStringLiteral("Dev")), 0.45});
    if (!QTest::qWaitFor([&] { return fov->stage() == PageFov::Stage::SecondClick; }, 30000))
        return false;
    shoot(dir, QStringLiteral("06-fov-second-click"));
    B::clickPicture(video, {bench.personX(QStringLiteral("Dev")), 0.45});
    QTest::qWait(300);
    shoot(dir, QStringLiteral("07-fov-result"));
    B::next(w);
    auto *speed = qobject_cast<PageSpeed *>(w->currentPage());
    B::find<QSpinBox>(w, "speedSpin")->setValue(60);
    B::click(B::find<QPushButton>(w, "trySpeed"));
    if (!QTest::qWaitFor([&] { return speed->measuredMs() > 0; }, 30000))
        return false;
    shoot(dir, QStringLiteral("08-speed"));
    B::next(w);
    auto *name = B::find<QLineEdit>(w, "profileName");
    name->selectAll();
    QTest::keyClicks(name, QStringLiteral("Team table"));
    shoot(dir, QStringLiteral("09-summary"));
    return true;
}

}  // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({QStringLiteral("shots"),
        QStringLiteral("Drive the wizard, screenshot into DIR."), QStringLiteral("DIR")});
    parser.addOption({QStringLiteral("dark"), QStringLiteral("Dark palette.")});
    parser.addOption({QStringLiteral("no-camera"), QStringLiteral("No frames reach the wizard.")});
    parser.process(app);
    app.setStyle(QStringLiteral("Fusion"));

    CalibrationBench bench;
    QString error;
    if (!bench.start(&error)) {
        qCritical("%s", qPrintable(error));
        return 1;
    }
    const bool noCamera = parser.isSet(QStringLiteral("no-camera"));
    if (noCamera)
        bench.camera.stop();
    auto wizard = bench.makeWizard();
    wizard->move(40, 30);
    wizard->show();
    if (!parser.isSet(QStringLiteral("shots")))
        return app.exec();
    QDir().mkpath(parser.value(QStringLiteral("shots")));
    const bool ok = drive(bench, wizard.get(), parser.value(QStringLiteral("shots")), noCamera);
    return ok ? 0 : 1;
}
