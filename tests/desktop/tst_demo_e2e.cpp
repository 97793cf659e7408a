// The demo, end to end, under a real X server: rudebot-sim running the real firmware at real
// time, the station over TLS and the virtual camera's MJPEG over HTTPS on 127.0.0.1, exactly as
// `rudebot --demo` builds them. A click on a named person in the remote view must bring that
// person to the centre of the picture once the rig stops, judged from the servo angle the
// simulator measured on pin 9. Screenshots of both views are saved and checked for video.
// Also prints launch -> first frame, frames per second and CPU time.
#include <QtTest>

#include <QApplication>
#include <QDir>
#include <QListWidget>
#include <QProcess>
#include <QSettings>
#include <QTemporaryDir>
#include <sys/resource.h>
#include <unistd.h>

#include "desktop/app_settings.h"
#include "desktop/demo.h"
#include "desktop/office_window.h"

#include "comms/rig_client.h"
#include "desktop/remote_window.h"
#include "desktop/station_rig_session.h"
#include "desktop/theme.h"
#include "desktop/video_source.h"
#include "station/station.h"
#include "ui/rig_dial.h"
#include "ui/video_view.h"
#include <QPushButton>

using namespace rudebot;

namespace {

double cpuSecondsSelf()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_utime.tv_sec + u.ru_stime.tv_sec + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// CPU seconds of our running children (the simulator): RUSAGE_CHILDREN only counts dead ones.
double cpuSecondsChildren()
{
    double total = 0;
    const QString self = QString::number(getpid());
    for (const QString &pid : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs)) {
        QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
        if (!f.open(QIODevice::ReadOnly))
            continue;
        const QByteArray stat = f.readAll();
        const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
        if (fields.size() > 13 && fields.at(1) == self.toLatin1())  // ppid, then utime, stime
            total += (fields.at(11).toDouble() + fields.at(12).toDouble()) / sysconf(_SC_CLK_TCK);
    }
    return total;
}

struct PictureStats {
    double variance = 0;  // of grey levels
    int distinctColours = 0;
};

PictureStats statsOf(const QImage &image)
{
    PictureStats s;
    QSet<QRgb> colours;
    double sum = 0, sum2 = 0;
    int n = 0;
    for (int y = 0; y < image.height(); y += 4)
        for (int x = 0; x < image.width(); x += 4) {
            const QRgb c = image.pixel(x, y);
            colours.insert(c & 0xf0f0f0);
            const double g = qGray(c);
            sum += g;
            sum2 += g * g;
            ++n;
        }
    if (n > 0)
        s.variance = sum2 / n - (sum / n) * (sum / n);
    s.distinctColours = int(colours.size());
    return s;
}

QString shotDir()
{
    const QString dir = QStringLiteral(RUDEBOT_SHOT_DIR);
    QDir().mkpath(dir);
    return dir;
}

}  // namespace

class TestDemoE2e : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void firstFrame_arrivesAndIsMeasured();
    void clickOnPerson_bringsThemToTheCentre();
    void officeOverride_showsBannerAndLocksRemote();
    void screenshots_showVideoInBothViews();
    void officeCalibrateButton_asksForTheWizard();

private:
    void checkVideoIn(QWidget *window, VideoView *view, const QString &name);

    QElapsedTimer m_launch;
    QTemporaryDir m_dir;
    std::unique_ptr<QSettings> m_qsettings;
    std::unique_ptr<AppSettings> m_settings;
    std::unique_ptr<DemoSystem> m_demo;
    std::unique_ptr<RemoteWindow> m_remote;
    std::unique_ptr<OfficeWindow> m_office;
    qint64 m_firstFrameMs = -1;
};

void TestDemoE2e::initTestCase()
{
    m_launch.start();
    m_qsettings =
        std::make_unique<QSettings>(m_dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
    m_settings = std::make_unique<AppSettings>(m_qsettings.get());
    applyTheme(*qApp, false);
    m_demo = std::make_unique<DemoSystem>();
    QSignalSpy ready(m_demo.get(), &DemoSystem::ready);
    QSignalSpy failed(m_demo.get(), &DemoSystem::failed);
    m_demo->start();
    QTRY_VERIFY2_WITH_TIMEOUT(!ready.isEmpty() || !failed.isEmpty(), "demo start", 30000);
    QVERIFY2(failed.isEmpty(), qPrintable(failed.value(0).value(0).toString()));

    m_remote = std::make_unique<RemoteWindow>(m_settings.get());
    connect(m_remote->videoSource(), &VideoSource::frameReady, this, [this] {
        if (m_firstFrameMs < 0)
            m_firstFrameMs = m_launch.elapsed();
    });
    m_remote->setSession(
        std::make_unique<StationRigSession>(m_demo->pairing(), QStringLiteral("E2E")));
    m_remote->resize(1180, 700);
    m_remote->move(0, 0);
    m_remote->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_remote.get()));
}

void TestDemoE2e::cleanupTestCase()
{
    m_office.reset();
    m_remote.reset();
    m_demo.reset();
}

void TestDemoE2e::firstFrame_arrivesAndIsMeasured()
{
    QTRY_VERIFY_WITH_TIMEOUT(m_firstFrameMs >= 0, 30000);
    QTRY_VERIFY_WITH_TIMEOUT(m_remote->controlsEnabled(), 30000);
    QTRY_VERIFY_WITH_TIMEOUT(m_remote->session()->snapshot().hasActual, 30000);
    qInfo("launch -> first video frame: %lld ms", m_firstFrameMs);

    // Frame rate and CPU over 5 s of steady watching.
    // The view's count: once the real-time path is live, MJPEG stops.
    const qint64 framesBefore = m_remote->videoView()->framesShown();
    const double cpuBefore = cpuSecondsSelf(), childBefore = cpuSecondsChildren();
    QElapsedTimer t;
    t.start();
    QTest::qWait(5000);
    const double seconds = t.elapsed() / 1000.0;
    const double fps = (m_remote->videoView()->framesShown() - framesBefore) / seconds;
    const double cpu = (cpuSecondsSelf() - cpuBefore) / seconds * 100;
    const double child = (cpuSecondsChildren() - childBefore) / seconds * 100;
    qInfo("video: %.1f fps shown (camera set to %.0f fps), view shows %.1f fps", fps,
        m_demo->camera()->settings().fps, m_remote->videoView()->framesPerSecond());
    qInfo("CPU over 5 s: app process %.0f %% of one core (camera, station, TLS, JPEG both ways, "
          "widgets), rudebot-sim %.0f %%",
        cpu, child);
    QVERIFY2(fps > 5, "the video must flow");
}

void TestDemoE2e::clickOnPerson_bringsThemToTheCentre()
{
    const VirtualCamera *camera = m_demo->camera();
    const QSize size = camera->settings().resolution;
    const double hfov = camera->settings().hfovDeg;
    const auto people = camera->scene().people();
    const auto dev = std::find_if(people.begin(), people.end(),
        [](const Person &p) { return p.name == QLatin1String("Dev"); });
    QVERIFY(dev != people.end());

    // Wait for the rig to rest, then find Dev in the picture the user sees.
    QTRY_VERIFY_WITH_TIMEOUT(m_demo->rig()->hasActualAngle() && !m_demo->rig()->isMoving(), 30000);
    const double yawBefore =
        VirtualCamera::yawForServo(camera->settings(), m_demo->measuredServoDeg());
    const auto xBefore = OfficeScene::screenX(*dev, size, yawBefore, hfov);
    QVERIFY2(xBefore, "Dev must be visible at the start");
    QVERIFY2(
        std::abs(*xBefore - size.width() / 2.0) > 0.1 * size.width(), "Dev must start off-centre");

    VideoView *view = m_remote->videoView();
    const QPointF at = view->mapFromNormalized({*xBefore / size.width(), 0.55});
    QTest::mouseClick(view, Qt::LeftButton, {}, at.toPoint());
    QVERIFY(view->hasClickMarker());
    QVERIFY(m_remote->pendingClickTarget().has_value());

    // The marker goes when the rig has arrived; the servo (measured on pin 9) must stop too.
    QTRY_VERIFY_WITH_TIMEOUT(!view->hasClickMarker(), 30000);
    QTRY_VERIFY_WITH_TIMEOUT(m_demo->rig()->isAtTarget() && !m_demo->rig()->isMoving(), 30000);
    QTest::qWait(300);  // the last pulse measurement
    const double servo = m_demo->measuredServoDeg();
    const double yawAfter = VirtualCamera::yawForServo(camera->settings(), servo);
    const auto xAfter = OfficeScene::screenX(*dev, size, yawAfter, hfov);
    QVERIFY(xAfter);
    const double off = std::abs(*xAfter - size.width() / 2.0) / size.width();
    qInfo("Dev: x %.0f px before, %.1f px after (centre %d): %.2f %% of the width off centre; "
          "servo %.2f deg",
        *xBefore, *xAfter, size.width() / 2, off * 100, servo);
    QVERIFY2(off < 0.05, "the clicked person must end within 5 % of the width from the centre");
}

void TestDemoE2e::officeOverride_showsBannerAndLocksRemote()
{
    m_demo->station()->takeOverride(QStringLiteral("Front desk"));
    QTRY_VERIFY_WITH_TIMEOUT(!m_remote->controlsEnabled(), 10000);
    QVERIFY(m_remote->videoView()->bannerText().startsWith(QStringLiteral(
        "Front desk in the office has taken control. You can watch; the controls come "
        "back when they release it.")));
    QVERIFY(!m_remote->dial()->isEnabled());
    m_demo->station()->releaseOverride();
    QTRY_VERIFY_WITH_TIMEOUT(m_remote->controlsEnabled(), 10000);
    QVERIFY(m_remote->videoView()->bannerText().isEmpty());
}

void TestDemoE2e::checkVideoIn(QWidget *window, VideoView *view, const QString &name)
{
    const QImage shot = window->grab().toImage();
    const QString file = QDir(shotDir()).filePath(name + QStringLiteral(".png"));
    QVERIFY(shot.save(file));
    const QRect picture =
        view->pictureRect().toRect().translated(view->mapTo(window, QPoint(0, 0)));
    const qreal dpr = shot.devicePixelRatio();
    const QImage region = shot.copy(QRect(picture.topLeft() * dpr, picture.size() * dpr));
    const PictureStats s = statsOf(region);
    qInfo("%s: %s, picture %dx%d, grey variance %.0f, %d colours", qPrintable(name),
        qPrintable(file), region.width(), region.height(), s.variance, s.distinctColours);
    QVERIFY2(!region.isNull() && region.width() > 200, "the picture area must be there");
    QVERIFY2(s.variance > 200 && s.distinctColours > 50,
        "the picture area must hold video, not a blank");
}

void TestDemoE2e::screenshots_showVideoInBothViews()
{
    m_office = std::make_unique<OfficeWindow>(
        m_demo->station(), m_demo->rig(), m_demo->pairing(), m_settings.get());
    connect(m_demo->camera(), &VirtualCamera::frameReady, m_office.get(),
        &OfficeWindow::setPreviewFrame);
    m_office->resize(1100, 680);
    m_office->move(120, 80);
    m_office->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_office.get()));
    QTRY_VERIFY_WITH_TIMEOUT(!m_office->preview()->frame().isNull(), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(m_office->clientList()->count() > 0
            && m_office->clientList()->item(0)->text().contains(QStringLiteral("E2E")),
        10000);
    // The demo's remote uses the shared link: the office is told its name is only a claim.
    QVERIFY2(m_office->clientList()->item(0)->text().contains(QStringLiteral("shared link")),
        qPrintable(m_office->clientList()->item(0)->text()));

    for (const bool dark : {false, true}) {
        applyTheme(*qApp, dark);
        QTest::qWait(400);  // a few frames in the new look
        const QString suffix = dark ? QStringLiteral("-dark") : QString();
        checkVideoIn(m_remote.get(), m_remote->videoView(), QStringLiteral("remote-view") + suffix);
        checkVideoIn(m_office.get(), m_office->preview(), QStringLiteral("office-view") + suffix);
        if (qEnvironmentVariableIsSet("DISPLAY")) {
            m_remote->raise();
            QTest::qWait(200);
            const QString root =
                QDir(shotDir()).filePath(QStringLiteral("screen%1.png").arg(suffix));
            const int rc = QProcess::execute(QStringLiteral("import"),
                {QStringLiteral("-window"), QStringLiteral("root"), root});
            if (rc == 0)
                qInfo("screen capture: %s", qPrintable(root));
            else
                qWarning("import -window root failed (%d); ImageMagick missing?", rc);
        }
    }
    applyTheme(*qApp, false);
}

void TestDemoE2e::officeCalibrateButton_asksForTheWizard()
{
    QVERIFY(m_office);
    QPushButton *calibrate = nullptr;
    for (QPushButton *b : m_office->findChildren<QPushButton *>())
        if (b->text() == QStringLiteral("Calibrate rig…"))
            calibrate = b;
    QVERIFY(calibrate);
    QSignalSpy asked(m_office.get(), &OfficeWindow::calibrateRequested);
    QTest::mouseClick(calibrate, Qt::LeftButton);
    QCOMPARE(asked.size(), 1);
}

QTEST_MAIN(TestDemoE2e)
#include "tst_demo_e2e.moc"
