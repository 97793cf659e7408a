// Office view › People…: the dialog on a real Keyring (people.json in a temporary directory,
// as the office view's station keeps it): making a guest link, the link opening as that
// person, revoking, a duplicate name refused, and the list following a change made by another
// process (rudebot-bridge pair) through the store.
#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest>

#include "desktop/people_controller.h"
#include "desktop/people_dialog.h"
#include "station/keyring.h"

using namespace rudebot;

namespace {

QStringList listed(const PeopleDialog &d)
{
    QStringList names;
    for (int i = 0; i < d.peopleList()->topLevelItemCount(); ++i)
        names << d.peopleList()->topLevelItem(i)->text(0);
    return names;
}

}  // namespace

class TestPeopleDialog : public QObject {
    Q_OBJECT

private slots:
    void guestLink_madeListedAndRevoked();
    void duplicateName_isRefusedWithTheReason();
    void list_followsAChangeFromAnotherProcess();

private:
    const PairingInfo station{
        QStringLiteral("office"), 47800, QByteArray(64, 'a'), QByteArray(32, 's')};
};

void TestPeopleDialog::guestLink_madeListedAndRevoked()
{
    QTemporaryDir dir;
    Keyring keyring(dir.filePath("people.json"), station.secret);
    QString error;
    QVERIFY(keyring.load(&error));
    PeopleDialog dialog;
    PeopleController controller(&keyring, station, &dialog);
    QVERIFY(!dialog.makeLinkButton()->isEnabled());
    dialog.nameEdit()->setText("Ana");
    dialog.guestBox()->setChecked(true);
    QVERIFY(dialog.makeLinkButton()->isEnabled());
    QTest::mouseClick(dialog.makeLinkButton(), Qt::LeftButton);

    const auto link = PairingInfo::fromUri(dialog.linkEdit()->text(), &error);
    QVERIFY2(link, qPrintable(error));
    QCOMPARE(link->host, station.host);
    QCOMPARE(link->fingerprint, station.fingerprint);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const KeyMatch m = keyring.matchKey(encodeSecret(link->secret), now);
    QCOMPARE(m.result, KeyMatch::Result::Person);
    QCOMPARE(m.name, QStringLiteral("Ana"));
    QCOMPARE(keyring.matchKey(encodeSecret(link->secret), now.addSecs(25 * 3600)).result,
        KeyMatch::Result::Expired);
    QCOMPARE(listed(dialog), QStringList{"Ana"});
    QVERIFY(dialog.peopleList()->topLevelItem(0)->text(2).startsWith("guest until"));
    QCOMPARE(dialog.peopleList()->topLevelItem(0)->text(1), QStringLiteral("never"));

    dialog.peopleList()->topLevelItem(0)->setSelected(true);
    QVERIFY(dialog.revokeButton()->isEnabled());
    QTest::mouseClick(dialog.revokeButton(), Qt::LeftButton);
    QCOMPARE(keyring.people().size(), 0);
    QCOMPARE(listed(dialog), QStringList());
    QCOMPARE(keyring.matchKey(encodeSecret(link->secret), now).result, KeyMatch::Result::Unknown);
}

void TestPeopleDialog::duplicateName_isRefusedWithTheReason()
{
    Keyring keyring({}, station.secret);
    PeopleDialog dialog;
    PeopleController controller(&keyring, station, &dialog);
    emit dialog.linkRequested("Bob", 0, false);
    emit dialog.linkRequested("bob", 0, true);
    QVERIFY2(dialog.messageLabel()->text().contains("already paired"),
        qPrintable(dialog.messageLabel()->text()));
    QCOMPARE(keyring.people().size(), 1);
}

void TestPeopleDialog::list_followsAChangeFromAnotherProcess()
{
    QTemporaryDir dir;
    Keyring keyring(dir.filePath("people.json"), station.secret);
    QString error;
    QVERIFY(keyring.load(&error));
    PeopleDialog dialog;
    PeopleController controller(&keyring, station, &dialog);
    Keyring tool(dir.filePath("people.json"), station.secret);  // rudebot-bridge pair's view
    QVERIFY(tool.load(&error));
    QVERIFY(tool.add("Cy", 0, true, &error));
    QTRY_COMPARE_WITH_TIMEOUT(listed(dialog), QStringList{"Cy"}, 10000);
    QVERIFY(dialog.peopleList()->topLevelItem(0)->text(2).contains("one-time"));
}

QTEST_MAIN(TestPeopleDialog)
#include "tst_people_dialog.moc"
