// The remote window against a fake rig session: it shows what the session publishes (the
// connection, refusals, why there is no picture) and locks its controls when the office has them.
// What it sends when the user turns the rig is in tst_remote_window_turning.cpp.
#include <QLabel>
#include <QPushButton>

#include "desktop/connection_target.h"
#include "desktop/message_bar.h"
#include "remote_window_fixture.h"
#include "ui/presets_panel.h"
#include "ui/rig_dial.h"

using namespace rudebot;

class TestRemoteWindow : public RemoteWindowFixture {
    Q_OBJECT

private slots:
    void init() { setUpWindow(); }
    void cleanup() { tearDownWindow(); }
    void messageBar_floatsOverThePicture_theVideoDoesNotMove();
    void startHint_offersConnectAndTheDemo();
    void overrideBanner_appearsAndDisablesControls();
    void parkLock_disablesControlsUntilUnlocked();
    void refusal_isShownNonModally();
    void connectionPanel_showsStateRttAndFirmware();
    void notConnected_videoAreaSaysWhy_notTheVideoAddress_data();
    void recent_getsALinkOnlyOnceItConnected();
    void notConnected_videoAreaSaysWhy_notTheVideoAddress();
};

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
