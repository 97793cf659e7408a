// Typed settings: values round-trip, missing ones give defaults, corrupt ones fall back to the
// default with a warning instead of breaking the app.
#include <QtTest>

#include <QFile>
#include <QSettings>
#include <QTemporaryDir>

#include "desktop/app_settings.h"

using namespace rudebot;

class TestAppSettings : public QObject {
    Q_OBJECT

private slots:
    void missingValues_giveDefaults();
    void values_roundTripThroughTheFile();
    void recentConnections_newestFirstWithoutDuplicates();
    void presets_arePerRig();
    void corruptValue_fallsBackWithWarning_data();
    void corruptValue_fallsBackWithWarning();
    void corruptPresets_giveEmptyListWithWarning();
    void corruptPresets_savingOverThem_keepsTheOldTextAside();
    void settingsFile_isReadableByOwnerOnly();

private:
    QString path() const { return m_dir.filePath(QStringLiteral("rudebot.ini")); }
    QTemporaryDir m_dir;
};

void TestAppSettings::missingValues_giveDefaults()
{
    QFile::remove(path());
    QSettings qs(path(), QSettings::IniFormat);
    AppSettings s(&qs);
    QVERIFY(s.remoteGeometry().isEmpty());
    QVERIFY(s.recentConnections().isEmpty());
    QCOMPARE(s.theme(), AppSettings::Theme::System);
    QCOMPARE(s.hfovDeg(), 60.0);
    QCOMPARE(s.officeName(), QStringLiteral("Front desk"));
    QVERIFY(!s.fillWindow());
    QVERIFY(!s.clientName().isEmpty());
    QCOMPARE(s.presets(QStringLiteral("any")).count(), 0);
    QVERIFY(s.warnings().isEmpty());
}

void TestAppSettings::values_roundTripThroughTheFile()
{
    QFile::remove(path());
    {
        QSettings qs(path(), QSettings::IniFormat);
        AppSettings s(&qs);
        s.setRemoteGeometry(QByteArray("\x01\x02geometry", 10));
        s.setTheme(AppSettings::Theme::Dark);
        s.setHfovDeg(72.5);
        s.setClientName(QStringLiteral("Rudy"));
        s.setOfficeName(QStringLiteral("Reception"));
        s.setFillWindow(true);
        s.setVideoAddress(QStringLiteral("serial-/dev/ttyACM0"), QStringLiteral("rtsp://cam/1"));
        s.sync();
    }
    QSettings qs(path(), QSettings::IniFormat);
    AppSettings s(&qs);
    QCOMPARE(s.remoteGeometry(), QByteArray("\x01\x02geometry", 10));
    QCOMPARE(s.theme(), AppSettings::Theme::Dark);
    QCOMPARE(s.hfovDeg(), 72.5);
    QCOMPARE(s.clientName(), QStringLiteral("Rudy"));
    QCOMPARE(s.officeName(), QStringLiteral("Reception"));
    QVERIFY(s.fillWindow());  // read back from the file's text "true"
    QCOMPARE(s.videoAddress(QStringLiteral("serial-/dev/ttyACM0")), QStringLiteral("rtsp://cam/1"));
    QVERIFY(s.warnings().isEmpty());
}

void TestAppSettings::recentConnections_newestFirstWithoutDuplicates()
{
    QFile::remove(path());
    QSettings qs(path(), QSettings::IniFormat);
    AppSettings s(&qs);
    for (int i = 0; i < 12; ++i)
        s.addRecentConnection(QStringLiteral("bridge:host:%1").arg(7000 + i));
    s.addRecentConnection(QStringLiteral("bridge:host:7009"));
    const QStringList recent = s.recentConnections();
    QCOMPARE(recent.size(), AppSettings::kMaxRecent);
    QCOMPARE(recent.first(), QStringLiteral("bridge:host:7009"));
    QCOMPARE(recent.at(1), QStringLiteral("bridge:host:7011"));
    QCOMPARE(recent.count(QStringLiteral("bridge:host:7009")), 1);
}

void TestAppSettings::presets_arePerRig()
{
    QFile::remove(path());
    QSettings qs(path(), QSettings::IniFormat);
    AppSettings s(&qs);
    PresetList a;
    QVERIFY(a.add({QStringLiteral("Desk"), 20}));
    QVERIFY(a.setParkDeg(-75));
    s.setPresets(QStringLiteral("station-abc/def"), a);
    QCOMPARE(s.presets(QStringLiteral("station-abc/def")).presets(), a.presets());
    QCOMPARE(s.presets(QStringLiteral("station-abc/def")).parkDeg(), -75.0);
    QCOMPARE(s.presets(QStringLiteral("serial-/dev/ttyACM0")).count(), 0);
}

void TestAppSettings::corruptValue_fallsBackWithWarning_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QVariant>("stored");
    QTest::newRow("theme not a theme") << QString(AppSettings::kTheme.name) << QVariant("purple");
    QTest::newRow("hfov not a number") << QString(AppSettings::kHfov.name) << QVariant("wide");
    QTest::newRow("hfov out of range") << QString(AppSettings::kHfov.name) << QVariant(400);
    QTest::newRow("name too long")
        << QString(AppSettings::kClientName.name) << QVariant(QString(200, 'x'));
    QTest::newRow("geometry not bytes")
        << QString(AppSettings::kRemoteGeometry.name) << QVariant(42);
    QTest::newRow("fill not a yes or no")
        << QString(AppSettings::kFillWindow.name) << QVariant("sometimes");
}

void TestAppSettings::corruptValue_fallsBackWithWarning()
{
    QFETCH(QString, key);
    QFETCH(QVariant, stored);
    QFile::remove(path());
    {
        QSettings qs(path(), QSettings::IniFormat);
        qs.setValue(key, stored);
    }
    QSettings qs(path(), QSettings::IniFormat);
    AppSettings s(&qs);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("not usable")));
    QCOMPARE(s.theme(), AppSettings::Theme::System);
    QCOMPARE(s.hfovDeg(), 60.0);
    QVERIFY(s.clientName().size() < 100);
    QVERIFY(s.remoteGeometry().isEmpty());
    QVERIFY(!s.fillWindow());
    QCOMPARE(s.warnings().size(), 1);
    QVERIFY(s.warnings().first().contains(key));
}

void TestAppSettings::corruptPresets_giveEmptyListWithWarning()
{
    QFile::remove(path());
    {
        QSettings qs(path(), QSettings::IniFormat);
        qs.setValue(QStringLiteral("presets/rig1"), QByteArray("{not json"));
    }
    QSettings qs(path(), QSettings::IniFormat);
    AppSettings s(&qs);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("cannot be read")));
    QCOMPARE(s.presets(QStringLiteral("rig1")).count(), 0);
    QCOMPARE(s.warnings().size(), 1);
}

// Saving new presets over ones that could not be read loses nothing: the old text is kept.
void TestAppSettings::corruptPresets_savingOverThem_keepsTheOldTextAside()
{
    QFile::remove(path());
    const QByteArray broken("{\"format\": \"rudebot-presets\", \"version\": 1, \"presets\": [{\"na");
    {
        QSettings qs(path(), QSettings::IniFormat);
        qs.setValue(QStringLiteral("presets/rig1"), broken);
    }
    QSettings qs(path(), QSettings::IniFormat);
    AppSettings s(&qs);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("presets-unreadable")));
    QStringList problems;
    PresetList list = s.presets(QStringLiteral("rig1"), &problems);
    QCOMPARE(problems.size(), 1);
    QVERIFY(list.add({QStringLiteral("Desk"), 20}));
    s.setPresets(QStringLiteral("rig1"), list);
    s.setPresets(QStringLiteral("rig1"), list);  // a second save keeps the first copy aside
    QCOMPARE(qs.value(QStringLiteral("presets-unreadable/rig1")).toByteArray(), broken);
    QCOMPARE(s.presets(QStringLiteral("rig1")).count(), 1);
}

void TestAppSettings::settingsFile_isReadableByOwnerOnly()
{
    QFile::remove(path());
    QSettings qs(path(), QSettings::IniFormat);
    AppSettings s(&qs);
    s.addRecentConnection(QStringLiteral("rudebot://h:1/?fp=00&key=secret"));
    QCOMPARE(
        QFile::permissions(path()) & (QFile::ReadGroup | QFile::ReadOther), QFile::Permissions());
}

QTEST_MAIN(TestAppSettings)
#include "tst_app_settings.moc"
