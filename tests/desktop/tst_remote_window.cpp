// The remote window against a fake rig session: it shows what the session publishes and sends
// what the user asks for (click to turn, presets, keys), and locks its controls when the office
// has them.
#include <QtTest>

#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QTemporaryDir>
#include <cmath>

#include "desktop/app_settings.h"
#include "desktop/connection_target.h"
#include "desktop/message_bar.h"
#include "desktop/remote_window.h"
#include "ui/presets_panel.h"
#include "ui/rig_dial.h"
#include "ui/video_view.h"

using namespace rudebot;

namespace {

// A real, small RigSession: records requests, publishes whatever the test says.
class FakeSession : public RigSession {
public:
    QList<double> targets;
    int stops = 0;
    QString rigId() const override { return QStringLiteral("fake-rig"); }
    QString describe() const override { return QStringLiteral("Fake rig"); }
    void start() override { }
    void stop() override { }
    void setTargetLogical(double deg) override { targets << deg; }
    void stopMotion() override { ++stops; }
    void set(const SessionSnapshot &s) { publish(s); }
    void emitRefused(const QString &r) { emit refused(r); }
};

SessionSnapshot connectedAt(double actual, double hfov = 60)
{
    SessionSnapshot s;
    s.status = SessionSnapshot::Status::Connected;
    s.statusText = QStringLiteral("Connected");
    s.hasActual = true;
    s.actualLogical = actual;
    s.hasTarget = true;
    s.targetLogical = actual;
    s.calibration.minLogicalDeg = -80;
    s.calibration.maxLogicalDeg = 80;
    s.calibration.hfovDeg = hfov;
    s.firmware = QStringLiteral("Rudebot firmware 1.0.0");
    s.rttMs = 4;
    return s;
}

QImage testFrame()
{
    QImage image(1280, 720, QImage::Format_RGB32);
    image.fill(QColor(90, 120, 150));
    return image;
}

}  // namespace

class TestRemoteWindow : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void messageBar_floatsOverThePicture_theVideoDoesNotMove();
    void startHint_offersConnectAndTheDemo();
    void overrideBanner_appearsAndDisablesControls();
    void parkLock_disablesControlsUntilUnlocked();
    void clickOnVideo_turnsByPinholeOffsetFromActualAngle_data();
    void clickOnVideo_turnsByPinholeOffsetFromActualAngle();
    void clickMarker_staysWhileMoving_clearedOnArrival();
    void clickPastLimit_goesDownAsClicked_markerClearsAtTheLimit();
    void dialHomeKey_sendsTheRigHome();
    void presetKeys_sendThePresetsAngle_data();
    void presetKeys_sendThePresetsAngle();
    void dial_requestGoesToSession();
    void stopButton_stopsAndClearsMarker();
    void refusal_isShownNonModally();
    void connectionPanel_showsStateRttAndFirmware();
    void notConnected_videoAreaSaysWhy_notTheVideoAddress_data();
    void recent_getsALinkOnlyOnceItConnected();
    void notConnected_videoAreaSaysWhy_notTheVideoAddress();

private:
    void clickPicture(double x, double y = 0.5);

    QTemporaryDir m_dir;
    std::unique_ptr<QSettings> m_qsettings;
    std::unique_ptr<AppSettings> m_settings;
    std::unique_ptr<RemoteWindow> m_window;
    FakeSession *m_session = nullptr;
};

void TestRemoteWindow::init()
{
    m_qsettings =
        std::make_unique<QSettings>(m_dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
    m_qsettings->clear();
    m_settings = std::make_unique<AppSettings>(m_qsettings.get());
    PresetList presets;
    QVERIFY(presets.add({QStringLiteral("Desk"), 20}));
    QVERIFY(presets.add({QStringLiteral("Whiteboard"), -35}));
    QVERIFY(presets.add({QStringLiteral("Door"), 70}));
    m_settings->setPresets(QStringLiteral("fake-rig"), presets);
    m_window = std::make_unique<RemoteWindow>(m_settings.get());
    auto session = std::make_unique<FakeSession>();
    m_session = session.get();
    m_window->setSession(std::move(session));
    m_window->resize(1100, 650);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_window->videoView()->setFrame(testFrame());
    m_session->set(connectedAt(0));
}

// A message appearing or going (the demo's hint, an error) used to push the picture down and
// back: a click aimed at a person then landed elsewhere.
void TestRemoteWindow::messageBar_floatsOverThePicture_theVideoDoesNotMove()
{
    QTest::qWait(50);  // the first layout
    const QRect before = m_window->videoView()->geometry();
    const QRectF picture = m_window->videoView()->pictureRect();
    m_window->messageBar()->showMessage(QStringLiteral("Demo running. Click a person…"),
        MessageBar::Kind::Info, 0);
    QTRY_VERIFY(m_window->messageBar()->isVisible());
    QCoreApplication::processEvents();
    QCOMPARE(m_window->videoView()->geometry(), before);
    QCOMPARE(m_window->videoView()->pictureRect(), picture);
    // Over the top of the video area, across its width, and on top of it.
    const QRect bar = m_window->messageBar()->geometry();
    QCOMPARE(bar.top(), before.top());
    QCOMPARE(bar.width(), before.width());
    QVERIFY(m_window->childAt(m_window->messageBar()->mapTo(m_window.get(), QPoint(bar.width() / 2, 5)))
        != m_window->videoView());
    m_window->messageBar()->dismiss();
    QCoreApplication::processEvents();
    QCOMPARE(m_window->videoView()->geometry(), before);
}

void TestRemoteWindow::startHint_offersConnectAndTheDemo()
{
    int demos = 0;
    m_window->showStartHint([&demos] { ++demos; });
    QCOMPARE(m_window->messageBar()->actionText(), QStringLiteral("Connect…"));
    QCOMPARE(m_window->messageBar()->secondActionText(), QStringLiteral("Start the demo"));
    m_window->messageBar()->triggerSecondAction();
    QCOMPARE(demos, 1);
    QVERIFY(m_window->messageBar()->text().isEmpty() || !m_window->messageBar()->isVisible());
    // The next message has only its own buttons.
    m_window->messageBar()->showMessage(QStringLiteral("Something else"));
    QVERIFY(m_window->messageBar()->secondActionText().isEmpty());
}

void TestRemoteWindow::cleanup()
{
    m_window.reset();
    m_settings.reset();
    m_qsettings.reset();
}

void TestRemoteWindow::clickPicture(double x, double y)
{
    VideoView *v = m_window->videoView();
    QTest::mouseClick(v, Qt::LeftButton, {}, v->mapFromNormalized({x, y}).toPoint());
}

void TestRemoteWindow::overrideBanner_appearsAndDisablesControls()
{
    QVERIFY(m_window->controlsEnabled());
    SessionSnapshot s = connectedAt(0);
    s.controlsLocked = true;
    s.lockMessage = QStringLiteral("Front desk in the office has taken control. You can watch; the "
                                   "controls come back when they release it.");
    m_session->set(s);
    QCOMPARE(m_window->videoView()->bannerText(), s.lockMessage);
    QCOMPARE(m_window->videoView()->bannerKind(), VideoView::BannerKind::Warning);
    QVERIFY(!m_window->dial()->isEnabled());
    QVERIFY(!m_window->presetsPanel()->isEnabled());
    QVERIFY(!m_window->stopButton()->isEnabled());

    clickPicture(0.9);
    QTest::keyClick(m_window.get(), Qt::Key_1);
    QVERIFY2(m_session->targets.isEmpty(), "no move may be sent while the office has control");
    QVERIFY(!m_window->videoView()->hasClickMarker());

    m_session->set(connectedAt(0));
    QVERIFY(m_window->videoView()->bannerText().isEmpty());
    QVERIFY(m_window->dial()->isEnabled());
    QVERIFY(m_window->presetsPanel()->isEnabled());
}

void TestRemoteWindow::parkLock_disablesControlsUntilUnlocked()
{
    SessionSnapshot s = connectedAt(0);
    s.controlsLocked = true;
    s.lockMessage = QStringLiteral("Front desk in the office has parked the camera for privacy.");
    m_session->set(s);
    QVERIFY(!m_window->controlsEnabled());
    QCOMPARE(m_window->videoView()->bannerText(), s.lockMessage);
    m_session->set(connectedAt(0));
    QVERIFY(m_window->controlsEnabled());
}

void TestRemoteWindow::clickOnVideo_turnsByPinholeOffsetFromActualAngle_data()
{
    QTest::addColumn<double>("hfov");
    QTest::addColumn<double>("actual");
    QTest::addColumn<double>("target");  // what the rig was last told: must not matter
    QTest::addColumn<double>("x");
    QTest::addColumn<double>("expected");
    // expected = actual + atan((x - 0.5) * 2 * tan(hfov / 2)), worked out by hand.
    QTest::newRow("60deg, right quarter") << 60.0 << 0.0 << 0.0 << 0.75 << 16.102113751;
    QTest::newRow("60deg, left edge zone") << 60.0 << 10.0 << 10.0 << 0.1 << 10.0 - 24.791281;
    QTest::newRow("90deg, x=0.9 is 38.66 not 36") << 90.0 << 0.0 << 0.0 << 0.9 << 38.659808;
    QTest::newRow("from actual, not target")
        << 60.0 << -20.0 << 30.0 << 0.75 << -20.0 + 16.102113751;
    QTest::newRow("centre is no turn") << 40.0 << 5.0 << 5.0 << 0.5 << 5.0;
}

void TestRemoteWindow::clickOnVideo_turnsByPinholeOffsetFromActualAngle()
{
    QFETCH(double, hfov);
    QFETCH(double, actual);
    QFETCH(double, target);
    QFETCH(double, x);
    QFETCH(double, expected);
    SessionSnapshot s = connectedAt(actual, hfov);
    s.targetLogical = target;
    m_session->set(s);
    clickPicture(x);
    QCOMPARE(m_session->targets.size(), 1);
    // The click lands on a whole pixel: allow what one pixel of a ~1000 px picture is worth.
    const double onePixelDeg = hfov / m_window->videoView()->pictureRect().width() * 1.5;
    QVERIFY2(std::abs(m_session->targets.first() - expected) < onePixelDeg,
        qPrintable(
            QStringLiteral("asked %1, expected %2").arg(m_session->targets.first()).arg(expected)));
    QVERIFY(m_window->videoView()->hasClickMarker() || x == 0.5);
}

void TestRemoteWindow::clickMarker_staysWhileMoving_clearedOnArrival()
{
    clickPicture(0.75);
    QVERIFY(m_window->videoView()->hasClickMarker());
    const double goal = m_session->targets.last();

    SessionSnapshot s = connectedAt(5);
    s.targetLogical = goal;
    s.moving = true;
    m_session->set(s);
    QVERIFY(m_window->videoView()->hasClickMarker());

    s.actualLogical = std::round(goal);  // within a degree, but still moving
    m_session->set(s);
    QVERIFY(m_window->videoView()->hasClickMarker());

    s.moving = false;
    m_session->set(s);
    QVERIFY(!m_window->videoView()->hasClickMarker());
}

// The window does not clamp what it sends (the rig client does, once); it knows where the rig
// will stop, says so, and keeps the marker until the rig is there.
void TestRemoteWindow::clickPastLimit_goesDownAsClicked_markerClearsAtTheLimit()
{
    m_session->set(connectedAt(70, 90));
    clickPicture(0.95);
    QCOMPARE(m_session->targets.size(), 1);
    const double expected = 70 + qRadiansToDegrees(std::atan(0.9));  // 112: past the limit
    QVERIFY2(std::abs(m_session->targets.first() - expected) < 0.2,  // the click lands on a pixel
        qPrintable(QString::number(m_session->targets.first())));
    QVERIFY(
        m_window->statusBar()->currentMessage().contains(QStringLiteral("past the rig's limit")));
    QVERIFY(m_window->videoView()->hasClickMarker());

    SessionSnapshot s = connectedAt(80, 90);  // the rig took its limit and arrived there
    s.targetLogical = 80;
    m_session->set(s);
    QVERIFY(!m_window->videoView()->hasClickMarker());
    QCOMPARE(m_window->dial()->targetAngle(), 80.0);
}

// The dial's Home key sends the rig home through the same path as every target.
void TestRemoteWindow::dialHomeKey_sendsTheRigHome()
{
    m_session->set(connectedAt(30));
    m_window->dial()->setFocus();
    QTest::keyClick(m_window->dial(), Qt::Key_Home);
    QCOMPARE(m_session->targets, QList<double>{0.0});
}

void TestRemoteWindow::presetKeys_sendThePresetsAngle_data()
{
    QTest::addColumn<int>("key");
    QTest::addColumn<double>("expected");
    QTest::newRow("1 Desk") << int(Qt::Key_1) << 20.0;
    QTest::newRow("2 Whiteboard") << int(Qt::Key_2) << -35.0;
    QTest::newRow("3 Door") << int(Qt::Key_3) << 70.0;
}

void TestRemoteWindow::presetKeys_sendThePresetsAngle()
{
    QFETCH(int, key);
    QFETCH(double, expected);
    QCOMPARE(m_window->presets().count(), 3);
    QApplication::setActiveWindow(m_window.get());
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QTest::keyClick(m_window.get(), Qt::Key(key));
    QTRY_COMPARE(m_session->targets, QList<double>{expected});  // a shortcut animates the click

    m_session->targets.clear();
    QTest::keyClick(m_window.get(), Qt::Key_9);  // no ninth preset: nothing happens
    QTest::qWait(300);
    QVERIFY(m_session->targets.isEmpty());
}

void TestRemoteWindow::dial_requestGoesToSession()
{
    m_window->dial()->setFocus();
    QTest::keyClick(m_window->dial(), Qt::Key_Right, Qt::ShiftModifier);
    QCOMPARE(m_session->targets, QList<double>{10.0});
}

void TestRemoteWindow::stopButton_stopsAndClearsMarker()
{
    clickPicture(0.8);
    QVERIFY(m_window->videoView()->hasClickMarker());
    QTest::mouseClick(m_window->stopButton(), Qt::LeftButton);
    QCOMPARE(m_session->stops, 1);
    QVERIFY(!m_window->videoView()->hasClickMarker());
}

void TestRemoteWindow::refusal_isShownNonModally()
{
    const QString reason = QStringLiteral("Rudy is turning the rig. Try again in a few seconds.");
    m_session->emitRefused(reason);
    QCOMPARE(m_window->messageBar()->text(), reason);
    QVERIFY(!QApplication::activeModalWidget());
}

void TestRemoteWindow::connectionPanel_showsStateRttAndFirmware()
{
    const QString text = [this] {
        QStringList all;
        for (const QLabel *l : m_window->findChildren<QLabel *>())
            all << l->text();
        return all.join('\n');
    }();
    QVERIFY(text.contains(QStringLiteral("Connected")));
    QVERIFY(text.contains(QStringLiteral("4 ms")));
    QVERIFY(text.contains(QStringLiteral("Rudebot firmware 1.0.0")));
}

void TestRemoteWindow::notConnected_videoAreaSaysWhy_notTheVideoAddress_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("statusText");
    QTest::addColumn<QString>("error");
    QTest::addColumn<QString>("expected");
    QTest::newRow("pairing rejected")
        << int(SessionSnapshot::Status::Rejected) << QStringLiteral("Pairing rejected") << QString()
        << QStringLiteral("Pairing rejected");
    QTest::newRow("certificate mismatch")
        << int(SessionSnapshot::Status::Disconnected) << QStringLiteral("Disconnected")
        << QStringLiteral("The station's certificate does not match the pairing link.")
        << QStringLiteral("certificate does not match");
}

void TestRemoteWindow::notConnected_videoAreaSaysWhy_notTheVideoAddress()
{
    QFETCH(int, status);
    QFETCH(QString, statusText);
    QFETCH(QString, error);
    QFETCH(QString, expected);
    SessionSnapshot s;
    s.status = SessionSnapshot::Status(status);
    s.statusText = statusText;
    m_session->set(s);
    if (!error.isEmpty())
        m_window->showError(error);
    const QString text = m_window->videoView()->placeholderText();
    QVERIFY2(text.contains(expected), qPrintable(text));
    QVERIFY2(!text.contains(QStringLiteral("Video address")), qPrintable(text));
    QCOMPARE(
        m_window->videoView()->idleTitle(), QStringLiteral("Not connected"));  // not "Waiting…"
    // Once connected without video, the address hint is the right one again.
    m_session->set(connectedAt(0));
    QVERIFY(m_window->videoView()->placeholderText().contains(QStringLiteral("Video address")));
    QCOMPARE(m_window->videoView()->idleTitle(), QStringLiteral("No video"));
}

// A failed link in Recent became the target of the next start's automatic reconnect.
void TestRemoteWindow::recent_getsALinkOnlyOnceItConnected()
{
    FakeSession *opened = nullptr;
    m_window->setSessionFactory([&opened](const ConnectionTarget &) {
        auto s = std::make_unique<FakeSession>();
        opened = s.get();
        return std::unique_ptr<RigSession>(std::move(s));
    });
    QString error;
    const auto bad = ConnectionTarget::fromString(QStringLiteral("bridge:10.0.0.5:7777"), &error);
    QVERIFY(bad);
    m_window->openConnection(*bad);
    QVERIFY(opened);
    SessionSnapshot rejected;
    rejected.status = SessionSnapshot::Status::Rejected;
    opened->set(rejected);
    QVERIFY(m_settings->recentConnections().isEmpty());

    const auto good = ConnectionTarget::fromString(QStringLiteral("bridge:10.0.0.6:7777"), &error);
    m_window->openConnection(*good);
    QVERIFY(m_settings->recentConnections().isEmpty());  // not yet
    opened->set(connectedAt(0));
    QCOMPARE(m_settings->recentConnections(), QStringList{good->toString()});
}

QTEST_MAIN(TestRemoteWindow)
#include "tst_remote_window.moc"
