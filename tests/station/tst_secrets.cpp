// The station's TLS as an attacker meets it: a client that offers only CBC/SHA-1 suites is
// refused, an ordinary one gets an AEAD suite; and the video port admits exactly the keys the
// keyring does (Basic in any letter case, a personal key, not a revoked one).
#include <QJsonDocument>
#include <QJsonObject>
#include <QSslCipher>
#include <QSslSocket>
#include <QtTest>

#include "station/station_video.h"
#include "station_fixture.h"

using namespace rudebot;

namespace {

const int kLong = 30000;

bool isAead(const QSslCipher &c)
{
    return c.protocol() == QSsl::TlsV1_3 || c.name().contains("GCM")
        || c.name().contains("CHACHA20");
}

}  // namespace

class TestStationSecrets : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void clientOfferingOnlyCbcSha1_isRefused();
    void tls12Client_negotiatesAnAeadSuite();
    void offeredSuites_areAllAead();
    void remoteState_doesNotExposeTheSerialPath();
    void videoAuth_followsTheKeyring_data();
    void videoAuth_followsTheKeyring();

private:
    StationFixture *f = nullptr;
};

void TestStationSecrets::init()
{
    f = new StationFixture;
    QString error;
    QVERIFY2(f->start(0, &error), qPrintable(error));
}

void TestStationSecrets::cleanup()
{
    delete f;
    f = nullptr;
}

void TestStationSecrets::clientOfferingOnlyCbcSha1_isRefused()
{
    QList<QSslCipher> cbc;
    for (const char *name : {"ECDHE-ECDSA-AES128-SHA", "ECDHE-ECDSA-AES256-SHA",
             "ECDHE-RSA-AES128-SHA", "AES128-SHA", "AES256-SHA"}) {
        const QSslCipher c(QString::fromLatin1(name));
        if (!c.isNull())
            cbc << c;
    }
    QVERIFY2(!cbc.isEmpty(), "this OpenSSL offers no CBC-SHA1 suite to test with");
    QSslSocket s;
    QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
    conf.setProtocol(QSsl::TlsV1_2);  // 1.2 only: 1.3 has no CBC suites to fall back on
    conf.setCiphers(cbc);
    conf.setPeerVerifyMode(QSslSocket::VerifyNone);
    s.setSslConfiguration(conf);
    QSignalSpy encrypted(&s, &QSslSocket::encrypted);
    QSignalSpy failed(&s, &QSslSocket::errorOccurred);
    s.connectToHostEncrypted("127.0.0.1", f->station->port());
    QTRY_VERIFY_WITH_TIMEOUT(!failed.isEmpty() || !encrypted.isEmpty(), kLong);
    QVERIFY2(encrypted.isEmpty(), qPrintable(s.sessionCipher().name()));
    QVERIFY(!s.isEncrypted());
    // Refused in the handshake, not merely dropped later.
    QVERIFY2(s.error() == QAbstractSocket::SslHandshakeFailedError
            || s.error() == QAbstractSocket::RemoteHostClosedError,
        qPrintable(s.errorString()));
    qInfo() << "CBC-only client:" << s.errorString();
}

void TestStationSecrets::tls12Client_negotiatesAnAeadSuite()
{
    QSslSocket s;
    QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
    conf.setProtocol(QSsl::TlsV1_2);
    conf.setPeerVerifyMode(QSslSocket::VerifyNone);
    s.setSslConfiguration(conf);
    QSignalSpy encrypted(&s, &QSslSocket::encrypted);
    s.connectToHostEncrypted("127.0.0.1", f->station->port());
    // The station runs in this thread: wait with the event loop running, not waitForEncrypted.
    QVERIFY2(encrypted.wait(kLong) || !encrypted.isEmpty(), qPrintable(s.errorString()));
    QCOMPARE(s.sessionProtocol(), QSsl::TlsV1_2);
    QVERIFY2(isAead(s.sessionCipher()), qPrintable(s.sessionCipher().name()));
    QVERIFY(!s.sessionCipher().name().endsWith("-SHA"));
}

void TestStationSecrets::offeredSuites_areAllAead()
{
    const QList<QSslCipher> offered = aeadTlsCiphers();
    QVERIFY(!offered.isEmpty());
    for (const QSslCipher &c : offered)
        QVERIFY2(isAead(c) && !c.name().contains("CBC"), qPrintable(c.name()));
}

void TestStationSecrets::remoteState_doesNotExposeTheSerialPath()
{
    // A paired remote, speaking the protocol by hand so every byte of the state is seen.
    QTRY_COMPARE_WITH_TIMEOUT(f->client->state(), RigClient::State::Ready, kLong);
    QSslSocket s;
    QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
    conf.setPeerVerifyMode(QSslSocket::VerifyNone);
    s.setSslConfiguration(conf);
    QByteArray received;
    connect(&s, &QSslSocket::readyRead, this, [&] { received += s.readAll(); });
    s.connectToHostEncrypted("127.0.0.1", f->station->port());
    QTRY_VERIFY_WITH_TIMEOUT(received.contains('\n'), kLong);
    const QJsonObject hello =
        QJsonDocument::fromJson(received.left(received.indexOf('\n'))).object();
    const QByteArray nonce = hello.value("nonce").toString().toLatin1();
    QVERIFY(!nonce.isEmpty());
    s.write(
        QJsonDocument(
            QJsonObject{{"type", "auth"}, {"name", "Rudy"},
                {"response", QString::fromLatin1(authResponse(f->secret, nonce, f->fingerprint))}})
            .toJson(QJsonDocument::Compact)
        + '\n');
    QTRY_VERIFY_WITH_TIMEOUT(received.contains("\"type\":\"state\""), kLong);
    QTRY_VERIFY_WITH_TIMEOUT(received.contains("\"link\":\"ready\""), kLong);
    const QByteArray path = QFile::encodeName(f->rig.linkPath());
    QVERIFY2(!received.contains(path) && !received.contains("serial "), received.constData());
}

void TestStationSecrets::videoAuth_followsTheKeyring_data()
{
    QTest::addColumn<QString>("scheme");
    QTest::addColumn<QString>("whose");  // shared, ana, revoked, none
    QTest::addColumn<bool>("allowed");
    QTest::newRow("Basic shared") << "Basic"
                                  << "shared" << true;
    QTest::newRow("BASIC upper case") << "BASIC"
                                      << "shared" << true;
    QTest::newRow("basic lower case") << "basic"
                                      << "ana" << true;
    QTest::newRow("BEARER personal") << "BEARER"
                                     << "ana" << true;
    QTest::newRow("Basic revoked") << "Basic"
                                   << "revoked" << false;
    QTest::newRow("Bearer revoked") << "Bearer"
                                    << "revoked" << false;
    QTest::newRow("Basic garbage") << "Basic"
                                   << "none" << false;
}

void TestStationSecrets::videoAuth_followsTheKeyring()
{
    QFETCH(QString, scheme);
    QFETCH(QString, whose);
    QFETCH(bool, allowed);
    QString error;
    const auto ana = f->keyring->add("Ana", 0, false, &error);
    const auto gone = f->keyring->add("Gone", 0, false, &error);
    QVERIFY2(ana && gone, qPrintable(error));
    QVERIFY(f->keyring->revoke("Gone", &error));
    const QByteArray secret = whose == "shared" ? f->secret
        : whose == "ana"                        ? ana->secret
        : whose == "revoked"                    ? gone->secret
                                                : QByteArray(32, 'x');
    const QByteArray key = encodeSecret(secret);
    const QByteArray cred = scheme.toLower() == "basic" ? ("viewer:" + key).toBase64() : key;
    const auto head = parseHttpRequestHead(
        "GET /stream HTTP/1.1\r\nAuthorization: " + scheme.toLatin1() + ' ' + cred + "\r\n",
        &error);
    QVERIFY2(head, qPrintable(error));
    QCOMPARE(f->keyring->viewerAllowed(
                 StationVideo::presentedKey(*head), QDateTime::currentDateTimeUtc()),
        allowed);
}

QTEST_MAIN(TestStationSecrets)
#include "tst_secrets.moc"
