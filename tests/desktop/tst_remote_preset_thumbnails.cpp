// The remote view's preset thumbnails: the picture on show when a preset is added, a new one
// once the rig stands at a preset that was used, and never a picture that is not live (stalled)
// or not ours to keep (the office paused the video). The real window and presets panel, a fake
// session, frames fed to the real video view.
#include <QtTest>

#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>

#include "desktop/app_settings.h"
#include "desktop/message_bar.h"
#include "desktop/remote_presets.h"
#include "desktop/remote_window.h"
#include "ui/preset_thumbnail.h"
#include "ui/presets_panel.h"
#include "ui/video_view.h"
#include "fake_session.h"

using namespace rudebot;

namespace {


SessionSnapshot at(double actual, double target, bool moving = false)
{
    SessionSnapshot s;
    s.status = SessionSnapshot::Status::Connected;
    s.statusText = QStringLiteral("Connected");
    s.hasActual = true;
    s.actualLogical = actual;
    s.hasTarget = true;
    s.targetLogical = target;
    s.moving = moving;
    s.calibration.minLogicalDeg = -80;
    s.calibration.maxLogicalDeg = 80;
    return s;
}

QImage view(QColor colour)
{
    QImage image(640, 360, QImage::Format_RGB32);
    image.fill(colour);
    return image;
}

// The thumbnail's colour, roughly: which of red, green or blue dominates.
char colourOf(const QByteArray &jpeg)
{
    const QImage image = PresetThumbnail::decode(jpeg);
    if (image.isNull())
        return '-';
    const QRgb p = image.pixel(image.width() / 2, image.height() / 2);
    if (qRed(p) > 150 && qGreen(p) < 90 && qBlue(p) < 90)
        return 'r';
    if (qGreen(p) > 150 && qRed(p) < 90 && qBlue(p) < 90)
        return 'g';
    if (qBlue(p) > 150 && qRed(p) < 90 && qGreen(p) < 90)
        return 'b';
    return '?';
}

}  // namespace

class TestRemotePresetThumbnails : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void add_keepsThePictureOnShow_andSavesIt();
    void use_takesANewPictureOnceTheRigStandsThere();
    void use_turnedElsewhereBeforeArriving_keepsTheOldPicture();
    void pausedOrStalledVideo_givesNoPicture();
    void damagedThumbnailInSettings_presetsKept_warned_andRetaken();

private:
    void addPreset(const QString &name);
    char thumb(int index) const { return colourOf(m_window->presets().at(index).thumbnail); }

    QTemporaryDir m_dir;
    std::unique_ptr<QSettings> m_qs;
    std::unique_ptr<AppSettings> m_settings;
    std::unique_ptr<RemoteWindow> m_window;
    FakeSession *m_session = nullptr;
};

void TestRemotePresetThumbnails::init()
{
    m_qs =
        std::make_unique<QSettings>(m_dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
    m_settings = std::make_unique<AppSettings>(m_qs.get());
    m_window = std::make_unique<RemoteWindow>(m_settings.get());
    auto session = std::make_unique<FakeSession>();
    m_session = session.get();
    m_window->setSession(std::move(session));
    m_session->set(at(0, 0));
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestRemotePresetThumbnails::cleanup()
{
    m_window.reset();
    m_session = nullptr;
    m_qs->clear();
}

void TestRemotePresetThumbnails::addPreset(const QString &name)
{
    m_window->presetsPanel()->setNamePrompt(
        [name](QWidget *, const QString &, const QString &, const QString &) {
            return std::optional<QString>(name);
        });
    m_window->presetsPanel()->findChild<QPushButton *>(QStringLiteral("addPreset"))->click();
}

void TestRemotePresetThumbnails::add_keepsThePictureOnShow_andSavesIt()
{
    m_session->set(at(20, 20));
    m_window->videoView()->setFrame(view(Qt::red));
    addPreset(QStringLiteral("Desk"));
    QCOMPARE(m_window->presets().count(), 1);
    QCOMPARE(thumb(0), 'r');
    // Saved with the presets, and shown on the preset's button.
    QCOMPARE(colourOf(m_settings->presets(QStringLiteral("fake-rig")).at(0).thumbnail), 'r');
    QVERIFY(!m_window->presetsPanel()->buttonAt(0)->icon().isNull());
}

void TestRemotePresetThumbnails::use_takesANewPictureOnceTheRigStandsThere()
{
    m_session->set(at(20, 20));
    m_window->videoView()->setFrame(view(Qt::red));
    addPreset(QStringLiteral("Desk"));
    m_session->set(at(-40, -40));
    m_window->videoView()->setFrame(view(Qt::blue));

    m_window->presetsPanel()->buttonAt(0)->click();
    QCOMPARE(m_session->targets.last(), 20.0);
    // On its way: the picture shows the way there, not the view there.
    m_session->set(at(-10, 20, true));
    for (int i = 0; i < 4; ++i) {
        m_window->videoView()->setFrame(view(Qt::green));
        QTest::qWait(RemotePresets::kSettleMs / 2);
    }
    QCOMPARE(thumb(0), 'r');
    // Standing there: after the video has caught up, the view there.
    m_session->set(at(20, 20));
    QTRY_VERIFY_WITH_TIMEOUT(
        (m_window->videoView()->setFrame(view(Qt::green)), thumb(0) == 'g'), 20000);
    QCOMPARE(colourOf(m_settings->presets(QStringLiteral("fake-rig")).at(0).thumbnail), 'g');
}

void TestRemotePresetThumbnails::use_turnedElsewhereBeforeArriving_keepsTheOldPicture()
{
    m_session->set(at(20, 20));
    m_window->videoView()->setFrame(view(Qt::red));
    addPreset(QStringLiteral("Desk"));
    m_session->set(at(-40, -40));
    m_window->presetsPanel()->buttonAt(0)->click();
    m_session->set(at(-20, 20, true));
    m_session->set(at(-30, -30));  // someone turned it elsewhere: this is not the Desk's view
    for (int i = 0; i < 4; ++i) {
        m_window->videoView()->setFrame(view(Qt::blue));
        QTest::qWait(RemotePresets::kSettleMs / 2);
    }
    QCOMPARE(thumb(0), 'r');
}

void TestRemotePresetThumbnails::pausedOrStalledVideo_givesNoPicture()
{
    // The office paused the video (the privacy card is what arrives): nothing is kept.
    SessionSnapshot paused = at(20, 20);
    paused.videoPaused = true;
    m_session->set(paused);
    m_window->videoView()->setFrame(view(Qt::red));
    addPreset(QStringLiteral("Desk"));
    QCOMPARE(m_window->presets().count(), 1);
    QCOMPARE(thumb(0), '-');
    m_session->set(at(-40, -40));
    m_window->presetsPanel()->buttonAt(0)->click();
    m_session->set(paused);
    for (int i = 0; i < 4; ++i) {
        m_window->videoView()->setFrame(view(Qt::red));
        QTest::qWait(RemotePresets::kSettleMs / 2);
    }
    QCOMPARE(thumb(0), '-');
    // A stalled picture is old news: not the view there now.
    m_session->set(at(-40, -40));
    QTRY_VERIFY_WITH_TIMEOUT(m_window->videoView()->msSinceLastFrame() > VideoView::kStallMs, 10000);
    addPreset(QStringLiteral("Door"));
    QCOMPARE(m_window->presets().count(), 2);
    QCOMPARE(thumb(1), '-');
}

void TestRemotePresetThumbnails::damagedThumbnailInSettings_presetsKept_warned_andRetaken()
{
    m_window.reset();
    PresetList list;
    QVERIFY(list.add({QStringLiteral("Desk"), 20, PresetThumbnail::fromFrame(view(Qt::red))}));
    QVERIFY(list.add({QStringLiteral("Door"), -50}));
    QByteArray json = list.toJson();
    const int at64 = json.indexOf("\"thumbnail\": \"") + 14;
    json[at64 + 40] = '*';  // one damaged character in the stored picture
    m_qs->setValue(QStringLiteral("presets/fake-rig"), json);

    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("damaged")));
    m_window = std::make_unique<RemoteWindow>(m_settings.get());
    auto session = std::make_unique<FakeSession>();
    m_session = session.get();
    m_window->setSession(std::move(session));
    QCOMPARE(m_window->presets().count(), 2);  // both presets, only the picture gone
    QCOMPARE(thumb(0), '-');
    QVERIFY2(m_window->messageBar()->text().contains(QStringLiteral("“Desk”")),
        qPrintable(m_window->messageBar()->text()));
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_session->set(at(0, 0));
    m_window->presetsPanel()->buttonAt(0)->click();
    m_session->set(at(20, 20));
    QTRY_VERIFY_WITH_TIMEOUT(
        (m_window->videoView()->setFrame(view(Qt::green)), thumb(0) == 'g'), 20000);
}

QTEST_MAIN(TestRemotePresetThumbnails)
#include "tst_remote_preset_thumbnails.moc"
