// RigDial: what the user's keys, wheel, clicks and drags ask for, within the limits, once each.
#include <QtTest>

#include "ui/rig_dial.h"

#include <QAccessible>
#include <QtMath>
#include <algorithm>
#include <cmath>

using namespace rudebot;

namespace {

// A point at logical angle deg on a circle of the given fraction of the dial's radius: the
// geometry documented in rig_dial.h (clockwise from straight up, around dialCentre()).
QPointF pointAt(const RigDial &dial, double deg, double radiusFraction = 0.8)
{
    const double r = dial.dialRadius() * radiusFraction;
    const double a = qDegreesToRadians(deg);
    return dial.dialCentre() + QPointF(r * std::sin(a), -r * std::cos(a));
}

void mouse(QWidget *w, QEvent::Type type, QPointF pos, Qt::MouseButton button = Qt::LeftButton)
{
    const Qt::MouseButtons held =
        type == QEvent::MouseButtonRelease ? Qt::NoButton : Qt::LeftButton;
    QMouseEvent e(type, pos, w->mapToGlobal(pos), button, held, Qt::NoModifier);
    QCoreApplication::sendEvent(w, &e);
}

void wheel(QWidget *w, int deltaY)
{
    const QPointF pos(w->width() / 2.0, w->height() / 2.0);
    QWheelEvent e(pos, w->mapToGlobal(pos), QPoint(), QPoint(0, deltaY), Qt::NoButton,
        Qt::NoModifier, Qt::NoScrollPhase, false);
    QCoreApplication::sendEvent(w, &e);
}

QList<double> emitted(const QSignalSpy &spy)
{
    QList<double> values;
    for (const auto &args : spy)
        values.append(args.at(0).toDouble());
    return values;
}

struct Dial {
    Dial()
    {
        dial.resize(300, 220);
        dial.setLimits(-80, 80);
    }
    RigDial dial;
};

}  // namespace

class TestRigDial : public QObject {
    Q_OBJECT

private slots:
    void minimumSize_keepsAReadableArc();
    void keys_requestExactSteps_data();
    void keys_requestExactSteps();
    void drag_emitsMonotoneWholeDegreesEndingUnderTheMouse();
    void pointBehindTheRig_snapsToTheNearerStop_data();
    void pointBehindTheRig_snapsToTheNearerStop();
    void wheel_stepsOneDegreePerNotch_data();
    void wheel_stepsOneDegreePerNotch();
    void disabled_emitsNothing();
    void sameValue_isNotEmittedTwice();
    void externalTarget_isShownNotEmitted();
    void newLimits_clampTheShownTargetSilently();
    void accessibility_describesTargetAndActual();
    void accessibility_valueInterfaceSetsTheTarget();
    void limitLabels_neverUnderTheTargetMarker_data();
    void limitLabels_neverUnderTheTargetMarker();
};

void TestRigDial::keys_requestExactSteps_data()
{
    QTest::addColumn<double>("start");
    QTest::addColumn<int>("key");
    QTest::addColumn<int>("modifiers");
    QTest::addColumn<QList<double>>("expected");
    const int none = Qt::NoModifier, shift = Qt::ShiftModifier;
    using L = QList<double>;
    QTest::newRow("Right: 1 degree right") << 20.0 << int(Qt::Key_Right) << none << L{21};
    QTest::newRow("Left: 1 degree left") << 20.0 << int(Qt::Key_Left) << none << L{19};
    QTest::newRow("Shift+Right: 10 right") << 20.0 << int(Qt::Key_Right) << shift << L{30};
    QTest::newRow("Shift+Left: 10 left") << 20.0 << int(Qt::Key_Left) << shift << L{10};
    QTest::newRow("PageUp: 10 right") << 20.0 << int(Qt::Key_PageUp) << none << L{30};
    QTest::newRow("PageDown: 10 left") << 20.0 << int(Qt::Key_PageDown) << none << L{10};
    QTest::newRow("Home: 0") << 20.0 << int(Qt::Key_Home) << none << L{0};
    QTest::newRow("Home when home: nothing") << 0.0 << int(Qt::Key_Home) << none << L{};
    QTest::newRow("PageUp near max: clamped") << 75.0 << int(Qt::Key_PageUp) << none << L{80};
    QTest::newRow("Shift+Left near min: clamped") << -78.0 << int(Qt::Key_Left) << shift << L{-80};
    QTest::newRow("Right at max: nothing") << 80.0 << int(Qt::Key_Right) << none << L{};
    QTest::newRow("Left at min: nothing") << -80.0 << int(Qt::Key_Left) << none << L{};
    QTest::newRow("fractional target steps exactly")
        << 12.5 << int(Qt::Key_Right) << none << L{13.5};
    QTest::newRow("Up: not a dial key") << 20.0 << int(Qt::Key_Up) << none << L{};
}

void TestRigDial::keys_requestExactSteps()
{
    QFETCH(double, start);
    QFETCH(int, key);
    QFETCH(int, modifiers);
    QFETCH(QList<double>, expected);
    Dial d;
    d.dial.setTargetAngle(start);
    QSignalSpy spy(&d.dial, &RigDial::targetRequested);
    QTest::keyClick(&d.dial, Qt::Key(key), Qt::KeyboardModifiers(modifiers));
    QCOMPARE(emitted(spy), expected);
    QCOMPARE(d.dial.targetAngle(), expected.isEmpty() ? start : expected.last());
}

void TestRigDial::drag_emitsMonotoneWholeDegreesEndingUnderTheMouse()
{
    Dial d;
    QSignalSpy spy(&d.dial, &RigDial::targetRequested);
    mouse(&d.dial, QEvent::MouseButtonPress, pointAt(d.dial, -40));
    for (double deg = -40; deg <= 30; deg += 0.37)  // finer than a degree: many moves per value
        mouse(&d.dial, QEvent::MouseMove, pointAt(d.dial, deg, 0.5 + (deg + 40) / 200));
    mouse(&d.dial, QEvent::MouseMove, pointAt(d.dial, 30));
    mouse(&d.dial, QEvent::MouseButtonRelease, pointAt(d.dial, 30));

    const QList<double> values = emitted(spy);
    QVERIFY(values.size() > 10);
    QCOMPARE(values.first(), -40.0);
    QCOMPARE(values.last(), 30.0);
    for (int i = 1; i < values.size(); ++i) {
        QVERIFY2(values[i] > values[i - 1], "strictly increasing: no duplicates, no going back");
        QCOMPARE(values[i], std::round(values[i]));  // whole degrees
    }
    // After release, moving the mouse asks for nothing.
    mouse(&d.dial, QEvent::MouseMove, pointAt(d.dial, -10));
    QCOMPARE(spy.count(), values.size());
}

void TestRigDial::pointBehindTheRig_snapsToTheNearerStop_data()
{
    QTest::addColumn<double>("bearing");
    QTest::addColumn<double>("expected");
    QTest::newRow("just past max") << 85.0 << 80.0;
    QTest::newRow("behind, right side") << 150.0 << 80.0;
    QTest::newRow("behind, left side") << -150.0 << -80.0;
    QTest::newRow("just past min") << -95.0 << -80.0;
}

void TestRigDial::pointBehindTheRig_snapsToTheNearerStop()
{
    QFETCH(double, bearing);
    QFETCH(double, expected);
    Dial d;
    QSignalSpy spy(&d.dial, &RigDial::targetRequested);
    mouse(&d.dial, QEvent::MouseButtonPress, pointAt(d.dial, bearing, 0.5));
    mouse(&d.dial, QEvent::MouseButtonRelease, pointAt(d.dial, bearing, 0.5));
    QCOMPARE(emitted(spy), QList<double>{expected});
}

void TestRigDial::wheel_stepsOneDegreePerNotch_data()
{
    QTest::addColumn<QList<int>>("deltas");
    QTest::addColumn<QList<double>>("expected");
    QTest::newRow("one notch up: right") << QList<int>{120} << QList<double>{21};
    QTest::newRow("three notches down at once") << QList<int>{-360} << QList<double>{17};
    QTest::newRow("two half notches: one step") << QList<int>{60, 60} << QList<double>{21};
    QTest::newRow("a quarter notch: nothing yet") << QList<int>{30} << QList<double>{};
    QTest::newRow("far past the limit: clamped") << QList<int>{120 * 100} << QList<double>{80};
}

void TestRigDial::wheel_stepsOneDegreePerNotch()
{
    QFETCH(QList<int>, deltas);
    QFETCH(QList<double>, expected);
    Dial d;
    d.dial.setTargetAngle(20);
    QSignalSpy spy(&d.dial, &RigDial::targetRequested);
    for (int delta : deltas)
        wheel(&d.dial, delta);
    QCOMPARE(emitted(spy), expected);
}

void TestRigDial::disabled_emitsNothing()
{
    Dial d;
    d.dial.setTargetAngle(20);
    d.dial.setEnabled(false);
    QSignalSpy spy(&d.dial, &RigDial::targetRequested);
    QTest::keyClick(&d.dial, Qt::Key_Right);
    QTest::keyClick(&d.dial, Qt::Key_Home);
    wheel(&d.dial, 120);
    mouse(&d.dial, QEvent::MouseButtonPress, pointAt(d.dial, -50));
    mouse(&d.dial, QEvent::MouseMove, pointAt(d.dial, -60));
    mouse(&d.dial, QEvent::MouseButtonRelease, pointAt(d.dial, -60));
    QCOMPARE(spy.count(), 0);
    QCOMPARE(d.dial.targetAngle(), 20.0);

    d.dial.setEnabled(true);
    QTest::keyClick(&d.dial, Qt::Key_Right);
    QCOMPARE(emitted(spy), QList<double>{21});
}

void TestRigDial::sameValue_isNotEmittedTwice()
{
    Dial d;
    QSignalSpy spy(&d.dial, &RigDial::targetRequested);
    const QPointF at = pointAt(d.dial, 25);
    mouse(&d.dial, QEvent::MouseButtonPress, at);
    for (int i = 0; i < 5; ++i) {
        mouse(&d.dial, QEvent::MouseMove, at + QPointF(0.2 * i, 0));  // jitter within one degree
        mouse(&d.dial, QEvent::MouseMove, at);
    }
    mouse(&d.dial, QEvent::MouseButtonRelease, at);
    mouse(&d.dial, QEvent::MouseButtonPress, at);  // a second click on the same spot
    mouse(&d.dial, QEvent::MouseButtonRelease, at);
    QCOMPARE(emitted(spy), QList<double>{25});
}

void TestRigDial::externalTarget_isShownNotEmitted()
{
    Dial d;
    QSignalSpy spy(&d.dial, &RigDial::targetRequested);
    d.dial.setTargetAngle(-35);
    QCOMPARE(d.dial.targetAngle(), -35.0);
    QCOMPARE(spy.count(), 0);
    // Clicking where the target already is asks for nothing new.
    mouse(&d.dial, QEvent::MouseButtonPress, pointAt(d.dial, -35));
    mouse(&d.dial, QEvent::MouseButtonRelease, pointAt(d.dial, -35));
    QCOMPARE(spy.count(), 0);
}

void TestRigDial::newLimits_clampTheShownTargetSilently()
{
    Dial d;
    d.dial.setTargetAngle(70);
    QSignalSpy spy(&d.dial, &RigDial::targetRequested);
    d.dial.setLimits(45, -60);  // either order
    QCOMPARE(d.dial.minimumAngle(), -60.0);
    QCOMPARE(d.dial.maximumAngle(), 45.0);
    QCOMPARE(d.dial.targetAngle(), 45.0);
    QCOMPARE(spy.count(), 0);
}

void TestRigDial::accessibility_describesTargetAndActual()
{
    Dial d;
    QCOMPARE(d.dial.accessibleName(), QStringLiteral("Rig direction"));
    QCOMPARE(d.dial.focusPolicy(), Qt::StrongFocus);
    QCOMPARE(d.dial.accessibleDescription(), QStringLiteral("Target home, actual unknown"));
    d.dial.setTargetAngle(20);
    d.dial.setActualAngle(12);
    QCOMPARE(d.dial.accessibleDescription(), QStringLiteral("Target 20° right, actual 12° right"));
    d.dial.setActualAngle(-4.6);
    QCOMPARE(d.dial.accessibleDescription(), QStringLiteral("Target 20° right, actual 5° left"));
    QTest::keyClick(&d.dial, Qt::Key_Home);
    QCOMPARE(d.dial.accessibleDescription(), QStringLiteral("Target home, actual 5° left"));
}

void TestRigDial::accessibility_valueInterfaceSetsTheTarget()
{
    Dial d;
    d.dial.setTargetAngle(20);
    QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(&d.dial);
    QVERIFY(iface);
    QCOMPARE(iface->role(), QAccessible::Dial);
    QCOMPARE(iface->text(QAccessible::Name), QStringLiteral("Rig direction"));
    QCOMPARE(iface->text(QAccessible::Value), QStringLiteral("20° right"));
    QAccessibleValueInterface *value = iface->valueInterface();
    QVERIFY(value);
    QCOMPARE(value->currentValue().toDouble(), 20.0);
    QCOMPARE(value->minimumValue().toDouble(), -80.0);
    QCOMPARE(value->maximumValue().toDouble(), 80.0);
    QSignalSpy spy(&d.dial, &RigDial::targetRequested);
    value->setCurrentValue(300.0);
    QCOMPARE(emitted(spy), QList<double>{80});
}

void TestRigDial::limitLabels_neverUnderTheTargetMarker_data()
{
    QTest::addColumn<double>("lo");
    QTest::addColumn<double>("hi");
    QTest::addColumn<int>("width");
    QTest::newRow("-80..80, 220 px") << -80.0 << 80.0 << 220;
    QTest::newRow("-80..80, 300 px") << -80.0 << 80.0 << 300;
    QTest::newRow("-40..60, 220 px") << -40.0 << 60.0 << 220;
    QTest::newRow("-90..90, 260 px") << -90.0 << 90.0 << 260;
    QTest::newRow("-120..30, 220 px") << -120.0 << 30.0 << 220;
}

// The target marker (the dashed line from the hub and the ring on the track, as paintEvent
// draws them) at every whole degree the dial can reach never touches a limit label.
void TestRigDial::limitLabels_neverUnderTheTargetMarker()
{
    QFETCH(double, lo);
    QFETCH(double, hi);
    QFETCH(int, width);
    RigDial dial;
    dial.setLimits(lo, hi);
    dial.resize(width, dial.heightForWidth(width));
    const QPointF c = dial.dialCentre();
    const double r = dial.dialRadius();
    const double tw = std::max(4.0, r * 0.07);  // the track width, as RigDial draws it
    auto at = [&](double radius, double deg) {
        const double a = qDegreesToRadians(deg);
        return QPointF(c.x() + radius * std::sin(a), c.y() - radius * std::cos(a));
    };
    for (bool maximum : {false, true}) {
        const QRectF label = dial.limitLabelRect(maximum);
        QVERIFY(QRectF(dial.rect()).contains(label));
        for (int deg = int(std::ceil(lo)); deg <= hi; ++deg) {
            for (double t = r * 0.16; t <= r - tw; t += 0.5)
                QVERIFY2(!label.contains(at(t, deg)),
                    qPrintable(QStringLiteral("target %1 covers the %2 label")
                                   .arg(deg)
                                   .arg(maximum ? "max" : "min")));
            const QPointF ring = at(r, deg);
            const QPointF nearest(std::clamp(ring.x(), label.left(), label.right()),
                std::clamp(ring.y(), label.top(), label.bottom()));
            QVERIFY2(QLineF(ring, nearest).length() > tw * 0.95 + 1,
                qPrintable(QStringLiteral("ring at %1 covers the %2 label")
                               .arg(deg)
                               .arg(maximum ? "max" : "min")));
        }
    }
}

// A tight layout (the office view with the turn notice showing) gives the dial its minimum:
// the arc must still be big enough to read the needles and limits, not a sliver.
void TestRigDial::minimumSize_keepsAReadableArc()
{
    RigDial dial;
    dial.setLimits(-80, 80);
    dial.resize(dial.minimumSizeHint());
    qInfo("at the minimum %dx%d the arc's radius is %.0f px", dial.width(), dial.height(),
        dial.dialRadius());
    QVERIFY2(dial.dialRadius() >= 40, qPrintable(QString::number(dial.dialRadius())));
}

QTEST_MAIN(TestRigDial)
#include "tst_rig_dial.moc"
