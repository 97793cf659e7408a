// The people store without a station: private on disk, atomic, shared safely between a
// running station and rudebot-bridge's subcommands (two Keyrings on one file), refusing a
// damaged or exposed store, and the rules for guests and one-time links.
#include <QTemporaryDir>
#include <QtTest>

#include "station/keyring.h"
#include "station/pairing.h"
#include "station/private_files.h"

#include <sys/stat.h>

using namespace rudebot;

namespace {

mode_t modeOf(const QString &path)
{
    struct stat st { };
    return ::lstat(QFile::encodeName(path).constData(), &st) == 0 ? st.st_mode & 07777 : 0;
}

QByteArray answer(const QByteArray &secret)
{
    return authResponse(secret, "nonce", "fp");
}

}  // namespace

class TestKeyring : public QObject {
    Q_OBJECT

private slots:
    void store_isPrivate_andSurvivesAReload();
    void twoWriters_neitherUndoesTheOther();
    void authMatch_namesTheCredential_notTheClaim();
    void guestAndOneTimeLinks_followTheirRules();
    void damagedOrExposedStore_isRefused_data();
    void damagedOrExposedStore_isRefused();
    void writePrivateFile_replacesALink_neverWritesThroughIt();
};

void TestKeyring::store_isPrivate_andSurvivesAReload()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("people.json");
    QString error;
    {
        Keyring k(path, QByteArray(32, 's'));
        QVERIFY(k.load(&error));
        QVERIFY(k.add("Ana", 0, false, &error));
    }
    QCOMPARE(modeOf(path), mode_t(0600));
    // No temporary file is left beside it.
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).filter(".tmp-"), QStringList());
    Keyring again(path, QByteArray(32, 's'));
    QVERIFY(again.load(&error));
    QCOMPARE(again.people().size(), 1);
    QCOMPARE(again.people().first().name, QStringLiteral("Ana"));
}

void TestKeyring::twoWriters_neitherUndoesTheOther()
{
    // The station notes a visit while rudebot-bridge revokes someone else, and adds a person.
    QTemporaryDir dir;
    const QString path = dir.filePath("people.json");
    QString error;
    Keyring station(path, {}), tool(path, {});
    QVERIFY(station.load(&error) && tool.load(&error));
    QVERIFY(station.add("Ana", 0, false, &error));
    QVERIFY(station.add("Bob", 0, false, &error));
    QVERIFY(tool.revoke("Bob", &error));  // tool had not re-read: the lock and reload see Ana
    QVERIFY(tool.add("Cy", 0, false, &error));
    station.sessionStarted("Ana", QDateTime::currentDateTimeUtc());  // station's copy is stale
    Keyring check(path, {});
    QVERIFY(check.load(&error));
    QStringList names;
    for (const PairedPerson &p : check.people())
        names << p.name;
    QCOMPARE(names, (QStringList{"Ana", "Cy"}));
    QVERIFY(check.people().first().lastSeen.isValid());
}

void TestKeyring::authMatch_namesTheCredential_notTheClaim()
{
    QString error;
    const QByteArray shared(32, 's');
    Keyring k({}, shared);
    const auto ana = k.add("Ana", 0, false, &error);
    const auto bob = k.add("Bob", 0, false, &error);
    QVERIFY(ana && bob);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    KeyMatch m = k.matchAuth("nonce", "fp", answer(bob->secret), now);
    QCOMPARE(m.result, KeyMatch::Result::Person);
    QCOMPARE(m.name, QStringLiteral("Bob"));
    QCOMPARE(k.matchAuth("nonce", "fp", answer(shared), now).result, KeyMatch::Result::Shared);
    QCOMPARE(k.matchAuth("nonce", "fp", answer(QByteArray(32, 'x')), now).result,
        KeyMatch::Result::Unknown);
    // Bound to the nonce and fingerprint: a replayed or relayed answer is nobody's.
    QCOMPARE(
        k.matchAuth("other", "fp", answer(bob->secret), now).result, KeyMatch::Result::Unknown);
    QCOMPARE(
        k.matchAuth("nonce", "fp2", answer(bob->secret), now).result, KeyMatch::Result::Unknown);
    QVERIFY(k.revoke("bob", &error));  // names are matched without regard to case
    QCOMPARE(
        k.matchAuth("nonce", "fp", answer(bob->secret), now).result, KeyMatch::Result::Unknown);
    QCOMPARE(k.matchAuth("nonce", "fp", answer(ana->secret), now).name, QStringLiteral("Ana"));
    QVERIFY(k.retireSharedLink(&error));
    QCOMPARE(k.matchAuth("nonce", "fp", answer(shared), now).result, KeyMatch::Result::Unknown);
    QVERIFY(!k.viewerAllowed(encodeSecret(shared), now));
    QVERIFY(!k.add("", 0, false, &error));
    QVERIFY(!k.add(QString(41, 'a'), 0, false, &error));
    QVERIFY(!k.add("ANA", 0, false, &error) && error.contains("already paired"));
}

void TestKeyring::guestAndOneTimeLinks_followTheirRules()
{
    QString error;
    Keyring k({}, {});
    const auto guest = k.add("Guest", 24 * 3600, false, &error);
    const auto once = k.add("Once", 0, true, &error);
    QVERIFY(guest && once);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QCOMPARE(k.matchKey(encodeSecret(guest->secret), now.addSecs(23 * 3600)).result,
        KeyMatch::Result::Person);
    QCOMPARE(k.matchKey(encodeSecret(guest->secret), now.addSecs(25 * 3600)).result,
        KeyMatch::Result::Expired);
    QVERIFY(!k.stillValid("Guest", now.addSecs(25 * 3600)));
    QVERIFY(k.viewerAllowed(encodeSecret(once->secret), now));
    k.sessionStarted("Once", now);
    QCOMPARE(k.matchAuth("n", "f", authResponse(once->secret, "n", "f"), now).result,
        KeyMatch::Result::Used);
    QVERIFY(k.viewerAllowed(encodeSecret(once->secret), now));  // its own session's video
    k.sessionEnded("Once", now);
    QVERIFY(!k.viewerAllowed(encodeSecret(once->secret), now));  // and no more
}

void TestKeyring::damagedOrExposedStore_isRefused_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<int>("mode");
    QTest::addColumn<QString>("reason");
    QTest::newRow("not json") << QByteArray("{people") << 0600 << "damaged";
    QTest::newRow("other format") << QByteArray("{\"format\":7}") << 0600 << "damaged";
    QTest::newRow("entry without key")
        << QByteArray("{\"format\":1,\"people\":[{\"name\":\"A\"}]}") << 0600 << "damaged";
    QTest::newRow("readable by others")
        << QByteArray("{\"format\":1,\"people\":[]}") << 0644 << "readable by other users";
}

void TestKeyring::damagedOrExposedStore_isRefused()
{
    QFETCH(QByteArray, content);
    QFETCH(int, mode);
    QFETCH(QString, reason);
    QTemporaryDir dir;
    const QString path = dir.filePath("people.json");
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(content);
    f.close();
    QVERIFY(::chmod(QFile::encodeName(path).constData(), mode_t(mode)) == 0);
    Keyring k(path, {});
    QString error;
    QVERIFY(!k.load(&error));
    QVERIFY2(error.contains(reason), qPrintable(error));
    QCOMPARE(modeOf(path), mode_t(mode));
}

void TestKeyring::writePrivateFile_replacesALink_neverWritesThroughIt()
{
    QTemporaryDir dir;
    QFile target(dir.filePath("elsewhere"));
    QVERIFY(target.open(QIODevice::WriteOnly));
    target.write("precious\n");
    target.close();
    QVERIFY(::chmod(QFile::encodeName(target.fileName()).constData(), 0644) == 0);
    const QString path = dir.filePath("secret");
    QVERIFY(QFile::link(target.fileName(), path));
    QByteArray data;
    QString error;
    QCOMPARE(readPrivateFile(path, "a secret", &data, &error), PrivateRead::Refused);
    QVERIFY2(error.contains("symbolic link"), qPrintable(error));
    QVERIFY(writePrivateFile(path, "new\n", "a secret", &error));
    QVERIFY(!QFileInfo(path).isSymLink());
    QCOMPARE(modeOf(path), mode_t(0600));
    QVERIFY(target.open(QIODevice::ReadOnly));
    QCOMPARE(target.readAll(), QByteArray("precious\n"));
    QCOMPARE(modeOf(target.fileName()), mode_t(0644));
}

QTEST_GUILESS_MAIN(TestKeyring)
#include "tst_keyring.moc"
