// Both themes at WCAG AA (4.5:1) for text: every text role over the background it is drawn on,
// computed from the palettes the app really applies; and the Connect dialog's error, which was
// #FEFEFE on #EFEFEF in the light theme, with a link field that showed only dots.
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QStyle>
#include <QtTest>

#include "desktop/connect_dialog.h"
#include "desktop/theme.h"
#include "ui/palette_contrast.h"

using namespace rudebot;

class TestTheme : public QObject {
    Q_OBJECT
private slots:
    void contrast_knownPairs_matchWcag();
    void textRoles_meetAaInBothThemes_data();
    void textRoles_meetAaInBothThemes();
    void connectDialog_errorReadableAndLinkShownInClear_data();
    void connectDialog_errorReadableAndLinkShownInClear();
};

void TestTheme::contrast_knownPairs_matchWcag()
{
    QCOMPARE(contrastRatio(Qt::black, Qt::white), 21.0);
    QCOMPARE(contrastRatio(Qt::white, Qt::white), 1.0);
    // The defect: #FEFEFE on #EFEFEF.
    QVERIFY(contrastRatio(QColor(0xfe, 0xfe, 0xfe), QColor(0xef, 0xef, 0xef)) < 1.2);
    QVERIFY(qAbs(contrastRatio(QColor(0x77, 0x77, 0x77), Qt::white) - 4.48) < 0.01);
}

void TestTheme::textRoles_meetAaInBothThemes_data()
{
    QTest::addColumn<bool>("dark");
    QTest::newRow("light") << false;
    QTest::newRow("dark") << true;
}

void TestTheme::textRoles_meetAaInBothThemes()
{
    QFETCH(bool, dark);
    applyTheme(*qApp, dark);
    const QPalette p = qApp->palette();
    QCOMPARE(isDark(p), dark);
    struct Pair {
        QPalette::ColorRole text, background;
        const char *what;
    };
    const Pair pairs[] = {
        {QPalette::WindowText, QPalette::Window, "labels"},
        {QPalette::Text, QPalette::Base, "fields and lists"},
        {QPalette::Text, QPalette::AlternateBase, "alternate rows"},
        {QPalette::ButtonText, QPalette::Button, "buttons"},
        {QPalette::HighlightedText, QPalette::Highlight, "selection"},
        {QPalette::ToolTipText, QPalette::ToolTipBase, "tool tips"},
        {QPalette::PlaceholderText, QPalette::Base, "placeholders"},
        {QPalette::Link, QPalette::Base, "links in fields"},
        {QPalette::Link, QPalette::Window, "links in labels"},
    };
    for (QPalette::ColorGroup g : {QPalette::Active, QPalette::Inactive}) {
        for (const Pair &pair : pairs) {
            const double r = contrastRatio(p.color(g, pair.text), p.color(g, pair.background));
            QVERIFY2(r >= kWcagAaText,
                qPrintable(
                    QStringLiteral("%1 (group %2): %3:1 (%4 on %5)")
                        .arg(QLatin1String(pair.what))
                        .arg(int(g))
                        .arg(r, 0, 'f', 2)
                        .arg(p.color(g, pair.text).name(), p.color(g, pair.background).name())));
        }
    }
    // Error text, as labels show it.
    QVERIFY(contrastRatio(errorTextColor(p), p.color(QPalette::Window)) >= kWcagAaText);
}

void TestTheme::connectDialog_errorReadableAndLinkShownInClear_data()
{
    textRoles_meetAaInBothThemes_data();
}

void TestTheme::connectDialog_errorReadableAndLinkShownInClear()
{
    QFETCH(bool, dark);
    applyTheme(*qApp, dark);
    ConnectDialog dialog({}, nullptr, [] { return QList<PortCandidate>{}; });
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *link = dialog.findChild<QLineEdit *>(QStringLiteral("pairingLink"));
    QVERIFY(link);
    const QString pasted = QStringLiteral("rudebot://office:47800/?fp=AB&key=not-valid");
    link->setFocus();
    QTest::keyClicks(link, pasted);
    link->clearFocus();
    QCOMPARE(link->echoMode(), QLineEdit::Normal);
    QCOMPARE(link->displayText(), pasted);  // what the user sees is what they pasted
    QCOMPARE(link->accessibleName(), QStringLiteral("Pairing link"));

    link->setText(QStringLiteral("not a link"));
    dialog.accept();
    QVERIFY(dialog.isVisible());  // refused
    auto *problem = dialog.findChild<QLabel *>(QStringLiteral("connectProblem"));
    QVERIFY(problem && problem->isVisible());
    QVERIFY(problem->text().startsWith(QStringLiteral("Cannot connect")));
    const QColor fg = problem->palette().color(problem->foregroundRole());
    const QColor bg = dialog.palette().color(QPalette::Window);
    const double r = contrastRatio(fg, bg);
    QVERIFY2(r >= kWcagAaText,
        qPrintable(QStringLiteral("%1 on %2: %3:1").arg(fg.name(), bg.name()).arg(r)));
    // And as painted: the label's darkest/brightest pixels differ from the window's enough.
    const QImage shot = problem->grab().toImage();
    double best = 1;
    for (int y = 0; y < shot.height(); ++y)
        for (int x = 0; x < shot.width(); ++x)
            best = qMax(best, contrastRatio(shot.pixelColor(x, y), bg));
    QVERIFY2(best >= kWcagAaText, qPrintable(QString::number(best)));
}

QTEST_MAIN(TestTheme)
#include "tst_theme.moc"
