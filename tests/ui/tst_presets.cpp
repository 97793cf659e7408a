// PresetList: its JSON file round-trips, anything invalid is refused with a reason and the old
// list kept, and keys 1..9 find presets 0..8.
#include <QtTest>

#include "ui/presets_model.h"

using namespace rudebot;

namespace {
PresetList sample()
{
    PresetList list;
    list.add({"Desk", 20});
    list.add({"Whiteboard", -35.5});
    list.add({"Door", 72});
    list.setParkDeg(-75);
    return list;
}

QByteArray fileWith(const QByteArray &park, const QByteArray &presets)
{
    return R"({"format": "rudebot-presets", "version": 1, "parkLogicalDeg": )" + park
        + R"(, "presets": )" + presets + "}";
}
}  // namespace

class TestPresets : public QObject {
    Q_OBJECT

private slots:
    void json_roundTripsEveryField();
    void json_invalidFileIsRefusedAndListKept_data();
    void json_invalidFileIsRefusedAndListKept();
    void edits_invalidChangesAreRefusedAndListKept_data();
    void edits_invalidChangesAreRefusedAndListKept();
    void edits_validChangesApply();
    void keys_oneToNineFindPresets_data();
    void keys_oneToNineFindPresets();
};

void TestPresets::json_roundTripsEveryField()
{
    const PresetList original = sample();
    PresetList loaded;
    QString error;
    QVERIFY2(loaded.loadJson(original.toJson(), &error), qPrintable(error));
    QCOMPARE(loaded.presets(), original.presets());
    QCOMPARE(loaded.parkDeg(), -75.0);
    QCOMPARE(loaded.toJson(), original.toJson());
}

void TestPresets::json_invalidFileIsRefusedAndListKept_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("reason");
    const QByteArray ok = R"([{"name": "Desk", "logicalDeg": 20}])";
    QTest::newRow("not JSON") << QByteArray("{\"format\": ") << "not valid JSON";
    QTest::newRow("empty") << QByteArray() << "not valid JSON";
    QTest::newRow("a list, not an object") << QByteArray("[]") << "JSON object";
    QTest::newRow("another format")
        << QByteArray(R"({"format": "obs-ptz", "version": 1, "parkLogicalDeg": 0, "presets": []})")
        << "not a Rudebot presets file";
    QTest::newRow("future version") << QByteArray(
        R"({"format": "rudebot-presets", "version": 2, "parkLogicalDeg": 0, "presets": []})")
                                    << "Unsupported presets file version";
    QTest::newRow("park as text") << fileWith("\"-75\"", ok) << "park position";
    QTest::newRow("park out of range") << fileWith("400", ok) << "Park position: A preset angle";
    QTest::newRow("presets not a list") << fileWith("0", "{}") << "\"presets\" must be a list";
    QTest::newRow("angle as text")
        << fileWith("0", R"([{"name": "Desk", "logicalDeg": "20"}])") << "Preset 1 needs";
    QTest::newRow("missing name") << fileWith("0", R"([{"logicalDeg": 20}])") << "Preset 1 needs";
    QTest::newRow("item not an object") << fileWith("0", "[5]") << "Preset 1 needs";
    QTest::newRow("empty name") << fileWith("0", R"([{"name": "  ", "logicalDeg": 20}])")
                                << "Preset 1: A preset needs a name";
    QTest::newRow("name with a line break")
        << fileWith("0", R"([{"name": "De\nsk", "logicalDeg": 20}])") << "control characters";
    QTest::newRow("name too long")
        << fileWith("0", R"([{"name": ")" + QByteArray(41, 'x') + R"(", "logicalDeg": 20}])")
        << "at most 40 characters";
    QTest::newRow("angle out of range")
        << fileWith("0", R"([{"name": "Desk", "logicalDeg": 181}])") << "Preset 1: A preset angle";
    QTest::newRow("duplicate names, second bad")
        << fileWith(
               "0", R"([{"name": "Desk", "logicalDeg": 1}, {"name": "desk", "logicalDeg": 2}])")
        << "Preset 2: There is already a preset called \"Desk\"";
    QByteArray ten = "[";
    for (int i = 0; i < 10; ++i)
        ten += (i ? "," : "") + QByteArray(R"({"name": "P)") + QByteArray::number(i)
            + R"(", "logicalDeg": 0})";
    QTest::newRow("ten presets") << fileWith("0", ten + "]") << "Preset 10: There can be at most 9";
}

void TestPresets::json_invalidFileIsRefusedAndListKept()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, reason);
    PresetList list = sample();
    const QByteArray before = list.toJson();
    QString error;
    QVERIFY(!list.loadJson(json, &error));
    QVERIFY2(error.contains(reason, Qt::CaseInsensitive), qPrintable(error));
    QCOMPARE(list.toJson(), before);
}

void TestPresets::edits_invalidChangesAreRefusedAndListKept_data()
{
    QTest::addColumn<QString>("edit");
    QTest::addColumn<QString>("reason");
    QTest::newRow("add duplicate name") << "add Desk"
                                        << "already a preset called \"Desk\"";
    QTest::newRow("add NaN angle") << "add nan"
                                   << "must be a number";
    QTest::newRow("rename to another's name") << "rename 1 DESK"
                                              << "already a preset";
    QTest::newRow("rename missing preset") << "rename 7 Lab"
                                           << "no preset 8";
    QTest::newRow("remove missing preset") << "remove -1"
                                           << "no preset 0";
    QTest::newRow("move past the end") << "move 0 3"
                                       << "Cannot move preset 1 to place 4";
    QTest::newRow("park out of range") << "park 190"
                                       << "from -180 to 180";
}

void TestPresets::edits_invalidChangesAreRefusedAndListKept()
{
    QFETCH(QString, edit);
    QFETCH(QString, reason);
    PresetList list = sample();
    const QByteArray before = list.toJson();
    const QStringList w = edit.split(' ');
    QString error;
    bool ok = true;
    if (w[0] == "add" && w[1] == "nan")
        ok = list.add({"Lab", qQNaN()}, &error);
    else if (w[0] == "add")
        ok = list.add({w[1], 10}, &error);
    else if (w[0] == "rename")
        ok = list.rename(w[1].toInt(), w[2], &error);
    else if (w[0] == "remove")
        ok = list.remove(w[1].toInt(), &error);
    else if (w[0] == "move")
        ok = list.move(w[1].toInt(), w[2].toInt(), &error);
    else if (w[0] == "park")
        ok = list.setParkDeg(w[1].toDouble(), &error);
    QVERIFY(!ok);
    QVERIFY2(error.contains(reason), qPrintable(error));
    QCOMPARE(list.toJson(), before);
}

void TestPresets::edits_validChangesApply()
{
    PresetList list = sample();
    QVERIFY(list.rename(1, "  Board  "));
    QCOMPARE(list.at(1).name, QStringLiteral("Board"));
    QVERIFY(list.rename(0, "desk"));  // its own name in another case is fine
    QVERIFY(list.move(2, 0));
    QCOMPARE(list.at(0).name, QStringLiteral("Door"));
    QVERIFY(list.setAngle(0, 60));
    QVERIFY(list.remove(1));
    QCOMPARE(list.count(), 2);
    QCOMPARE(list.at(1), (Preset{"Board", -35.5}));
}

void TestPresets::keys_oneToNineFindPresets_data()
{
    QTest::addColumn<int>("presets");
    QTest::addColumn<int>("key");
    QTest::addColumn<int>("index");
    QTest::newRow("1 -> first") << 3 << int(Qt::Key_1) << 0;
    QTest::newRow("3 -> third") << 3 << int(Qt::Key_3) << 2;
    QTest::newRow("4 with three presets -> none") << 3 << int(Qt::Key_4) << -1;
    QTest::newRow("9 -> ninth") << 9 << int(Qt::Key_9) << 8;
    QTest::newRow("0 -> none") << 9 << int(Qt::Key_0) << -1;
    QTest::newRow("A -> none") << 9 << int(Qt::Key_A) << -1;
}

void TestPresets::keys_oneToNineFindPresets()
{
    QFETCH(int, presets);
    QFETCH(int, key);
    QFETCH(int, index);
    PresetList list;
    for (int i = 0; i < presets; ++i)
        QVERIFY(list.add({QStringLiteral("P%1").arg(i), double(i)}));
    QCOMPARE(list.indexForKey(key), index);
    QCOMPARE(PresetList::keyLabel(8), QStringLiteral("9"));
    QCOMPARE(PresetList::keyLabel(9), QString());
}

QTEST_APPLESS_MAIN(TestPresets)
#include "tst_presets.moc"
