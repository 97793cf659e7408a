// The remote window against a fake rig session, shared by tst_remote_window (what the window
// shows) and tst_remote_window_turning (what it sends): the same presets, window size and first
// snapshot in both, so a case means the same wherever it lives.
#pragma once
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>
#include <memory>

#include "desktop/app_settings.h"
#include "desktop/remote_window.h"
#include "ui/video_view.h"
#include "fake_session.h"

inline rudebot::SessionSnapshot connectedAt(double actual, double hfov = 60)
{
    rudebot::SessionSnapshot s;
    s.status = rudebot::SessionSnapshot::Status::Connected;
    s.statusText = QStringLiteral("Connected");
    s.hasActual = true;
    s.actualLogical = actual;
    s.hasTarget = true;
    s.targetLogical = actual;
    s.calibration.minLogicalDeg = -80;
    s.calibration.maxLogicalDeg = 80;
    s.calibration.hfovDeg = hfov;
    s.firmware = QStringLiteral("Rudebot firmware 1.0.0");
    s.rttMs = 4;
    return s;
}

inline QImage testFrame()
{
    QImage image(1280, 720, QImage::Format_RGB32);
    image.fill(QColor(90, 120, 150));
    return image;
}

// No slots of its own, so QTest runs only the derived class's cases; their init() and cleanup()
// call these.
class RemoteWindowFixture : public QObject {
protected:
    // Three presets (Desk 20, Whiteboard -35, Door 70), a shown window with a frame, and the
    // session connected at 0 degrees. QVERIFY here fails the init() that calls it.
    void setUpWindow()
    {
        m_qsettings = std::make_unique<QSettings>(
            m_dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
        m_qsettings->clear();
        m_settings = std::make_unique<rudebot::AppSettings>(m_qsettings.get());
        rudebot::PresetList presets;
        QVERIFY(presets.add({QStringLiteral("Desk"), 20}));
        QVERIFY(presets.add({QStringLiteral("Whiteboard"), -35}));
        QVERIFY(presets.add({QStringLiteral("Door"), 70}));
        m_settings->setPresets(QStringLiteral("fake-rig"), presets);
        m_window = std::make_unique<rudebot::RemoteWindow>(m_settings.get());
        auto session = std::make_unique<FakeSession>();
        m_session = session.get();
        m_window->setSession(std::move(session));
        m_window->resize(1100, 650);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        m_window->videoView()->setFrame(testFrame());
        m_session->set(connectedAt(0));
    }

    void tearDownWindow()
    {
        m_window.reset();
        m_settings.reset();
        m_qsettings.reset();
    }

    void clickPicture(double x, double y = 0.5)
    {
        rudebot::VideoView *v = m_window->videoView();
        QTest::mouseClick(v, Qt::LeftButton, {}, v->mapFromNormalized({x, y}).toPoint());
    }

    QTemporaryDir m_dir;
    std::unique_ptr<QSettings> m_qsettings;
    std::unique_ptr<rudebot::AppSettings> m_settings;
    std::unique_ptr<rudebot::RemoteWindow> m_window;
    FakeSession *m_session = nullptr;
};
