// A pairing per person, against a real station (the real firmware in the virtual rig) and
// real TLS clients: links made and revoked by the real rudebot-bridge pair/revoke processes
// on the station's data directory while the station runs, names the office sees taken from
// the credential, guest links that expire or work once, and the shared link until retired.
#include <QProcess>
#include <QtTest>

#include "station_fixture.h"

using namespace rudebot;

namespace {

const int kLong = 30000;

struct Run {
    int code = -1;
    QByteArray out;
    QByteArray err;
};

// rudebot-bridge SUBCOMMAND ... --data-dir DIR, as the office runs it beside the service.
Run bridge(const StationFixture &f, QStringList args)
{
    args << "--data-dir" << f.dir.path() << "--advertise"
         << "127.0.0.1"
         << "--listen" << QStringLiteral("127.0.0.1:%1").arg(f.station->port());
    QProcess p;
    p.start(QStringLiteral(RUDEBOT_BRIDGE_PATH), args);
    p.waitForFinished(kLong);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
        p.readAllStandardError()};
}

// A link for name, made by "rudebot-bridge pair --name NAME ...".
std::optional<PairingInfo> pair(
    const StationFixture &f, const QString &name, const QStringList &extra = {})
{
    const Run r = bridge(f, QStringList{"pair", "--name", name} + extra);
    // Exactly one line on stderr (for whom the link is), no noise from Qt.
    if (r.code != 0 || r.err.count('\n') != 1 || r.err.contains("QObject")
        || r.err.contains("QSocketNotifier")) {
        qWarning("pair failed or was noisy: %s", r.err.constData());
        return std::nullopt;
    }
    QString error;
    return PairingInfo::fromUri(QString::fromUtf8(r.out.trimmed()), &error);
}

QStringList clientNames(const StationState &s)
{
    QStringList names;
    for (const StationState::Client &c : s.clients)
        names << c.name;
    return names;
}

}  // namespace

class TestStationPeople : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void linkPerPerson_nameFromTheCredential_revokeOneLeavesTheOthers();
    void oneTimeLink_worksForOneConnectionOnly();
    void guestLink_expires_andItsSessionEnds();
    void sharedLink_worksUntilRetired_personalLinksStillWork();
    void pairedList_showsWhoAndWhenLastSeen();

private:
    StationFixture *f = nullptr;
};

void TestStationPeople::init()
{
    f = new StationFixture;
    QString error;
    QVERIFY2(f->start(0, &error), qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(f->client->state(), RigClient::State::Ready, kLong);
}

void TestStationPeople::cleanup()
{
    delete f;
    f = nullptr;
}

void TestStationPeople::linkPerPerson_nameFromTheCredential_revokeOneLeavesTheOthers()
{
    const auto ana = pair(*f, "Ana");
    const auto bob = pair(*f, "Bob");
    QVERIFY(ana && bob);
    QVERIFY(ana->secret != bob->secret && ana->secret != f->secret);
    QCOMPARE(ana->fingerprint, f->fingerprint);

    // Each claims to be someone else: the station names them by their links.
    StationClient a, b;
    a.connectToStation(*ana, "Mallory");
    b.connectToStation(*bob, "Ana");
    QTRY_COMPARE_WITH_TIMEOUT(a.status(), StationClient::Status::Connected, kLong);
    QTRY_COMPARE_WITH_TIMEOUT(b.status(), StationClient::Status::Connected, kLong);
    QTRY_VERIFY_WITH_TIMEOUT(
        clientNames(b.state()).contains("Bob") && clientNames(b.state()).contains("Ana"), kLong);
    QVERIFY2(
        !clientNames(b.state()).contains("Mallory"), qPrintable(clientNames(b.state()).join(',')));
    a.setTargetServo(60);
    QVERIFY(f->rig.waitForAngle(60, 0.6, kLong));
    QTRY_COMPARE_WITH_TIMEOUT(b.state().holder, QStringLiteral("Ana"), kLong);
    int anaPersons = 0;
    for (const ClientInfo &c : f->station->clients())
        anaPersons += c.person == QLatin1String("Ana");
    QCOMPARE(anaPersons, 1);

    // Revoked from the command line while the station runs: Ana is cut off, Bob is not.
    QSignalSpy anaErrors(&a, &StationClient::errorOccurred);
    const Run r = bridge(*f, {"revoke", "Ana"});
    QVERIFY2(r.code == 0, r.err.constData());
    QTRY_COMPARE_WITH_TIMEOUT(a.status(), StationClient::Status::Rejected, kLong);
    QVERIFY(!anaErrors.isEmpty());
    QVERIFY2(anaErrors.last().at(0).toString().contains("revoked"),
        qPrintable(anaErrors.last().at(0).toString()));
    QCOMPARE(b.status(), StationClient::Status::Connected);
    QTRY_VERIFY_WITH_TIMEOUT(!clientNames(b.state()).contains("Ana"), kLong);
    b.setTargetServo(120);
    QVERIFY(f->rig.waitForAngle(120, 0.6, kLong));

    // Her link no longer opens the station.
    StationClient again;
    QSignalSpy againErrors(&again, &StationClient::errorOccurred);
    again.connectToStation(*ana, "Ana");
    QTRY_COMPARE_WITH_TIMEOUT(again.status(), StationClient::Status::Rejected, kLong);
    QVERIFY(againErrors.last().at(0).toString().contains("did not accept the pairing key"));
    QVERIFY(qAbs(f->rig.servo().angleDeg - 120) < 0.6);
}

void TestStationPeople::oneTimeLink_worksForOneConnectionOnly()
{
    const auto guest = pair(*f, "Visitor", {"--once"});
    QVERIFY(guest);
    {
        StationClient c;
        c.connectToStation(*guest, "Visitor");
        QTRY_COMPARE_WITH_TIMEOUT(c.status(), StationClient::Status::Connected, kLong);
        c.setTargetServo(70);
        QVERIFY(f->rig.waitForAngle(70, 0.6, kLong));
        c.disconnectFromStation();
    }
    StationClient second;
    QSignalSpy errors(&second, &StationClient::errorOccurred);
    second.connectToStation(*guest, "Visitor");
    QTRY_COMPARE_WITH_TIMEOUT(second.status(), StationClient::Status::Rejected, kLong);
    QVERIFY2(errors.last().at(0).toString().contains("already used"),
        qPrintable(errors.last().at(0).toString()));
}

void TestStationPeople::guestLink_expires_andItsSessionEnds()
{
    // 0.002 h = 7.2 s: long enough to connect on a busy machine, short enough for a test.
    const auto guest = pair(*f, "Courier", {"--hours", "0.002"});
    QVERIFY(guest);
    StationClient c;
    c.connectToStation(*guest, "Courier");
    QTRY_COMPARE_WITH_TIMEOUT(c.status(), StationClient::Status::Connected, kLong);
    // The station ends the session when the link's time is up, without anyone asking.
    QTRY_COMPARE_WITH_TIMEOUT(c.status(), StationClient::Status::Rejected, kLong);
    StationClient later;
    QSignalSpy errors(&later, &StationClient::errorOccurred);
    later.connectToStation(*guest, "Courier");
    QTRY_COMPARE_WITH_TIMEOUT(later.status(), StationClient::Status::Rejected, kLong);
    QVERIFY2(errors.last().at(0).toString().contains("expired"),
        qPrintable(errors.last().at(0).toString()));
}

void TestStationPeople::sharedLink_worksUntilRetired_personalLinksStillWork()
{
    const auto ana = pair(*f, "Ana");
    QVERIFY(ana);
    StationClient shared;
    shared.connectToStation(f->pairing(), "Old laptop");
    QTRY_COMPARE_WITH_TIMEOUT(shared.status(), StationClient::Status::Connected, kLong);
    // Before migrating, a shared-link client's name is only its claim; the office can tell.
    QString person = "?";
    for (const ClientInfo &c : f->station->clients())
        if (c.name == QLatin1String("Old laptop"))
            person = c.person;
    QCOMPARE(person, QString());

    const Run r = bridge(*f, {"revoke", "--shared-link"});
    QVERIFY2(r.code == 0, r.err.constData());
    QTRY_COMPARE_WITH_TIMEOUT(shared.status(), StationClient::Status::Rejected, kLong);
    StationClient sharedAgain;
    sharedAgain.connectToStation(f->pairing(), "Old laptop");
    QTRY_COMPARE_WITH_TIMEOUT(sharedAgain.status(), StationClient::Status::Rejected, kLong);
    StationClient a;
    a.connectToStation(*ana, "Ana");
    QTRY_COMPARE_WITH_TIMEOUT(a.status(), StationClient::Status::Connected, kLong);
    // And "pair" without a name no longer hands out the retired link.
    const Run p = bridge(*f, {"pair"});
    QCOMPARE(p.code, 1);
    QVERIFY2(p.err.contains("retired") && !p.out.contains("rudebot://"), p.err.constData());
}

void TestStationPeople::pairedList_showsWhoAndWhenLastSeen()
{
    QVERIFY(pair(*f, "Ana"));
    const auto bob = pair(*f, "Bob", {"--guest"});
    QVERIFY(bob);
    StationClient b;
    b.connectToStation(*bob, "Bob");
    QTRY_COMPARE_WITH_TIMEOUT(b.status(), StationClient::Status::Connected, kLong);
    const Run r = bridge(*f, {"paired"});
    QCOMPARE(r.code, 0);
    const QList<QByteArray> lines = r.out.split('\n');
    QByteArray anaLine, bobLine;
    for (const QByteArray &l : lines) {
        if (l.startsWith("Ana "))
            anaLine = l;
        if (l.startsWith("Bob "))
            bobLine = l;
    }
    QVERIFY2(anaLine.contains("never") && anaLine.contains("personal"), r.out.constData());
    QVERIFY2(bobLine.contains("just now") && bobLine.contains("guest until"), r.out.constData());
    QVERIFY2(r.out.contains("shared link") && r.out.contains("active"), r.out.constData());
    // The list is the people, not their keys.
    QVERIFY(!r.out.contains(
        bob->secret.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)));
    // A second person of the same name is refused: names identify people.
    const Run dup = bridge(*f, {"pair", "--name", "ana"});
    QCOMPARE(dup.code, 1);
    QVERIFY2(dup.err.contains("already paired"), dup.err.constData());
}

QTEST_MAIN(TestStationPeople)
#include "tst_people.moc"
