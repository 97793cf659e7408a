// Calibration profiles: the JSON file round trip, strict refusal of bad files (with the store
// left byte for byte as it was), and the per-rig store in a temporary directory.
#include <QtTest>

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include "calibration/profile_store.h"

using namespace rudebot;

namespace {

CalibrationProfile sample(const QString &rigId = QStringLiteral("serial:/dev/ttyACM0"))
{
    CalibrationProfile p;
    p.name = QStringLiteral("Team table");
    p.rigId = rigId;
    p.calibration.homeServoDeg = 95;
    p.calibration.minLogicalDeg = -55;
    p.calibration.maxLogicalDeg = 55.5;
    p.calibration.inverted = true;
    p.calibration.hfovDeg = 60.25;
    p.msPerDegree = 17;
    p.saved = QDateTime(QDate(2024, 5, 1), QTime(9, 30, 0), Qt::UTC);
    return p;
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeAll(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

// The sample file with one edit: a key set (or removed, for an undefined value) at a path.
QByteArray edited(const QString &key, const QJsonValue &value, bool inCalibration = false)
{
    QJsonObject o = QJsonDocument::fromJson(profileToJson(sample())).object();
    QJsonObject cal = o.value(QStringLiteral("calibration")).toObject();
    QJsonObject &target = inCalibration ? cal : o;
    if (value.isUndefined())
        target.remove(key);
    else
        target.insert(key, value);
    if (inCalibration)
        o.insert(QStringLiteral("calibration"), cal);
    return QJsonDocument(o).toJson();
}

}  // namespace

class TestCalibrationProfile : public QObject {
    Q_OBJECT
private slots:
    void json_roundTripsEveryField();
    void json_isTheDocumentedLayout();
    void malformedFile_isRefusedWithASentence_andTheStoreIsUnchanged_data();
    void malformedFile_isRefusedWithASentence_andTheStoreIsUnchanged();
    void store_savesAndLoadsPerRig();
    void store_withNothingSaved_loadsNothingWithoutError();
    void store_corruptFile_loadsNothingWithASentence();
    void store_invalidProfile_isNotSaved_andTheOldOneStays();
    void store_import_storesUnderTheGivenRig();
    void store_export_writesTheStoredProfile();
    void store_rigIdsWithUnsafeCharacters_getDistinctFiles();
};

void TestCalibrationProfile::json_roundTripsEveryField()
{
    const CalibrationProfile p = sample();
    QString error;
    const auto back = profileFromJson(profileToJson(p), &error);
    QVERIFY2(back, qPrintable(error));
    QCOMPARE(back->name, p.name);
    QCOMPARE(back->rigId, p.rigId);
    QCOMPARE(back->calibration.homeServoDeg, 95.0);
    QCOMPARE(back->calibration.minLogicalDeg, -55.0);
    QCOMPARE(back->calibration.maxLogicalDeg, 55.5);
    QCOMPARE(back->calibration.inverted, true);
    QCOMPARE(back->calibration.hfovDeg, 60.25);
    QCOMPARE(back->msPerDegree, 17);
    QCOMPARE(back->saved, p.saved);
    QVERIFY(*back == p);
    QVERIFY(!back->calibration.parkLogicalDeg);  // no park step: the key is left out
    QVERIFY(!profileToJson(p).contains("park_logical"));

    // The park step ("turn the camera to the wall") is kept when there is one.
    CalibrationProfile parked = sample();
    parked.calibration.parkLogicalDeg = -50;
    const auto again = profileFromJson(profileToJson(parked), &error);
    QVERIFY2(again, qPrintable(error));
    QCOMPARE(again->calibration.parkLogicalDeg.value_or(0), -50.0);
    QVERIFY(*again == parked && !(*again == p));
}

void TestCalibrationProfile::json_isTheDocumentedLayout()
{
    const QJsonObject o = QJsonDocument::fromJson(profileToJson(sample())).object();
    QCOMPARE(o.value(QStringLiteral("format")).toString(), QStringLiteral("rudebot-calibration"));
    QCOMPARE(o.value(QStringLiteral("version")).toInt(), 1);
    QCOMPARE(o.value(QStringLiteral("saved")).toString(), QStringLiteral("2024-05-01T09:30:00Z"));
    QCOMPARE(o.value(QStringLiteral("ms_per_degree")).toInt(), 17);
    const QJsonObject c = o.value(QStringLiteral("calibration")).toObject();
    QCOMPARE(c.value(QStringLiteral("home_servo")).toDouble(), 95.0);
    QCOMPARE(c.value(QStringLiteral("inverted")).toBool(), true);
    QCOMPARE(c.keys().size(), 5);
}

void TestCalibrationProfile::malformedFile_isRefusedWithASentence_andTheStoreIsUnchanged_data()
{
    QTest::addColumn<QByteArray>("file");
    QTest::addColumn<QString>("says");
    const QJsonValue gone;  // undefined: remove the key
    QTest::newRow("empty file") << QByteArray() << "not JSON";
    QTest::newRow("not JSON") << QByteArray("home=95\n") << "not JSON";
    QTest::newRow("truncated") << profileToJson(sample()).left(80) << "not JSON";
    QTest::newRow("an array") << QByteArray("[1, 2]") << "no JSON object";
    QTest::newRow("another format") << edited("format", QStringLiteral("obs-ptz")) << "not marked";
    QTest::newRow("no format") << edited("format", gone) << "not marked";
    QTest::newRow("future version") << edited("version", 2) << "version";
    QTest::newRow("no name") << edited("name", gone) << "\u201cname\u201d";
    QTest::newRow("blank name") << edited("name", QStringLiteral("   ")) << "needs a name";
    QTest::newRow("name not text") << edited("name", 7) << "must be text";
    QTest::newRow("unknown key") << edited("colour", QStringLiteral("red")) << "unknown key";
    QTest::newRow("no calibration") << edited("calibration", gone) << "\u201ccalibration\u201d";
    QTest::newRow("calibration not an object") << edited("calibration", 5) << "must be an object";
    QTest::newRow("no hfov") << edited("hfov", gone, true) << "\u201chfov\u201d";
    QTest::newRow("unknown calibration key") << edited("tilt", 3, true) << "unknown key";
    QTest::newRow("home as text") << edited("home_servo", QStringLiteral("95"), true)
                                  << "must be a number";
    QTest::newRow("home beyond the servo") << edited("home_servo", 200, true) << "0 to 180";
    QTest::newRow("limits swapped") << edited("min_logical", 60, true) << "must not be right";
    QTest::newRow("home outside the limits")
        << edited("max_logical", -10, true) << "between the two limits";
    QTest::newRow("inverted as a number") << edited("inverted", 1, true) << "true or false";
    QTest::newRow("field of view 0") << edited("hfov", 0, true) << "field of view";
    QTest::newRow("park as text") << edited("park_logical", QStringLiteral("-50"), true)
                                  << "must be a number";
    QTest::newRow("park beyond a limit") << edited("park_logical", -70, true) << "park position";
    QTest::newRow("park at home") << edited("park_logical", 0, true) << "must not be home";
    QTest::newRow("speed 0") << edited("ms_per_degree", 0) << "1 to 99";
    QTest::newRow("speed fractional") << edited("ms_per_degree", 17.5) << "whole number";
    QTest::newRow("bad date") << edited("saved", QStringLiteral("yesterday")) << "ISO 8601";
    QTest::newRow("huge file") << QByteArray(kMaxProfileFileBytes + 10, ' ') << "larger than";
}

void TestCalibrationProfile::malformedFile_isRefusedWithASentence_andTheStoreIsUnchanged()
{
    QFETCH(QByteArray, file);
    QFETCH(QString, says);
    QTemporaryDir dir;
    ProfileStore store(dir.filePath(QStringLiteral("profiles")));
    CalibrationProfile existing = sample();
    existing.name = QStringLiteral("Before");
    QVERIFY(store.save(existing));
    const QByteArray before = readAll(store.pathFor(existing.rigId));

    const QString path = dir.filePath(QStringLiteral("import.json"));
    QVERIFY(writeAll(path, file));
    QString error;
    QVERIFY(!store.importFile(path, existing.rigId, &error));
    QVERIFY2(error.contains(says), qPrintable(error));
    QVERIFY2(error.startsWith(QStringLiteral("This is not a usable calibration file: ")),
        qPrintable(error));

    QCOMPARE(readAll(store.pathFor(existing.rigId)), before);
    QCOMPARE(QDir(store.directory()).entryList(QDir::Files).size(), 1);
}

void TestCalibrationProfile::store_savesAndLoadsPerRig()
{
    QTemporaryDir dir;
    ProfileStore store(dir.path());
    CalibrationProfile a = sample(QStringLiteral("rig-a"));
    CalibrationProfile b = sample(QStringLiteral("rig-b"));
    b.calibration.homeServoDeg = 80;
    b.calibration.inverted = false;
    QString error;
    QVERIFY2(store.save(a, &error), qPrintable(error));
    QVERIFY2(store.save(b, &error), qPrintable(error));
    QCOMPARE(store.rigIds(), QStringList({QStringLiteral("rig-a"), QStringLiteral("rig-b")}));
    QVERIFY(*store.load(QStringLiteral("rig-a")) == a);
    QVERIFY(*store.load(QStringLiteral("rig-b")) == b);
    // A second store on the same directory agrees: nothing is cached.
    QVERIFY(*ProfileStore(dir.path()).load(QStringLiteral("rig-b")) == b);
    QVERIFY(store.remove(QStringLiteral("rig-a")));
    QVERIFY(!store.contains(QStringLiteral("rig-a")));
    QCOMPARE(store.rigIds(), QStringList{QStringLiteral("rig-b")});
}

void TestCalibrationProfile::store_withNothingSaved_loadsNothingWithoutError()
{
    QTemporaryDir dir;
    ProfileStore store(dir.filePath(QStringLiteral("not-yet-created")));
    QString error = QStringLiteral("stale");
    QVERIFY(!store.load(QStringLiteral("rig-a"), &error));
    QVERIFY(error.isEmpty());
    QVERIFY(store.rigIds().isEmpty());
}

void TestCalibrationProfile::store_corruptFile_loadsNothingWithASentence()
{
    QTemporaryDir dir;
    ProfileStore store(dir.path());
    QVERIFY(writeAll(store.pathFor(QStringLiteral("rig-a")), "{\"format\":"));
    QString error;
    QVERIFY(!store.load(QStringLiteral("rig-a"), &error));
    QVERIFY2(error.contains(QStringLiteral("Run the calibration wizard again")), qPrintable(error));
    QVERIFY(store.rigIds().isEmpty());
}

void TestCalibrationProfile::store_invalidProfile_isNotSaved_andTheOldOneStays()
{
    QTemporaryDir dir;
    ProfileStore store(dir.path());
    const CalibrationProfile good = sample();
    QVERIFY(store.save(good));
    const QByteArray before = readAll(store.pathFor(good.rigId));
    CalibrationProfile bad = good;
    bad.calibration.minLogicalDeg = 10;  // home outside the limits
    QString error;
    QVERIFY(!store.save(bad, &error));
    QVERIFY(!error.isEmpty());
    QCOMPARE(readAll(store.pathFor(good.rigId)), before);
}

void TestCalibrationProfile::store_import_storesUnderTheGivenRig()
{
    QTemporaryDir dir;
    ProfileStore store(dir.filePath(QStringLiteral("store")));
    const QString path = dir.filePath(QStringLiteral("exported.json"));
    QVERIFY(writeProfileFile(sample(QStringLiteral("old-laptop")), path, nullptr));
    QString error;
    const auto imported = store.importFile(path, QStringLiteral("station:Office"), &error);
    QVERIFY2(imported, qPrintable(error));
    QCOMPARE(imported->rigId, QStringLiteral("station:Office"));
    QCOMPARE(store.load(QStringLiteral("station:Office"))->calibration.homeServoDeg, 95.0);
    QVERIFY(!store.contains(QStringLiteral("old-laptop")));
}

void TestCalibrationProfile::store_export_writesTheStoredProfile()
{
    QTemporaryDir dir;
    ProfileStore store(dir.path());
    QVERIFY(store.save(sample()));
    const QString path = dir.filePath(QStringLiteral("copy.json"));
    QString error;
    QVERIFY2(store.exportFile(sample().rigId, path, &error), qPrintable(error));
    QVERIFY(*readProfileFile(path, &error) == sample());
    QVERIFY(!store.exportFile(QStringLiteral("never-calibrated"), path, &error));
    QVERIFY(error.contains(QStringLiteral("no saved calibration")));
}

void TestCalibrationProfile::store_rigIdsWithUnsafeCharacters_getDistinctFiles()
{
    QTemporaryDir dir;
    ProfileStore store(dir.path());
    const QString a = QStringLiteral("serial:/dev/ttyACM0");
    const QString b = QStringLiteral("serial:/dev/ttyACM0?");
    QVERIFY(store.pathFor(a) != store.pathFor(b));
    QVERIFY(!QFileInfo(store.pathFor(a)).fileName().contains(QLatin1Char('/')));
    QCOMPARE(QFileInfo(store.pathFor(a)).absolutePath(), QDir(dir.path()).absolutePath());
    QVERIFY(store.save(sample(a)));
    QVERIFY(store.save(sample(b)));
    QCOMPARE(store.rigIds().size(), 2);
}

QTEST_APPLESS_MAIN(TestCalibrationProfile)
#include "tst_calibration_profile.moc"
