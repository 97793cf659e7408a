// PresetsPanel: shows the list it is given as numbered buttons and emits the user's requests.
#include <QtTest>

#include "ui/preset_thumbnail.h"
#include "ui/presets_panel.h"
#include "ui/shortcuts_help.h"

#include <QAccessible>
#include <QMenu>
#include <QPushButton>
#include <QTableWidget>
#include <QToolButton>

using namespace rudebot;

namespace {
const QList<Preset> kPresets{{"Desk", 20}, {"Whiteboard", -35}, {"Door", 70}};

QAction *menuAction(PresetsPanel &panel, int row, const QString &text)
{
    const auto buttons = panel.findChildren<QToolButton *>();
    for (QToolButton *b : buttons)
        if (b->accessibleName() == QStringLiteral("More for %1").arg(kPresets[row].name))
            for (QAction *a : b->findChild<QMenu *>()->actions())
                if (a->text() == text)
                    return a;
    return nullptr;
}

QPushButton *addButton(PresetsPanel &panel)
{
    for (QPushButton *b : panel.findChildren<QPushButton *>())
        if (b->text() == QStringLiteral("Add current…"))
            return b;
    return nullptr;
}
}  // namespace

class TestPresetsPanel : public QObject {
    Q_OBJECT

private slots:
    void buttons_areNumberedAndActivate();
    void digitKeys_activateTheirPreset();
    void add_asksForANameAndEmitsIt();
    void add_cancelledOrBlankEmitsNothing();
    void rowMenu_renamesMovesAndRemoves();
    void shortcutsHelp_listsEveryRowInItsTable();
    void thumbnails_showOnTheirButtons_namesKept();
};

// A preset's picture is on its button; the button's accessible name stays the preset's.
void TestPresetsPanel::thumbnails_showOnTheirButtons_namesKept()
{
    QImage view(1280, 720, QImage::Format_RGB32);
    view.fill(QColor(0, 200, 0));
    QList<Preset> presets = kPresets;
    presets[0].thumbnail = PresetThumbnail::fromFrame(view);
    PresetsPanel panel;
    panel.resize(280, 300);
    panel.setPresets(presets);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QPushButton *desk = panel.buttonAt(0);
    QVERIFY(!desk->icon().isNull());
    QVERIFY(desk->iconSize().width() >= 48);
    QVERIFY(panel.buttonAt(1)->icon().isNull());
    QAccessibleInterface *a = QAccessible::queryAccessibleInterface(desk);
    QVERIFY(a);
    QCOMPARE(a->text(QAccessible::Name), QStringLiteral("1  Desk"));
    QVERIFY2(a->text(QAccessible::Description).contains(QStringLiteral("view there")),
        qPrintable(a->text(QAccessible::Description)));
    QVERIFY(QAccessible::queryAccessibleInterface(panel.buttonAt(1))
                ->text(QAccessible::Description)
                .contains(QStringLiteral("No picture yet")));
    // Drawn: the button shows green where its icon is.
    const QImage shot = desk->grab().toImage();
    int green = 0;
    for (int x = 0; x < shot.width(); ++x) {
        const QRgb p = shot.pixel(x, shot.height() / 2);
        green += qGreen(p) > 150 && qRed(p) < 60 && qBlue(p) < 60;
    }
    QVERIFY2(green >= 30, qPrintable(QString::number(green)));
}

void TestPresetsPanel::buttons_areNumberedAndActivate()
{
    PresetsPanel panel;
    panel.setPresets(kPresets);
    QCOMPARE(panel.buttonAt(0)->text(), QStringLiteral("1  Desk"));
    QCOMPARE(panel.buttonAt(1)->text(), QStringLiteral("2  Whiteboard"));
    QCOMPARE(panel.buttonAt(1)->toolTip(), QStringLiteral("Turn to 35° left (key 2)"));
    QSignalSpy spy(&panel, &PresetsPanel::presetActivated);
    panel.buttonAt(2)->click();
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toInt(), 2);
}

void TestPresetsPanel::digitKeys_activateTheirPreset()
{
    PresetsPanel panel;
    panel.setPresets(kPresets);
    panel.show();
    panel.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&panel));
    QSignalSpy spy(&panel, &PresetsPanel::presetActivated);
    QTest::keyClick(&panel, Qt::Key_5);  // no fifth preset
    QTest::keyClick(&panel, Qt::Key_2);
    QTRY_COMPARE(spy.count(), 1);  // a shortcut "animates" the click: the signal comes later
    QCOMPARE(spy.at(0).at(0).toInt(), 1);
}

void TestPresetsPanel::add_asksForANameAndEmitsIt()
{
    PresetsPanel panel;
    panel.setPresets(kPresets);
    panel.setNamePrompt([](QWidget *, const QString &, const QString &, const QString &) {
        return std::optional<QString>("  Lab bench ");
    });
    QSignalSpy spy(&panel, &PresetsPanel::addRequested);
    addButton(panel)->click();
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toString(), QStringLiteral("Lab bench"));
}

void TestPresetsPanel::add_cancelledOrBlankEmitsNothing()
{
    PresetsPanel panel;
    std::optional<QString> answer;
    panel.setNamePrompt(
        [&](QWidget *, const QString &, const QString &, const QString &) { return answer; });
    QSignalSpy spy(&panel, &PresetsPanel::addRequested);
    for (std::optional<QString> a : {std::optional<QString>(), std::optional<QString>("   ")}) {
        answer = a;
        addButton(panel)->click();
    }
    QCOMPARE(spy.count(), 0);
}

void TestPresetsPanel::rowMenu_renamesMovesAndRemoves()
{
    PresetsPanel panel;
    panel.setPresets(kPresets);
    QString shownInitial;
    panel.setNamePrompt([&](QWidget *, const QString &, const QString &, const QString &initial) {
        shownInitial = initial;
        return std::optional<QString>("Board");
    });
    QSignalSpy rename(&panel, &PresetsPanel::renameRequested);
    QSignalSpy move(&panel, &PresetsPanel::moveRequested);
    QSignalSpy remove(&panel, &PresetsPanel::removeRequested);

    menuAction(panel, 1, "Rename…")->trigger();
    QCOMPARE(shownInitial, QStringLiteral("Whiteboard"));
    QCOMPARE(rename.count(), 1);
    QCOMPARE(rename.at(0), (QVariantList{1, QStringLiteral("Board")}));

    QVERIFY(!menuAction(panel, 0, "Move up")->isEnabled());
    QVERIFY(!menuAction(panel, 2, "Move down")->isEnabled());
    menuAction(panel, 1, "Move up")->trigger();
    QCOMPARE(move.at(0), (QVariantList{1, 0}));

    menuAction(panel, 2, "Remove")->trigger();
    QCOMPARE(remove.at(0), (QVariantList{2}));
}

void TestPresetsPanel::shortcutsHelp_listsEveryRowInItsTable()
{
    ShortcutsHelp help;
    QVERIFY(!help.isModal());
    auto *table = help.findChild<QTableWidget *>();
    QVERIFY(table);
    QCOMPARE(table->rowCount(), ShortcutsHelp::rows().size());
    QCOMPARE(table->item(0, 0)->text(), ShortcutsHelp::rows().first().first);
    // Sized to its content: every row and the whole text in view, nothing to scroll.
    help.show();
    QVERIFY(QTest::qWaitForWindowExposed(&help));
    const int last = table->rowCount() - 1;
    const QRect lastRow = table->visualItemRect(table->item(last, 1));
    QVERIFY2(table->viewport()->rect().contains(lastRow), "the last row is scrolled out of view");
    for (int r = 0; r <= last; ++r) {
        const QTableWidgetItem *item = table->item(r, 1);
        const int needed = table->fontMetrics().horizontalAdvance(item->text());
        QVERIFY2(table->visualItemRect(item).width() >= needed, qPrintable(item->text()));
        // The office role (--office) has no remote view and so no such shortcut.
        QVERIFY2(!item->text().contains(QStringLiteral("office role")), qPrintable(item->text()));
    }
}

QTEST_MAIN(TestPresetsPanel)
#include "tst_presets_panel.moc"
