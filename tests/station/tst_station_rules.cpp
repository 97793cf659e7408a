// The station's pure rules: who may move (override, park lock, remote lease), the command rate
// limit, the client protocol parser, and the pairing link and proof of the secret.
#include <QtTest>

#include "station/arbiter.h"
#include "station/pairing.h"
#include "station/rate_limiter.h"
#include "station/station_protocol.h"

using namespace rudebot;

class TestStationRules : public QObject {
    Q_OBJECT

private slots:
    void freeRig_anyRemoteMayMove();
    void lease_refusesOthersUntilItLapses();
    void lease_holderKeepsMoving();
    void lease_endsWhenHolderLeaves();
    void override_refusesRemotesWithTheOfficeName();
    void override_releasesAfterIdleTime();
    void override_officeActivityKeepsIt();
    void override_calibrating_saysSoAndLastsUntilReleased();
    void parkLock_refusesEveryoneIncludingOffice();
    void grant_endsTheOverride_andHoldsTheLeaseBeforeTheFirstMove();
    void grant_notWhileParkedOrCalibrating();
    void rateLimiter_allowsBurstThenRate();
    void clientMessages_data();
    void clientMessages();
    void pairingLink_roundTrips();
    void pairingLink_rejectsDamagedLinks_data();
    void pairingLink_rejectsDamagedLinks();
    void authResponse_dependsOnSecretNonceAndCertificate();
};

void TestStationRules::freeRig_anyRemoteMayMove()
{
    ControlArbiter a;
    QVERIFY(!a.requestRemoteMove(1, "Rudy", 0));
    QCOMPARE(a.leaseHolder(0)->clientId, 1);
}

void TestStationRules::lease_refusesOthersUntilItLapses()
{
    ControlArbiter a({5000, 0});
    QVERIFY(!a.requestRemoteMove(1, "Rudy", 1000));
    const auto refusal = a.requestRemoteMove(2, "Kim", 5999);
    QVERIFY(refusal);
    QVERIFY2(refusal->contains("Rudy is turning the rig"), qPrintable(*refusal));
    QVERIFY(!a.requestRemoteMove(2, "Kim", 6000));  // Rudy's lease ended at 6000
    QCOMPARE(a.leaseHolder(6000)->name, QStringLiteral("Kim"));
}

void TestStationRules::lease_holderKeepsMoving()
{
    ControlArbiter a({5000, 0});
    for (qint64 t = 0; t < 20000; t += 1000)
        QVERIFY(!a.requestRemoteMove(1, "Rudy", t));
    QVERIFY(a.requestRemoteMove(2, "Kim", 20000));
}

void TestStationRules::lease_endsWhenHolderLeaves()
{
    ControlArbiter a;
    QVERIFY(!a.requestRemoteMove(1, "Rudy", 0));
    a.clientGone(1);
    QVERIFY(!a.requestRemoteMove(2, "Kim", 1));
}

void TestStationRules::override_refusesRemotesWithTheOfficeName()
{
    ControlArbiter a;
    a.takeOverride("Office desk", 0);
    const auto refusal = a.requestRemoteMove(1, "Rudy", 10);
    QVERIFY(refusal);
    QVERIFY2(
        refusal->contains("Office desk in the office has taken control"), qPrintable(*refusal));
    QVERIFY(!a.requestOfficeMove(20));
    a.releaseOverride();
    QVERIFY(!a.requestRemoteMove(1, "Rudy", 30));
}

void TestStationRules::override_releasesAfterIdleTime()
{
    ControlArbiter a({5000, 60000});
    a.takeOverride("Office", 0);
    QVERIFY(!a.expire(59999));
    QVERIFY(a.overrideHeld());
    QVERIFY(a.expire(60000));
    QVERIFY(!a.overrideHeld());
    QVERIFY(!a.requestRemoteMove(1, "Rudy", 60001));
}

void TestStationRules::override_officeActivityKeepsIt()
{
    ControlArbiter a({5000, 60000});
    a.takeOverride("Office", 0);
    QVERIFY(!a.requestOfficeMove(50000));
    QVERIFY(a.requestRemoteMove(1, "Rudy", 100000));  // 50 s after the office's last move
    QVERIFY(!a.requestRemoteMove(1, "Rudy", 110000));
}

// The calibration wizard turns the rig itself, so the station sees no office activity: its
// override must not lapse, and remotes are told why they wait.
void TestStationRules::override_calibrating_saysSoAndLastsUntilReleased()
{
    ControlArbiter a({5000, 60000});
    a.takeOverride("Ana", 0, "calibrating");
    QCOMPARE(a.overrideReason(), QStringLiteral("calibrating"));
    QVERIFY(!a.expire(10 * 60000));
    const auto refusal = a.requestRemoteMove(1, "Rudy", 10 * 60000);
    QVERIFY(refusal);
    QVERIFY2(refusal->contains("Ana in the office is calibrating the rig"), qPrintable(*refusal));
    a.releaseOverride();
    QVERIFY(a.overrideReason().isEmpty());
    QVERIFY(!a.requestRemoteMove(1, "Rudy", 10 * 60000 + 1));
}

void TestStationRules::parkLock_refusesEveryoneIncludingOffice()
{
    ControlArbiter a;
    a.lockPark("Office");
    QVERIFY(a.requestRemoteMove(1, "Rudy", 0)->contains("parked the camera for privacy"));
    QVERIFY(a.requestOfficeMove(0));
    a.unlockPark();
    QVERIFY(!a.requestOfficeMove(0));
    QVERIFY(!a.requestRemoteMove(1, "Rudy", 0));
}

// "Ask for control" (issue 14): the office's grant is the remote's lease, longer than one move's.
void TestStationRules::grant_endsTheOverride_andHoldsTheLeaseBeforeTheFirstMove()
{
    ControlArbiter a({5000, 60000, 30000});
    a.takeOverride("Front desk", 0);
    QVERIFY(a.remoteRefusal(2, 10));
    QVERIFY(!a.grant(2, "Ana", 1000));
    QVERIFY(!a.overrideHeld());
    QVERIFY(!a.remoteRefusal(2, 1000));
    QVERIFY2(a.requestRemoteMove(3, "Kim", 20000)->contains("Ana is turning the rig"),
        "another remote took a granted lease");
    QVERIFY(!a.requestRemoteMove(2, "Ana", 25000));  // her move does not cut the grant short
    QVERIFY(a.requestRemoteMove(3, "Kim", 30999));
    QVERIFY(!a.requestRemoteMove(3, "Kim", 31000));  // the grant has lapsed
}

void TestStationRules::grant_notWhileParkedOrCalibrating()
{
    ControlArbiter a;
    a.lockPark("Front desk");
    QVERIFY(a.grant(2, "Ana", 0)->contains("unlock it first"));
    QVERIFY(a.parkLocked());
    a.unlockPark();
    a.takeOverride("Kim", 0, "calibrating");
    QVERIFY(a.grant(2, "Ana", 0)->contains("calibration"));
    QVERIFY(a.overrideHeld());
    QVERIFY(a.requestRemoteMove(2, "Ana", 1));
}

void TestStationRules::rateLimiter_allowsBurstThenRate()
{
    RateLimiter r(10, 5);
    int allowed = 0;
    for (int i = 0; i < 20; ++i)
        allowed += r.allow(0);
    QCOMPARE(allowed, 5);
    QVERIFY(!r.allow(99));
    QVERIFY(r.allow(100));  // one token per 100 ms
    QVERIFY(!r.allow(150));
}

void TestStationRules::clientMessages_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<bool>("valid");
    QTest::newRow("target") << QByteArray(R"({"type":"target","servo":120.5})") << true;
    QTest::newRow("target 0") << QByteArray(R"({"type":"target","servo":0})") << true;
    QTest::newRow("target over 180") << QByteArray(R"({"type":"target","servo":181})") << false;
    QTest::newRow("target negative") << QByteArray(R"({"type":"target","servo":-1})") << false;
    QTest::newRow("target logical") << QByteArray(R"({"type":"target","logical":-20})") << true;
    QTest::newRow("target logical nan")
        << QByteArray(R"({"type":"target","logical":"x"})") << false;
    QTest::newRow("target string") << QByteArray(R"({"type":"target","servo":"90"})") << false;
    QTest::newRow("stop") << QByteArray(R"({"type":"stop"})") << true;
    QTest::newRow("ping") << QByteArray(R"({"type":"ping","seq":7})") << true;
    QTest::newRow("send") << QByteArray(R"({"type":"send","line":"?"})") << true;
    QTest::newRow("send with newline") << QByteArray(R"({"type":"send","line":"9\n0"})") << false;
    QTest::newRow("override") << QByteArray(R"({"type":"override","take":true})") << true;
    QTest::newRow("override no bool") << QByteArray(R"({"type":"override","take":1})") << false;
    QTest::newRow("park") << QByteArray(R"({"type":"park","lock":false})") << true;
    QTest::newRow("auth") << QByteArray(R"({"type":"auth","name":"R","response":")")
            + QByteArray(64, 'a')
            + "\"}" << true;
    QTest::newRow("auth short") << QByteArray(R"({"type":"auth","response":"ab"})") << false;
    QTest::newRow("name") << QByteArray(R"({"type":"name","name":"Front desk"})") << true;
    QTest::newRow("name empty") << QByteArray(R"({"type":"name","name":"  "})") << false;
    QTest::newRow("speed") << QByteArray(R"({"type":"speed","ms_per_deg":60})") << true;
    QTest::newRow("speed fastest") << QByteArray(R"({"type":"speed","ms_per_deg":0})") << true;
    QTest::newRow("speed slowest") << QByteArray(R"({"type":"speed","ms_per_deg":99})") << true;
    QTest::newRow("speed past the slowest")
        << QByteArray(R"({"type":"speed","ms_per_deg":100})") << false;
    QTest::newRow("speed negative") << QByteArray(R"({"type":"speed","ms_per_deg":-5})") << false;
    QTest::newRow("speed fraction") << QByteArray(R"({"type":"speed","ms_per_deg":2.5})") << false;
    QTest::newRow("speed word") << QByteArray(R"({"type":"speed","ms_per_deg":"fast"})") << false;
    QTest::newRow("speed missing") << QByteArray(R"({"type":"speed"})") << false;
    QTest::newRow("unknown") << QByteArray(R"({"type":"fly"})") << false;
    QTest::newRow("no type") << QByteArray(R"({"servo":3})") << false;
    QTest::newRow("array") << QByteArray("[1,2]") << false;
    QTest::newRow("junk") << QByteArray("\x01\x02\xff") << false;
    QTest::newRow("too long") << (QByteArray(R"({"type":"stop","x":")") + QByteArray(station::kMaxLineBytes, 'x')
        + "\"}") << false;
}

void TestStationRules::clientMessages()
{
    QFETCH(QByteArray, line);
    QFETCH(bool, valid);
    QString error;
    const auto msg = station::parseClientMessage(line, &error);
    QCOMPARE(msg.has_value(), valid);
    QCOMPARE(error.isEmpty(), valid);
}

void TestStationRules::pairingLink_roundTrips()
{
    PairingInfo p{"office-laptop", 47800, QByteArray(64, 'c'), QByteArray(32, '\x7f')};
    QString error;
    const auto back = PairingInfo::fromUri(p.toUri(), &error);
    QVERIFY2(back, qPrintable(error));
    QCOMPARE(back->host, p.host);
    QCOMPARE(back->port, p.port);
    QCOMPARE(back->fingerprint, p.fingerprint);
    QCOMPARE(back->secret, p.secret);
}

void TestStationRules::pairingLink_rejectsDamagedLinks_data()
{
    QTest::addColumn<QString>("uri");
    const QString fp(64, 'a');
    const QString key = QString::fromLatin1(QByteArray(32, 'k').toBase64(
        QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    QTest::newRow("http") << QStringLiteral("http://h:1/?fp=%1&key=%2").arg(fp, key);
    QTest::newRow("no port") << QStringLiteral("rudebot://h/?fp=%1&key=%2").arg(fp, key);
    QTest::newRow("short fp") << QStringLiteral("rudebot://h:1/?fp=abc&key=%1").arg(key);
    QTest::newRow("non-hex fp")
        << QStringLiteral("rudebot://h:1/?fp=%1&key=%2").arg(QString(64, 'z'), key);
    QTest::newRow("truncated key")
        << QStringLiteral("rudebot://h:1/?fp=%1&key=%2").arg(fp, key.left(20));
    QTest::newRow("empty") << QString();
}

void TestStationRules::pairingLink_rejectsDamagedLinks()
{
    QFETCH(QString, uri);
    QString error;
    QVERIFY(!PairingInfo::fromUri(uri, &error));
    QVERIFY(error.startsWith("not a Rudebot pairing link"));
}

void TestStationRules::authResponse_dependsOnSecretNonceAndCertificate()
{
    const QByteArray r = authResponse("secret-a", "nonce-1", "fp-1");
    QCOMPARE(r.size(), 64);
    QCOMPARE(authResponse("secret-a", "nonce-1", "fp-1"), r);
    QVERIFY(authResponse("secret-b", "nonce-1", "fp-1") != r);
    QVERIFY(authResponse("secret-a", "nonce-2", "fp-1") != r);
    QVERIFY(authResponse("secret-a", "nonce-1", "fp-2") != r);
    QVERIFY(constantTimeEquals(r, r));
    QVERIFY(!constantTimeEquals(r, authResponse("secret-b", "nonce-1", "fp-1")));
    QVERIFY(newNonce() != newNonce());
}

QTEST_GUILESS_MAIN(TestStationRules)
#include "tst_station_rules.moc"
