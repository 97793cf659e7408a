// The office view's trust controls against a real station (the real firmware in the virtual
// rig, TLS and the office socket on 127.0.0.1) and real remote clients: "Pause video" without
// parking (issue 12.4), the pairing box once the shared link is retired, "Ask for control"
// from a remote's window granted or declined in the office view, and the office's notice
// whenever a remote turns the rig, named by its credential (issue 14).
// With RUDEBOT_SHOT_DIR set, the windows are saved there (run under Xvfb to look at them).
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QJsonDocument>
#include <QSettings>
#include <QSslSocket>
#include <QTcpSocket>
#include <QtTest>

#include "desktop/app_settings.h"
#include "desktop/control_asks_panel.h"
#include "desktop/message_bar.h"
#include "desktop/office_window.h"
#include "desktop/remote_side_panel.h"
#include "desktop/remote_window.h"
#include "desktop/station_rig_session.h"
#include "station/station_fixture.h"
#include "ui/rig_dial.h"

using namespace rudebot;

namespace {

const int kLong = 30000;  // generous ceilings: a busy 2-core machine stalls for seconds

bool waitConnected(StationClient &c)
{
    return QTest::qWaitFor(
        [&] { return c.status() == StationClient::Status::Connected; }, kLong);
}

void shoot(QWidget *w, const char *name)
{
    const QString dir = qEnvironmentVariable("RUDEBOT_SHOT_DIR");
    if (dir.isEmpty())
        return;
    QTest::qWait(200);  // let the layout settle after the last change
    QVERIFY(w->grab().save(dir + QLatin1Char('/') + QLatin1String(name)));
}

}  // namespace

class TestOfficeTrust : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void pauseVideo_pausesWithoutParking_remotesAreTold();
    void retiredSharedLink_pairingBoxShowsThePerPersonFlow();
    void askForControl_officeGrants_remoteTurns_officeSeesWho();
    void askForControl_officeDeclines_remoteIsTold_overrideStays();
    void turnNotice_namesTheCredential_notTheClaim();

private:
        StationFixture *f = nullptr;
    QTemporaryDir *dir = nullptr;
    QSettings *qs = nullptr;
    AppSettings *settings = nullptr;
    OfficeWindow *office = nullptr;
};

void TestOfficeTrust::init()
{
    f = new StationFixture;
    QString error;
    StationSettings st;
    st.arbiter.leaseMs = 500;
    QVERIFY2(f->start(0, &error, st), qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(f->client->state() == RigClient::State::Ready, kLong);
    dir = new QTemporaryDir;
    qs = new QSettings(dir->filePath("settings.ini"), QSettings::IniFormat);
    settings = new AppSettings(qs);
    settings->setOfficeName(QStringLiteral("Front desk"));
    office = new OfficeWindow(f->station.get(), f->client.get(), f->pairing(), settings);
    office->watchKeyring(f->keyring.get());
    office->show();
}

void TestOfficeTrust::cleanup()
{
    delete office;
    delete settings;
    delete qs;
    delete dir;
    delete f;
    office = nullptr;
}

void TestOfficeTrust::pauseVideo_pausesWithoutParking_remotesAreTold()
{
    StationClient remote;
    remote.connectToStation(f->pairing(), "Rudy");
    QVERIFY(waitConnected(remote));
    QPushButton *pause = office->pauseVideoButton();
    QCOMPARE(pause->text(), QStringLiteral("Pause video"));
    pause->click();
    QVERIFY(f->station->videoPaused());
    QCOMPARE(f->station->videoPausedBy(), QStringLiteral("Front desk"));
    QVERIFY(!f->station->arbiter().parkLocked());
    QTRY_VERIFY_WITH_TIMEOUT(remote.state().videoPaused, kLong);
    QVERIFY2(remote.state().privacyMessage.contains("Front desk paused the video"),
        qPrintable(remote.state().privacyMessage));
    QTRY_COMPARE_WITH_TIMEOUT(pause->text(), QStringLiteral("Resume video"), kLong);
    QVERIFY(pause->isChecked());
    QVERIFY(office->parkButton()->isEnabled() && !office->parkButton()->isChecked());
    shoot(office, "office-video-paused.png");
    pause->click();
    QVERIFY(!f->station->videoPaused());
    QTRY_VERIFY_WITH_TIMEOUT(!remote.state().videoPaused, kLong);
    QTRY_COMPARE_WITH_TIMEOUT(pause->text(), QStringLiteral("Pause video"), kLong);
}

void TestOfficeTrust::retiredSharedLink_pairingBoxShowsThePerPersonFlow()
{
    QLineEdit *link = office->pairingLinkEdit();
    QVERIFY(link->isVisible());
    QString error;
    const auto back = PairingInfo::fromUri(link->text(), &error);
    QVERIFY2(back, qPrintable(error));
    QCOMPARE(back->secret, f->secret);

    QVERIFY2(f->keyring->retireSharedLink(&error), qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(!link->isVisible(), kLong);
    QVERIFY(link->text().isEmpty());  // no dead link with an empty key to copy
    auto *hint = office->findChild<QLabel *>(QStringLiteral("pairingHint"));
    QVERIFY(hint);
    QVERIFY2(hint->text().contains("retired") && hint->text().contains("People…"),
        qPrintable(hint->text()));
    for (QPushButton *b : office->findChildren<QPushButton *>())
        if (b->text().contains("Copy") || b->text().contains("Show"))
            QVERIFY2(!b->isVisible(), qPrintable(b->text()));
    shoot(office, "office-shared-link-retired.png");
}

void TestOfficeTrust::askForControl_officeGrants_remoteTurns_officeSeesWho()
{
    QString error;
    const auto ana = f->keyring->add("Ana", 0, false, &error);
    QVERIFY2(ana, qPrintable(error));
    f->station->takeOverride("Front desk");

    // The remote's own window, on Ana's own link.
    QTemporaryDir remoteDir;
    QSettings remoteQs(remoteDir.filePath("remote.ini"), QSettings::IniFormat);
    AppSettings remoteSettings(&remoteQs);
    RemoteWindow remote(&remoteSettings);
    auto session = std::make_unique<StationRigSession>(f->pairingFor(*ana), "Ana");
    StationRigSession *ss = session.get();
    remote.setSession(std::move(session));
    remote.show();
    QPushButton *ask = remote.findChild<QPushButton *>(QStringLiteral("askForControl"));
    QVERIFY(ask);
    QTRY_VERIFY_WITH_TIMEOUT(ask->isVisible() && ask->isEnabled(), kLong);
    QVERIFY(!remote.controlsEnabled());
    shoot(&remote, "remote-ask-for-control.png");
    ask->click();
    QCOMPARE(ask->text(), QStringLiteral("Asked: waiting for the office…"));
    QVERIFY(!ask->isEnabled());

    // The office sees who asks, by the name the credential proves.
    QTRY_COMPARE_WITH_TIMEOUT(f->station->controlAsks().size(), 1, kLong);
    QVERIFY(f->station->controlAsks().first().verified);
    QTRY_VERIFY_WITH_TIMEOUT(office->controlAsks()->isVisible(), kLong);
    auto *askText = office->controlAsks()->findChild<QLabel *>(
        QStringLiteral("ask-%1").arg(ss->client().clientId()));
    QVERIFY(askText);
    QCOMPARE(askText->text(), QStringLiteral("Ana asks to turn the rig."));
    shoot(office, "office-ask-for-control.png");
    auto *grant = office->controlAsks()->findChild<QPushButton *>(
        QStringLiteral("grant-%1").arg(ss->client().clientId()));
    QVERIFY(grant);
    grant->click();

    QTRY_VERIFY_WITH_TIMEOUT(remote.messageBar()->text().contains("Front desk in the office "
                                                                    "gave you control"),
        kLong);
    QVERIFY(!f->station->arbiter().overrideHeld());
    QCOMPARE(f->station->controlAsks().size(), 0);
    QTRY_VERIFY_WITH_TIMEOUT(!office->controlAsks()->isVisible(), kLong);
    QTRY_VERIFY_WITH_TIMEOUT(remote.controlsEnabled(), kLong);
    QTRY_VERIFY_WITH_TIMEOUT(!ask->isVisible(), kLong);  // she holds the lease: nothing to ask

    // She turns the rig from her window; the office is told who.
    emit remote.dial()->targetRequested(-30);
    QVERIFY(f->rig.waitForAngle(60, 0.6, kLong));
    QTRY_VERIFY_WITH_TIMEOUT(office->turnNotice()->isVisible(), kLong);
    QCOMPARE(office->turnNotice()->text(), QStringLiteral("Ana is turning the rig."));
    shoot(office, "office-remote-turning.png");
}

void TestOfficeTrust::askForControl_officeDeclines_remoteIsTold_overrideStays()
{
    f->station->takeOverride("Front desk");
    StationClient bob;
    bob.connectToStation(f->pairing(), "Bob");  // the shared link: the name is only a claim
    QVERIFY(waitConnected(bob));
    QTRY_VERIFY_WITH_TIMEOUT(bob.state().overrideHeld, kLong);
    QSignalSpy answers(&bob, &StationClient::controlAnswered);
    bob.askForControl();
    QTRY_VERIFY_WITH_TIMEOUT(office->controlAsks()->isVisible(), kLong);
    auto *askText = office->controlAsks()->findChild<QLabel *>(
        QStringLiteral("ask-%1").arg(bob.clientId()));
    QVERIFY(askText);
    QCOMPARE(askText->text(),
        QStringLiteral("Bob (shared link, name not verified) asks to turn the rig."));
    QTRY_COMPARE_WITH_TIMEOUT(bob.state().asking.size(), 1, kLong);  // in the state too
    bob.askForControl();  // again: the office still sees one ask
    QTest::qWait(100);
    QCOMPARE(f->station->controlAsks().size(), 1);

    auto *decline = office->controlAsks()->findChild<QPushButton *>(
        QStringLiteral("decline-%1").arg(bob.clientId()));
    QVERIFY(decline);
    decline->click();
    QVERIFY(answers.wait(kLong));
    QCOMPARE(answers.first().at(0).toBool(), false);
    QVERIFY2(answers.first().at(1).toString().contains("Front desk in the office said no"),
        qPrintable(answers.first().at(1).toString()));
    QVERIFY(f->station->arbiter().overrideHeld());
    QCOMPARE(f->station->controlAsks().size(), 0);
    QSignalSpy refused(&bob, &StationClient::refused);
    bob.setTargetServo(40);
    QVERIFY(refused.wait(kLong));  // still the office's

    // Granting an ask that is not there, or from a remote, changes nothing.
    QVERIFY(f->station->answerControl(bob.clientId(), true, "Front desk"));
    bob.answerControl(bob.clientId(), true);
    QVERIFY(refused.wait(kLong));
    QVERIFY(f->station->arbiter().overrideHeld());

    // With nobody holding control, an ask is answered at once, without bothering the office.
    f->station->releaseOverride();
    bob.askForControl();
    QVERIFY(answers.wait(kLong));
    QCOMPARE(answers.last().at(0).toBool(), true);
    QCOMPARE(f->station->controlAsks().size(), 0);
}

void TestOfficeTrust::turnNotice_namesTheCredential_notTheClaim()
{
    QString error;
    const auto ana = f->keyring->add("Ana", 0, false, &error);
    QVERIFY2(ana, qPrintable(error));
    StationClient mallory;
    mallory.connectToStation(f->pairingFor(*ana), "Bob");  // claims another name
    QVERIFY(waitConnected(mallory));
    QVERIFY(!office->turnNotice()->isVisible());
    mallory.setTargetServo(120);
    QTRY_VERIFY_WITH_TIMEOUT(office->turnNotice()->isVisible(), kLong);
    QCOMPARE(office->turnNotice()->text(), QStringLiteral("Ana is turning the rig."));
    mallory.disconnectFromStation();
    QVERIFY(f->rig.waitForAngle(120, 0.6, kLong));

    // Nor renamed into someone else afterwards: {"type":"name"} is refused on a personal link.
    QSslSocket raw;
    raw.setPeerVerifyMode(QSslSocket::VerifyNone);
    raw.connectToHostEncrypted("127.0.0.1", f->station->port());
    QTRY_VERIFY_WITH_TIMEOUT(raw.canReadLine(), kLong);
    const QByteArray nonce =
        QJsonDocument::fromJson(raw.readLine()).object().value("nonce").toString().toLatin1();
    raw.write(station::encode(station::Auth{
        "Ana", authResponse(ana->secret, nonce, f->fingerprint)}));
    raw.write(station::encode(station::Rename{"Bob"}));
    QByteArray answers;
    QTRY_VERIFY_WITH_TIMEOUT(
        (answers += raw.readAll()).contains("Your name comes from your pairing link"), kLong);
    const QList<ClientInfo> clients = f->station->clients();
    QVERIFY(std::any_of(clients.cbegin(), clients.cend(),
        [](const ClientInfo &c) { return c.name == "Ana" && c.person == "Ana"; }));
    raw.abort();

    // On the shared link the name is only what the client says, and the notice says so.
    StationClient claimed;
    claimed.connectToStation(f->pairing(), "Ana");
    QVERIFY(waitConnected(claimed));
    QTRY_VERIFY_WITH_TIMEOUT(f->station->state().holder.isEmpty(), kLong);  // the lease ended
    claimed.setTargetServo(70);
    QTRY_COMPARE_WITH_TIMEOUT(office->turnNotice()->text(),
        QStringLiteral("Ana is turning the rig (shared link, name not verified)."), kLong);
    QVERIFY(f->rig.waitForAngle(70, 0.6, kLong));
    // The raw port's clients are named by their connection.
    QTcpSocket plain;
    plain.connectToHost(QHostAddress::LocalHost, f->station->rawPort());
    QTRY_VERIFY_WITH_TIMEOUT(plain.state() == QAbstractSocket::ConnectedState, kLong);
    QTRY_VERIFY_WITH_TIMEOUT(f->station->state().holder.isEmpty(), kLong);
    plain.write("100\n");
    QTRY_VERIFY_WITH_TIMEOUT(office->turnNotice()->text().startsWith("Raw client "), kLong);
}

QTEST_MAIN(TestOfficeTrust)
#include "tst_office_trust.moc"
