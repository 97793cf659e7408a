// The remote view on the real-time path, end to end: a real station (StationHost: the virtual
// rig running the real firmware, the timecode camera drawing the office) and the real remote
// window with its StationRigSession, in a network namespace of the test's own (libnice needs
// an interface that is not loopback). The view uses WebRTC and says so, with statistics on
// demand, in full screen and zoomed too; with UDP blocked it falls back to MJPEG and says
// why; and a click on a delayed picture of a turning rig aims from that picture's stamp, so
// the person clicked ends centred.
#include <QApplication>
#include <QLabel>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "desktop/app_settings.h"
#include "desktop/message_bar.h"
#include "desktop/remote_media_path.h"
#include "desktop/remote_window.h"
#include "desktop/station_rig_session.h"
#include "desktop/video_source.h"
#include "station/station_media_fixture.h"
#include "station/station_video.h"
#include "ui/video_stats_panel.h"
#include "ui/video_view.h"
#include "video/office_scene.h"
#include "video/virtual_camera.h"

using namespace rudebot;
using namespace media_fixture;

namespace {

const int kLong = 60000;

// Where a person's shirt is in a (compressed) frame: the mean x of the pixels close to its
// colour, or nothing when too few are seen. Shirt colours are far from everything else.
std::optional<double> shirtX(const QImage &frame, const QColor &shirt)
{
    const QImage img = frame.convertToFormat(QImage::Format_RGB32);
    double sum = 0;
    int n = 0;
    for (int y = img.height() / 3; y < img.height() * 5 / 6; y += 2) {
        const QRgb *row = reinterpret_cast<const QRgb *>(img.constScanLine(y));
        for (int x = 0; x < img.width(); ++x) {
            if (qAbs(qRed(row[x]) - shirt.red()) < 24 && qAbs(qGreen(row[x]) - shirt.green()) < 24
                && qAbs(qBlue(row[x]) - shirt.blue()) < 24) {
                sum += x;
                ++n;
            }
        }
    }
    if (n < 40)
        return std::nullopt;
    return sum / n;
}

}  // namespace

class TestRemoteMedia : public QObject {
    Q_OBJECT
private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_host = std::make_unique<StationHost>(stationSettings(m_dir->filePath("station")));
        QSignalSpy ready(m_host.get(), &StationHost::ready);
        QString error;
        QVERIFY2(m_host->start(&error), qPrintable(error));
        QVERIFY(ready.wait(kLong) || m_host->isReady());
        m_qsettings = std::make_unique<QSettings>(m_dir->filePath("s.ini"), QSettings::IniFormat);
        m_settings = std::make_unique<AppSettings>(m_qsettings.get());
        m_window = std::make_unique<RemoteWindow>(m_settings.get());
        m_window->resize(1100, 650);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }
    void cleanup()
    {
        m_window.reset();
        m_settings.reset();
        m_qsettings.reset();
        m_host.reset();
        QString error;
        blockUdp(false, &error);  // whether or not a case blocked it
        m_dir.reset();
    }

    void realTimePath_isUsed_saidSo_withStatistics_fullScreenAndZoom()
    {
        connectWindow();
        QTRY_COMPARE_WITH_TIMEOUT(
            m_window->pathIndicator()->text(), QStringLiteral("Real-time (WebRTC)"), kLong);
        QVERIFY(!m_window->videoSource()->isOpen());  // MJPEG closed: one path at a time
        QTRY_VERIFY_WITH_TIMEOUT(readTimecode(m_window->videoView()->frame()), kLong);

        m_window->statsAction()->trigger();
        QVERIFY(m_window->statsPanel()->isVisible());
        QSignalSpy stats(m_window->mediaPath(), &RemoteMediaPath::statisticsUpdated);
        QVERIFY(stats.wait(kLong) && stats.wait(kLong));
        const QString text = m_window->statsPanel()->text();
        QVERIFY2(text.contains("Real-time (WebRTC)") && text.contains("640×360")
                && text.contains("bit/s") && text.contains("ms"),
            qPrintable(text));
        qInfo("statistics panel:\n%s", qPrintable(text));

        // Full screen and digital zoom on this path: frames keep coming, clicks still aim.
        m_window->setVideoFullScreen(true);
        QVERIFY(m_window->isVideoFullScreen());
        m_window->videoView()->setZoom(2);
        const auto before = readTimecode(m_window->videoView()->frame());
        QVERIFY(before);
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const auto now = readTimecode(m_window->videoView()->frame());
                return now && !(*now == *before);
            }(),
            kLong);
        QVERIFY(m_window->statsPanel()->isVisible());
        m_window->setVideoFullScreen(false);
    }

    void udpBlocked_fallsBackToMjpeg_andSaysWhy()
    {
        QString error;
        QVERIFY2(blockUdp(true, &error,
                     QList<quint16>{m_host->station()->port(), m_host->video()->port()}),
            qPrintable(error));
        connectWindow();
        QTRY_VERIFY_WITH_TIMEOUT(m_window->mediaPath()->mediaClient()->state()
                == MediaClient::State::Failed,
            kLong);
        QCOMPARE(m_window->pathIndicator()->text(), QStringLiteral("MJPEG fallback"));
        QVERIFY2(m_window->messageBar()->text().contains("Real-time video is not available"),
            qPrintable(m_window->messageBar()->text()));
        const qint64 frames = m_window->videoSource()->framesReceived();
        QTRY_VERIFY_WITH_TIMEOUT(m_window->videoSource()->framesReceived() > frames + 5, kLong);
        m_window->statsAction()->trigger();
        QVERIFY2(m_window->statsPanel()->text().contains("MJPEG fallback"),
            qPrintable(m_window->statsPanel()->text()));
        qInfo("fallback: %s", qPrintable(m_window->pathIndicator()->toolTip()));
    }

    // The rig turns, the picture arrives late (held 1 s before painting, as on a slow link:
    // this kernel has no netem to delay packets), and the user clicks a
    // person on it: the turn is aimed from where the camera pointed for that picture, so the
    // person ends centred, where aiming from the rig's angle now would miss by turn rate x delay.
    void clickOnDelayedFrame_ofATurningRig_centresThePersonClicked()
    {
        m_window->mediaPath()->setPlayoutDelayMs(1000);
        connectWindow();
        QTRY_COMPARE_WITH_TIMEOUT(
            m_window->pathIndicator()->text(), QStringLiteral("Real-time (WebRTC)"), kLong);
        RigSession *session = m_window->session();
        session->setTargetLogical(-60);
        QTRY_VERIFY_WITH_TIMEOUT(session->snapshot().hasActual
                && qAbs(session->snapshot().actualLogical + 60) < 1
                && !session->snapshot().moving,
            kLong);
        QTRY_VERIFY_WITH_TIMEOUT(m_window->mediaPath()->paintedStamp()
                && qAbs(m_window->mediaPath()->paintedStamp()->logicalDeg + 60) < 1,
            kLong);  // the late picture has caught up too
        session->setTargetLogical(60);  // 120 degrees at 33 degrees a second

        // Mid-turn, on the picture on show: the first person seen between 25 % and 75 %.
        const QList<Person> people = OfficeScene::standardPeople();
        VideoView *view = m_window->videoView();
        std::optional<Person> clicked;
        double clickX = 0;
        std::optional<FrameStamp> stamp;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                stamp = m_window->mediaPath()->paintedStamp();
                if (!stamp || !stamp->hasAngle || stamp->logicalDeg < -40)
                    return false;
                for (const Person &p : people) {
                    const auto x = shirtX(view->frame(), p.shirt);
                    const double w = view->frame().width();
                    if (x && *x > 0.25 * w && *x < 0.75 * w && qAbs(*x - 0.5 * w) > 0.1 * w) {
                        clicked = p;
                        clickX = *x / w;
                        return true;
                    }
                }
                return false;
            }(),
            kLong);
        // Where the camera points now: the angle the virtual camera draws at (from the pulse).
        const double nowDeg = logicalFromServo(
            session->snapshot().calibration, m_host->virtualCamera()->servoAngle());
        QVERIFY2(session->snapshot().moving, "the rig must still be turning");
        const QPoint at = view->mapFromNormalized(QPointF(clickX, 0.5)).toPoint();
        QTest::mouseClick(view, Qt::LeftButton, {}, at);
        const double hfov = session->snapshot().calibration.hfovDeg;
        qInfo("clicked %s at %.0f %% of the width; picture taken at %.1f deg, rig now at %.1f deg "
              "(aiming from now would miss by %.1f deg, %.0f %% of the width)",
            qPrintable(clicked->name), clickX * 100, stamp->logicalDeg, nowDeg,
            nowDeg - stamp->logicalDeg, 100 * qAbs(nowDeg - stamp->logicalDeg) / hfov);
        // The test means something only if the delay matters more than the tolerance.
        QVERIFY(qAbs(nowDeg - stamp->logicalDeg) > 0.05 * hfov);

        QTRY_VERIFY_WITH_TIMEOUT(!m_window->pendingClickTarget(), kLong);  // arrived
        QTRY_VERIFY_WITH_TIMEOUT(!session->snapshot().moving, kLong);
        // A picture taken after the rig stopped.
        const qint64 stoppedAt = monotonicMs();
        QTRY_VERIFY_WITH_TIMEOUT(m_window->mediaPath()->paintedStamp()
                && m_window->mediaPath()->paintedStamp()->captureMs > stoppedAt + 200,
            kLong);
        const QImage after = view->frame();
        const auto x = shirtX(after, clicked->shirt);
        QVERIFY2(x, qPrintable(clicked->name + " is not in the picture after the turn"));
        const double off = qAbs(*x / after.width() - 0.5);
        qInfo("after the turn %s is %.1f %% of the width from the centre", qPrintable(clicked->name),
            off * 100);
        QVERIFY2(off < 0.05, qPrintable(QString::number(off)));
    }

private:
    void connectWindow()
    {
        m_window->setSession(std::make_unique<StationRigSession>(m_host->pairing(), "Rudy"));
        QTRY_COMPARE_WITH_TIMEOUT(m_window->session()->snapshot().status,
            SessionSnapshot::Status::Connected, kLong);
        QTRY_VERIFY_WITH_TIMEOUT(m_window->controlsEnabled(), kLong);
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<StationHost> m_host;
    std::unique_ptr<QSettings> m_qsettings;
    std::unique_ptr<AppSettings> m_settings;
    std::unique_ptr<RemoteWindow> m_window;
};

int main(int argc, char **argv)
{
    return runInNamespace<TestRemoteMedia, QApplication>(argc, argv, "rmd");
}

#include "tst_remote_media.moc"
