// The wizard on a bench: the virtual rig (the real firmware in simavr) behind a RigClient on
// its pty, the RigClient adapter, the virtual camera following the servo angle measured from
// the pulse, a profile store in a temporary directory, and the user's hands: keys on the dial,
// clicks on buttons and on people in the picture. Shared by the integration test and the demo.
#pragma once
#include <QApplication>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <memory>

#include "calibration/calibration_wizard.h"
#include "calibration/profile_store.h"
#include "calibration/rig_client_calibration_rig.h"
#include "comms/link_factory.h"
#include "comms/rig_client.h"
#include "support/virtual_rig.h"
#include "ui/rig_dial.h"
#include "ui/video_view.h"
#include "video/office_scene.h"
#include "video/virtual_camera.h"

struct CalibrationBench {
    static constexpr int kMoveTimeoutMs = 20000;

    CalibrationBench() : store(dir.filePath(QStringLiteral("profiles"))), camera(cameraSettings())
    {
        QObject::connect(&rig, &VirtualRig::servoChanged, &camera,
            [this](const ServoSample &s) { camera.setServoAngle(s.angleDeg); });
    }

    static rudebot::VirtualCameraSettings cameraSettings()
    {
        rudebot::VirtualCameraSettings s;  // 60 degrees, yawPerServoDeg -1: inverted
        s.resolution = {640, 360};
        s.fps = 15;
        return s;
    }

    // Starts the rig (real time: moves take what they would on the bench) and its client.
    // simArgs go to rudebot-sim (--blank --bootloader HEX: a new Uno).
    bool start(QString *error, const QStringList &simArgs = {})
    {
        VirtualRig::Options o;
        if (!simArgs.contains(QStringLiteral("--blank")))
            o.elf = VirtualRig::firmwarePath(QStringLiteral("rudebot"));
        o.speed = 1;
        o.resetOnOpen = true;
        o.extraArgs = simArgs;
        if (!rig.start(o)) {
            *error = rig.errorString();
            return false;
        }
        rudebot::LinkSettings s;
        s.kind = rudebot::LinkSettings::Kind::Serial;
        s.path = rig.linkPath();
        link = rudebot::createLink(s);
        rudebot::RigClientOptions options;
        options.bootWaitMs = 300;  // the simulator has no bootloader
        client = std::make_unique<rudebot::RigClient>(link.get(), options);
        adapter = std::make_unique<rudebot::RigClientCalibrationRig>(client.get());
        client->start();
        camera.start();
        return true;
    }

    bool waitReady(int ms = 20000)
    {
        return QTest::qWaitFor(
            [this] {
                return client->state() == rudebot::RigClient::State::Ready
                    && client->hasActualAngle() && rig.hasServo();
            },
            ms);
    }

    std::unique_ptr<rudebot::CalibrationWizard> makeWizard()
    {
        auto w = std::make_unique<rudebot::CalibrationWizard>(adapter.get(), &store, rigId);
        QObject::connect(&camera, &rudebot::VirtualCamera::frameReady, w.get(),
            &rudebot::CalibrationWizard::setFrame);
        w->resize(1100, 720);
        return w;
    }

    double servo() const { return rig.servo().angleDeg; }
    double yawAt(double servoDeg) const
    {
        return rudebot::VirtualCamera::yawForServo(camera.settings(), servoDeg);
    }

    // Where a person of the office appears (normalized x) with the servo where it is now.
    double personX(const QString &name) const
    {
        for (const rudebot::Person &p : camera.scene().people()) {
            if (p.name != name)
                continue;
            const QSize size = camera.settings().resolution;
            const auto x =
                rudebot::OfficeScene::screenX(p, size, yawAt(servo()), camera.settings().hfovDeg);
            return x ? *x / size.width() : -1;
        }
        return -1;
    }

    // Presses Left/Right (Shift for 10 degrees) on the dial until it asks for toServo, and waits
    // until the servo stands there. keySign: +1 if Right grows the servo angle.
    bool jogWithKeys(rudebot::RigDial *dial, double fromServo, double toServo, int keySign = 1)
    {
        int steps = int(std::lround((toServo - fromServo) * keySign));
        const Qt::Key key = steps > 0 ? Qt::Key_Right : Qt::Key_Left;
        steps = std::abs(steps);
        for (; steps >= 10; steps -= 10)
            QTest::keyClick(dial, key, Qt::ShiftModifier);
        for (; steps > 0; --steps)
            QTest::keyClick(dial, key);
        return rig.waitForAngle(toServo, 0.5, kMoveTimeoutMs)
            && QTest::qWaitFor([&] { return client->isAtTarget(); }, kMoveTimeoutMs);
    }

    static void click(QWidget *w) { QTest::mouseClick(w, Qt::LeftButton); }

    // A left click at a normalized picture point, with sub-pixel precision.
    static void clickPicture(rudebot::VideoView *view, QPointF normalized)
    {
        const QPointF pos = view->mapFromNormalized(normalized);
        QMouseEvent press(QEvent::MouseButtonPress, pos, view->mapToGlobal(pos), Qt::LeftButton,
            Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(view, &press);
        QMouseEvent release(QEvent::MouseButtonRelease, pos, view->mapToGlobal(pos), Qt::LeftButton,
            Qt::NoButton, Qt::NoModifier);
        QCoreApplication::sendEvent(view, &release);
    }

    static QPushButton *wizardButton(rudebot::CalibrationWizard *w, QWizard::WizardButton which)
    {
        return qobject_cast<QPushButton *>(w->button(which));
    }

    // Presses Next once it is enabled.
    static bool next(rudebot::CalibrationWizard *w, int timeoutMs = 20000)
    {
        QAbstractButton *b = w->button(QWizard::NextButton);
        if (!QTest::qWaitFor([b] { return b->isEnabled() && b->isVisible(); }, timeoutMs))
            return false;
        const int before = w->currentId();
        QTest::mouseClick(b, Qt::LeftButton);
        return w->currentId() != before;
    }

    template <typename T> static T *find(rudebot::CalibrationWizard *w, const char *name)
    {
        return w->currentPage()->findChild<T *>(QString::fromLatin1(name));
    }

    QTemporaryDir dir;
    QString rigId = QStringLiteral("serial:virtual-rig");
    rudebot::ProfileStore store;
    VirtualRig rig;
    rudebot::VirtualCamera camera;
    std::unique_ptr<rudebot::Link> link;
    std::unique_ptr<rudebot::RigClient> client;
    std::unique_ptr<rudebot::RigClientCalibrationRig> adapter;
};
