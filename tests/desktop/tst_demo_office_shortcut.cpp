// rudebot --demo: View › Office view is on Ctrl+Shift+O, and the keys open it. It was built as
// Qt::CTRL | Qt::Key_Shift | Qt::Key_O, a key where a modifier belongs: the menu showed
// "Ctrl+□" and the keys did nothing.
#include <QAction>
#include <QApplication>
#include <QMenu>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

#include "desktop/demo.h"
#include "desktop/desktop_app.h"
#include "desktop/office_window.h"
#include "desktop/remote_window.h"

using namespace rudebot;

class TestDemoOfficeShortcut : public QObject {
    Q_OBJECT
private slots:
    void ctrlShiftO_opensTheOfficeView();
};

void TestDemoOfficeShortcut::ctrlShiftO_opensTheOfficeView()
{
    QTemporaryDir dir;
    qputenv("XDG_DATA_HOME", dir.filePath(QStringLiteral("data")).toUtf8());
    QSettings settings(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
    DesktopOptions options;
    options.demo = true;
    DesktopApp app(qApp, &settings, options);
    QString error;
    QVERIFY2(app.start(&error), qPrintable(error));
    RemoteWindow *remote = app.remoteWindow();
    QVERIFY(QTest::qWaitForWindowExposed(remote));
    QAction *office = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((office = [&]() -> QAction * {
        for (QAction *a : remote->viewMenu()->actions())
            if (a->text() == QStringLiteral("&Office view"))
                return a;
        return nullptr;
    }()) != nullptr,
        60000);
    QCOMPARE(office->shortcut(), QKeySequence(QStringLiteral("Ctrl+Shift+O")));
    QCOMPARE(office->shortcut().toString(QKeySequence::NativeText), QStringLiteral("Ctrl+Shift+O"));
    QVERIFY(!app.officeWindow());
    remote->activateWindow();
    QTest::keyClick(remote, Qt::Key_O, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_VERIFY_WITH_TIMEOUT(app.officeWindow() && app.officeWindow()->isVisible(), 10000);
}

QTEST_MAIN(TestDemoOfficeShortcut)
#include "tst_demo_office_shortcut.moc"
