// The remote window against a fake rig session, sending what the user asks for: a click on
// the picture (by the pinhole model, from the actual angle), presets by key, the dial, Stop.
#include <QPushButton>
#include <QStatusBar>
#include <cmath>

#include "remote_window_fixture.h"
#include "ui/rig_dial.h"

using namespace rudebot;

class TestRemoteWindowTurning : public RemoteWindowFixture {
    Q_OBJECT

private slots:
    void init() { setUpWindow(); }
    void cleanup() { tearDownWindow(); }
    void clickOnVideo_turnsByPinholeOffsetFromActualAngle_data();
    void clickOnVideo_turnsByPinholeOffsetFromActualAngle();
    void clickMarker_staysWhileMoving_clearedOnArrival();
    void clickPastLimit_goesDownAsClicked_markerClearsAtTheLimit();
    void dialHomeKey_sendsTheRigHome();
    void presetKeys_sendThePresetsAngle_data();
    void presetKeys_sendThePresetsAngle();
    void dial_requestGoesToSession();
    void stopButton_stopsAndClearsMarker();
};

void TestRemoteWindowTurning::clickOnVideo_turnsByPinholeOffsetFromActualAngle_data()
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

void TestRemoteWindowTurning::clickOnVideo_turnsByPinholeOffsetFromActualAngle()
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

void TestRemoteWindowTurning::clickMarker_staysWhileMoving_clearedOnArrival()
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
void TestRemoteWindowTurning::clickPastLimit_goesDownAsClicked_markerClearsAtTheLimit()
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
void TestRemoteWindowTurning::dialHomeKey_sendsTheRigHome()
{
    m_session->set(connectedAt(30));
    m_window->dial()->setFocus();
    QTest::keyClick(m_window->dial(), Qt::Key_Home);
    QCOMPARE(m_session->targets, QList<double>{0.0});
}

void TestRemoteWindowTurning::presetKeys_sendThePresetsAngle_data()
{
    QTest::addColumn<int>("key");
    QTest::addColumn<double>("expected");
    QTest::newRow("1 Desk") << int(Qt::Key_1) << 20.0;
    QTest::newRow("2 Whiteboard") << int(Qt::Key_2) << -35.0;
    QTest::newRow("3 Door") << int(Qt::Key_3) << 70.0;
}

void TestRemoteWindowTurning::presetKeys_sendThePresetsAngle()
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

void TestRemoteWindowTurning::dial_requestGoesToSession()
{
    m_window->dial()->setFocus();
    QTest::keyClick(m_window->dial(), Qt::Key_Right, Qt::ShiftModifier);
    QCOMPARE(m_session->targets, QList<double>{10.0});
}

void TestRemoteWindowTurning::stopButton_stopsAndClearsMarker()
{
    clickPicture(0.8);
    QVERIFY(m_window->videoView()->hasClickMarker());
    QTest::mouseClick(m_window->stopButton(), Qt::LeftButton);
    QCOMPARE(m_session->stops, 1);
    QVERIFY(!m_window->videoView()->hasClickMarker());
}

QTEST_MAIN(TestRemoteWindowTurning)
#include "tst_remote_window_turning.moc"
