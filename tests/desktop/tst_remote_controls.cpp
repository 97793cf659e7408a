// The remote view's controls against a small real RigSession that records what it is asked
// and publishes what the test says: press-and-hold turning (on-video arrows and held keys,
// stopping on release, on focus loss and when the connection stalls), Stop/Esc bringing the
// dial's target to where the rig is, feedback for a preset key with no preset, the Rig menu.
#include <QtTest>

#include <QAction>
#include <QLabel>
#include <QSlider>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QTemporaryDir>
#include <QToolButton>

#include "desktop/app_settings.h"
#include "desktop/hold_to_turn.h"
#include "desktop/message_bar.h"
#include "desktop/remote_window.h"
#include "support/keyboard_reach.h"
#include "ui/click_to_turn.h"
#include "ui/pan_arrows.h"
#include "ui/rig_dial.h"
#include "ui/video_view.h"
#include "fake_session.h"

using namespace rudebot;

namespace {


SessionSnapshot at(double actual, double target)
{
    SessionSnapshot s;
    s.status = SessionSnapshot::Status::Connected;
    s.statusText = QStringLiteral("Connected");
    s.hasActual = true;
    s.actualLogical = actual;
    s.hasTarget = true;
    s.targetLogical = target;
    s.calibration.minLogicalDeg = -80;
    s.calibration.maxLogicalDeg = 80;
    s.calibration.hfovDeg = 60;
    return s;
}

}  // namespace

class TestRemoteControls : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void holdArrow_turnsContinuouslyAheadOfTheRig_stopsOnRelease();
    void heldKey_onThePicture_turnsAndStopsOnRelease();
    void heldKey_focusLoss_stops();
    void hold_connectionStalls_stopsAndSaysSo();
    void esc_stops_andTheDialShowsWhereTheRigIs();
    void presetKeyWithoutPreset_saysSo();
    void rigMenu_hasTheRigsCommands();
    void everyControl_reachableByTabAndNamed();
    void zoomedClick_turnsToTheSpotClicked();
    void fullScreen_f11AndDoubleClick_dialAndPresetsOverTheVideo();
    void uncheckedDirection_isSaidOnce_andGoesWhenChecked();
    void uncheckedDirection_warningGoesWhenTheOfficeChecksIt();
    void speed_sliderUpToTheRigsLimit_sentAndKeptPerRig();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<QSettings> m_qs;
    std::unique_ptr<AppSettings> m_settings;
    std::unique_ptr<RemoteWindow> m_window;
    FakeSession *m_session = nullptr;
};

void TestRemoteControls::init()
{
    m_qs =
        std::make_unique<QSettings>(m_dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
    m_qs->clear();
    m_settings = std::make_unique<AppSettings>(m_qs.get());
    m_window = std::make_unique<RemoteWindow>(m_settings.get());
    auto session = std::make_unique<FakeSession>();
    m_session = session.get();
    m_window->setSession(std::move(session));
    m_session->set(at(0, 0));
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
}

void TestRemoteControls::cleanup()
{
    m_window.reset();
    m_session = nullptr;
}

void TestRemoteControls::holdArrow_turnsContinuouslyAheadOfTheRig_stopsOnRelease()
{
    QToolButton *right = m_window->panArrows()->rightButton();
    QVERIFY(right->isVisible() && right->isEnabled());
    QTest::mousePress(right, Qt::LeftButton);
    QTRY_VERIFY(!m_session->targets.isEmpty());
    QCOMPARE(m_session->targets.last(), HoldToTurn::kLeadDeg);
    // The rig follows; the target keeps a small lead, never more.
    for (double actual : {3.0, 7.0, 12.0}) {
        m_session->set(at(actual, m_session->targets.last()));
        QTRY_COMPARE(m_session->targets.last(), actual + HoldToTurn::kLeadDeg);
    }
    QCOMPARE(m_session->stops, 0);
    QTest::mouseRelease(right, Qt::LeftButton);
    QCOMPARE(m_session->stops, 1);
    const int sent = int(m_session->targets.size());
    QTest::qWait(3 * HoldToTurn::kStepMs);
    QCOMPARE(int(m_session->targets.size()), sent);  // nothing more once let go
    // Up against the limit: the target stops at it.
    m_session->set(at(78, 78));
    QTest::mousePress(right, Qt::LeftButton);
    QTRY_COMPARE(m_session->targets.last(), 80.0);
    QTest::mouseRelease(right, Qt::LeftButton);
}

void TestRemoteControls::heldKey_onThePicture_turnsAndStopsOnRelease()
{
    VideoView *video = m_window->videoView();
    video->setFocus();
    QTRY_VERIFY(video->hasFocus());
    QTest::keyPress(video, Qt::Key_Left);
    QTRY_VERIFY(!m_session->targets.isEmpty());
    QCOMPARE(m_session->targets.last(), -HoldToTurn::kLeadDeg);
    QCOMPARE(m_window->dial()->targetAngle(), -HoldToTurn::kLeadDeg);
    // Auto-repeat while held changes nothing; the real release stops.
    QKeyEvent repeat(QEvent::KeyRelease, Qt::Key_Left, Qt::NoModifier, QString(), true);
    QCoreApplication::sendEvent(video, &repeat);
    QCOMPARE(m_session->stops, 0);
    QTest::keyRelease(video, Qt::Key_Left);
    QCOMPARE(m_session->stops, 1);
}

void TestRemoteControls::heldKey_focusLoss_stops()
{
    VideoView *video = m_window->videoView();
    video->setFocus();
    QTRY_VERIFY(video->hasFocus());
    QTest::keyPress(video, Qt::Key_Right);
    QTRY_VERIFY(!m_session->targets.isEmpty());
    m_window->dial()->setFocus();  // the release will never reach the picture
    QTRY_COMPARE(m_session->stops, 1);
    QVERIFY(!m_window->holdToTurn()->isHolding());
}

void TestRemoteControls::hold_connectionStalls_stopsAndSaysSo()
{
    QToolButton *left = m_window->panArrows()->leftButton();
    QTest::mousePress(left, Qt::LeftButton);
    QTRY_VERIFY(!m_session->targets.isEmpty());
    // No snapshot from now on: the rig is not heard of while it has ground to cover.
    QTRY_VERIFY_WITH_TIMEOUT(m_session->stops == 1, 5000);
    QVERIFY(!m_window->holdToTurn()->isHolding());
    QVERIFY2(m_window->messageBar()->text().contains(QStringLiteral("stalled")),
        qPrintable(m_window->messageBar()->text()));
    QTest::mouseRelease(left, Qt::LeftButton);
    QCOMPARE(m_session->stops, 1);  // already stopped
}

void TestRemoteControls::esc_stops_andTheDialShowsWhereTheRigIs()
{
    m_session->set(at(-2, -74));  // turning to 74° left, at 2° left now
    QCOMPARE(m_window->dial()->targetAngle(), -74.0);
    // The mouse resting on the dial must not keep the old target either.
    QTest::mouseMove(m_window->dial());
    QTest::keyClick(m_window.get(), Qt::Key_Escape);
    QCOMPARE(m_session->stops, 1);
    QCOMPARE(m_window->dial()->targetAngle(), -2.0);
    m_session->set(at(-3, -3));  // the station's report after the stop
    QCOMPARE(m_window->dial()->targetAngle(), -3.0);
}

void TestRemoteControls::presetKeyWithoutPreset_saysSo()
{
    QTest::keyClick(m_window.get(), Qt::Key_4);
    QVERIFY(m_session->targets.isEmpty());
    QVERIFY2(m_window->messageBar()->text().contains(QStringLiteral("No preset 4 yet")),
        qPrintable(m_window->messageBar()->text()));
}

void TestRemoteControls::rigMenu_hasTheRigsCommands()
{
    QStringList names;
    for (QAction *a : m_window->rigMenu()->actions())
        if (!a->isSeparator())
            names << a->text().remove(QLatin1Char('&'));
    for (const char *expected : {"Stop", "Home", "Park", "Turn left 10°", "Turn right 10°",
             "Go to preset", "Add preset here…"})
        QVERIFY2(names.contains(QString::fromUtf8(expected)),
            qPrintable(names.join(QStringLiteral(", "))));
    QAction *right = nullptr;
    for (QAction *a : m_window->rigMenu()->actions())
        if (a->text() == QStringLiteral("Turn &right 10°"))
            right = a;
    QVERIFY(right);
    right->trigger();
    QCOMPARE(m_session->targets, QList<double>{10});
}

void TestRemoteControls::everyControl_reachableByTabAndNamed()
{
    const QStringList problems = keyboard_reach::problems(m_window.get());
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QStringLiteral("; "))));
}

void TestRemoteControls::zoomedClick_turnsToTheSpotClicked()
{
    VideoView *video = m_window->videoView();
    QImage frame(1280, 720, QImage::Format_RGB32);
    frame.fill(Qt::darkCyan);
    video->setFrame(frame);
    video->setZoom(2, {0.5, 0.5});
    // Halfway from the centre to the right edge of the zoomed picture: a quarter of the part on
    // show right of the centre, 0.625 of the frame (View › Fill the window trims that part).
    const QRectF shown = video->visibleRegion();
    QVERIFY(shown.width() < 0.51);
    const double x = 0.5 + shown.width() / 4;
    const QRectF picture = video->pictureRect();
    const QPoint at(int(picture.center().x() + picture.width() / 4), int(picture.center().y()));
    QTest::mouseClick(video, Qt::LeftButton, {}, at);
    QCOMPARE(m_session->targets.size(), 1);
    const double expected = std::round(turnForClick(x, 60) * 10) / 10;
    QVERIFY2(qAbs(m_session->targets.first() - turnForClick(x, 60)) < 0.2,
        qPrintable(QStringLiteral("%1 vs %2").arg(m_session->targets.first()).arg(expected)));
}

void TestRemoteControls::fullScreen_f11AndDoubleClick_dialAndPresetsOverTheVideo()
{
    QWidget *side = m_window->sidePanel();
    QVERIFY(side->parentWidget() != m_window->videoView());
    QTest::keyClick(m_window.get(), Qt::Key_F11);
    QVERIFY(m_window->isVideoFullScreen());
    QTRY_VERIFY(m_window->windowState() & Qt::WindowFullScreen);
    QCOMPARE(side->parentWidget(), m_window->videoView());  // an overlay on the picture
    QVERIFY(side->isVisible());
    QVERIFY(!m_window->menuBar()->isVisible());
    // The dial and the rig's keys still work.
    emit m_window->dial()->targetRequested(12);
    QCOMPARE(m_session->targets.last(), 12.0);
    QTest::keyClick(m_window.get(), Qt::Key_Right, Qt::ControlModifier);
    QTRY_COMPARE(m_session->targets.last(), 22.0);
    // A message floats over the picture, not over the dial and presets.
    m_window->messageBar()->showMessage(QStringLiteral("Demo running."));
    QTRY_VERIFY(m_window->messageBar()->isVisible());
    QTRY_VERIFY(m_window->messageBar()->mapTo(m_window.get(), QPoint(m_window->messageBar()->width(), 0)).x()
        <= side->mapTo(m_window.get(), QPoint(0, 0)).x());
    m_window->messageBar()->dismiss();
    QTest::keyClick(m_window.get(), Qt::Key_F11);
    QVERIFY(!m_window->isVideoFullScreen());
    QVERIFY(side->parentWidget() != m_window->videoView());
    QVERIFY(m_window->menuBar()->isVisible());
    m_window->messageBar()->showMessage(QStringLiteral("Back"));
    QTRY_COMPARE(m_window->messageBar()->width(), m_window->videoView()->width());  // full width again
    m_window->messageBar()->dismiss();
    // A double-click on the picture goes full screen too; Esc with nothing turning comes back.
    QImage frame(640, 360, QImage::Format_RGB32);
    frame.fill(Qt::darkGreen);
    m_window->videoView()->setFrame(frame);
    QTest::mouseDClick(m_window->videoView(), Qt::LeftButton, {},
        m_window->videoView()->pictureRect().center().toPoint());
    QVERIFY(m_window->isVideoFullScreen());
    m_session->set(at(22, 22));
    QTest::keyClick(m_window.get(), Qt::Key_Escape);
    QVERIFY(!m_window->isVideoFullScreen());
}

void TestRemoteControls::uncheckedDirection_isSaidOnce_andGoesWhenChecked()
{
    auto *row = m_window->findChild<QLabel *>(QStringLiteral("directionUnchecked"));
    QVERIFY(row);
    SessionSnapshot s = at(0, 0);
    m_session->set(s);
    QVERIFY(row->isHidden());  // a checked rig: no row, no message
    s.directionUnchecked = true;
    m_session->set(s);
    QVERIFY2(m_window->messageBar()->text().contains(QStringLiteral("direction has not been checked")),
        qPrintable(m_window->messageBar()->text()));
    QCOMPARE(m_window->messageBar()->kind(), MessageBar::Kind::Warning);
    QVERIFY(!row->isHidden());
    m_window->messageBar()->dismiss();
    m_session->set(s);  // once per connection, not on every update
    QVERIFY(m_window->messageBar()->text().isEmpty());
    QVERIFY(!row->isHidden());  // the connection box keeps saying it
    s.directionUnchecked = false;
    m_session->set(s);
    QVERIFY(m_window->messageBar()->text().isEmpty());
    QVERIFY(row->isHidden());
}

// The office checks the direction while the warning is still up: it goes by itself.
void TestRemoteControls::uncheckedDirection_warningGoesWhenTheOfficeChecksIt()
{
    SessionSnapshot s = at(0, 0);
    s.directionUnchecked = true;
    m_session->set(s);
    QVERIFY(m_window->messageBar()->text().contains(QStringLiteral("direction has not been checked")));
    s.directionUnchecked = false;
    m_session->set(s);
    QVERIFY2(m_window->messageBar()->text().isEmpty(), qPrintable(m_window->messageBar()->text()));
}

// The speed slider shows only where the rig offers a choice, up to the rig's limit; the choice
// goes to the session, by mouse or keyboard, and is kept for this rig.
void TestRemoteControls::speed_sliderUpToTheRigsLimit_sentAndKeptPerRig()
{
    auto *slider = m_window->findChild<QSlider *>(QStringLiteral("turningSpeed"));
    QVERIFY(slider);
    QVERIFY(!slider->isVisible());  // a rig with no choice (a direct link, the 2011 firmware)
    SessionSnapshot s = at(0, 0);
    s.fastestMsPerDeg = 20;  // 50°/s at most
    m_session->set(s);
    QVERIFY(slider->isVisible() && slider->isEnabled());
    QCOMPARE(slider->maximum(), 50);
    QCOMPARE(slider->value(), 50);  // as fast as allowed until chosen
    QVERIFY(m_session->speeds.isEmpty());
    QCOMPARE(slider->accessibleName(), QStringLiteral("Turning speed"));
    QVERIFY(slider->accessibleDescription().contains(QStringLiteral("50°")));

    slider->setValue(25);
    QCOMPARE(m_session->speeds.last(), 40);  // 25°/s = 40 ms per degree
    QCOMPARE(m_settings->speedMsPerDeg(QStringLiteral("fake-rig")), 40);
    m_session->set(s);  // news from the rig does not undo the choice
    QCOMPARE(slider->value(), 25);
    slider->setFocus();
    QTest::keyClick(slider, Qt::Key_End);
    QCOMPARE(m_session->speeds.last(), 0);  // the far end: as fast as the rig allows
    QTest::keyClick(slider, Qt::Key_PageDown);
    const int chosen = m_session->speeds.last();
    QVERIFY(chosen > 20 && chosen <= 99);

    // Locked out (the office has control): the slider waits too.
    s.controlsLocked = true;
    m_session->set(s);
    QVERIFY(!slider->isEnabled());

    // The next session to this rig starts with the choice.
    auto again = std::make_unique<FakeSession>();
    FakeSession *second = again.get();
    m_window->setSession(std::move(again));
    m_session = second;
    QCOMPARE(second->speeds, QList<int>{chosen});
}

QTEST_MAIN(TestRemoteControls)
#include "tst_remote_controls.moc"
