// Sound in the real windows, end to end: a real station (StationHost: the virtual rig running
// the real firmware; a tone WAV as the office microphone, a file as its speaker), the real
// remote window (its microphone a WAV and its speaker a file, chosen in the app's settings)
// and the office view's sound panel on the same station, in a network namespace of the test's
// own (libnice needs a veth). Ctrl+M mutes the remote's microphone and the office sees it; the
// office's mute and its privacy show as "Office microphone off" in the remote view; the meters
// move with the sound; Sound devices… lists the devices and saves the choice.
#include <QApplication>
#include <QComboBox>
#include <QGroupBox>
#include <QLabel>
#include <QMenuBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include "desktop/app_settings.h"
#include "desktop/audio_devices_dialog.h"
#include "desktop/message_bar.h"
#include "desktop/office_audio.h"
#include "desktop/office_window.h"
#include "desktop/remote_audio.h"
#include "desktop/remote_media_path.h"
#include "desktop/remote_window.h"
#include "desktop/station_rig_session.h"
#include "media/speech.h"
#include "station/station_media_fixture.h"
#include "ui/level_meter.h"

using namespace rudebot;
using namespace media_fixture;

namespace {

const int kLong = 60000;

QString toneMic(const QTemporaryDir &dir, const char *name, int hz, QString *error)
{
    const QString wav = dir.filePath(QLatin1String(name));
    if (!run(QStringLiteral("sox"),
            {QStringLiteral("-n"), QStringLiteral("-r"), QStringLiteral("48000"),
                QStringLiteral("-c"), QStringLiteral("1"), QStringLiteral("-b"),
                QStringLiteral("16"), wav, QStringLiteral("synth"), QStringLiteral("240"),
                QStringLiteral("sine"), QString::number(hz), QStringLiteral("vol"),
                QStringLiteral("0.5")},
            error))
        return {};
    return QStringLiteral("filesrc location=\"%1\" ! wavparse ! identity sync=true").arg(wav);
}

// Starts the station and waits until it serves, its media path included.
bool serving(StationHost &host, QString *error)
{
    QSignalSpy ready(&host, &StationHost::ready);
    if (!host.start(error))
        return false;
    if (!ready.wait(kLong) && !host.isReady())
        *error = QStringLiteral("the station did not become ready");
    else if (!host.media())
        *error = QStringLiteral("the station has no media path");
    else
        return true;
    return false;
}

}  // namespace

class TestRemoteAudio : public QObject {
    Q_OBJECT
private slots:
    // The banner named the menu item with its ellipsis and then ended the sentence: "…."
    void unusableMicrophone_theBannerSaysWhereToChooseAnother()
    {
        QTemporaryDir dir;
        QSettings qs(dir.filePath("s.ini"), QSettings::IniFormat);
        AppSettings settings(&qs);
        settings.setMicrophone(QStringLiteral("no-such-microphone"));
        RemoteWindow window(&settings);
        const QString text = window.messageBar()->text();
        QVERIFY2(text.startsWith(QStringLiteral("Sound is off: no microphone named "
                                                "'no-such-microphone'")),
            qPrintable(text));
        QVERIFY2(text.endsWith(QStringLiteral(". Choose another device in Audio › Sound devices.")),
            qPrintable(text));
        QVERIFY(window.mediaPath()->settings().audioSource.isEmpty());
    }

    // A side without any microphone (these machines have none) was shown as "muted" or as "on":
    // each side now hears that there is none, and says so.
    void noMicrophoneOnEitherSide_eachSaysSo()
    {
        QTemporaryDir dir;
        QString error;
        StationHostSettings h = stationSettings(dir.filePath("station"));
        h.media.audioSink = speakerInto(dir.filePath("office-speaker.raw"));  // no microphone
        StationHost host(h);
        QVERIFY2(serving(host, &error), qPrintable(error));
        QSettings qs(dir.filePath("s.ini"), QSettings::IniFormat);
        AppSettings settings(&qs);
        settings.setMicrophone(QStringLiteral("none"));
        settings.setSpeaker(speakerInto(dir.filePath("remote-speaker.raw")));
        OfficeWindow office(host.station(), host.rig(), host.pairing(), &settings);
        OfficeAudio officeAudio(host.media(), host.station(), &settings, &office);
        QCOMPARE(officeAudio.microphoneState()->text(),
            QStringLiteral("No office microphone: choose one with the Sound devices button."));

        RemoteWindow window(&settings);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        // This side's own lack stays in the status bar: a later message (the start hint, here)
        // replaced the warning before, and then nothing said the office cannot hear you.
        window.showStartHint([] {});
        QLabel *ownOff = window.audio()->ownDevicesLabel();
        QVERIFY(ownOff->isVisible());
        QCOMPARE(ownOff->text(), QStringLiteral("No microphone"));
        QVERIFY(ownOff->toolTip().startsWith(QStringLiteral("The office hears nothing from you.")));
        QVERIFY(!window.audio()->muteAction()->isEnabled());  // nothing to mute
        QVERIFY(window.audio()->microphoneMeter()->isOff());
        window.setSession(std::make_unique<StationRigSession>(host.pairing(), "Rudy"));
        QTRY_VERIFY_WITH_TIMEOUT(window.mediaPath()->mediaClient()
                && window.mediaPath()->mediaClient()->state() == MediaClient::State::Live,
            kLong);
        QVERIFY(ownOff->isVisible());
        QVERIFY(window.audio()->microphoneMeter()->isOff());
        QLabel *officeOff = window.audio()->officeMicrophoneLabel();
        QTRY_VERIFY_WITH_TIMEOUT(officeOff->isVisible(), kLong);
        QCOMPARE(officeOff->text(), QStringLiteral("The office has no microphone"));
        QTRY_COMPARE_WITH_TIMEOUT(
            officeAudio.remotesState()->text(), QStringLiteral("Rudy: no microphone"), kLong);
        QVERIFY(officeAudio.remoteMeter()->isOff());
    }

    void muteMetersAndTheOfficeMicrophoneOff_throughTheRealWindows()
    {
        QTemporaryDir dir;
        QString error;
        StationHostSettings h = stationSettings(dir.filePath("station"));
        h.media.audioSource = toneMic(dir, "office.wav", 440, &error);
        QVERIFY2(!h.media.audioSource.isEmpty(), qPrintable(error));
        h.media.audioSink = speakerInto(dir.filePath("office-speaker.raw"));
        StationHost host(h);
        QVERIFY2(serving(host, &error), qPrintable(error));

        QSettings qs(dir.filePath("s.ini"), QSettings::IniFormat);
        AppSettings settings(&qs);
        QCOMPARE(settings.microphone(), QStringLiteral("auto"));  // the default
        const QString remoteMic = toneMic(dir, "remote.wav", 660, &error);
        QVERIFY2(!remoteMic.isEmpty(), qPrintable(error));
        settings.setMicrophone(remoteMic);
        settings.setSpeaker(speakerInto(dir.filePath("remote-speaker.raw")));

        // The office view's sound panel, as OfficeMode::offerSound builds it.
        OfficeWindow office(host.station(), host.rig(), host.pairing(), &settings);
        auto *officeAudio = new OfficeAudio(host.media(), host.station(), &settings, &office, &office);
        office.addAudioPanel(officeAudio->panel());
        office.show();
        QVERIFY(QTest::qWaitForWindowExposed(&office));
        QVERIFY(officeAudio->panel()->isVisible());

        RemoteWindow window(&settings);
        window.resize(1100, 650);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        RemoteAudio *audio = window.audio();
        QVERIFY(audio);
        QVERIFY(audio->muteButton()->isVisible());
        QCOMPARE(audio->muteButton()->accessibleName(), QStringLiteral("Mute microphone"));
        QVERIFY(!audio->officeMicrophoneLabel()->isVisible());
        QVERIFY(!audio->ownDevicesLabel()->isVisible());  // both devices work
        QVERIFY(audio->muteAction()->isEnabled());
        window.setSession(std::make_unique<StationRigSession>(host.pairing(), "Rudy"));
        QTRY_VERIFY_WITH_TIMEOUT(window.mediaPath()->mediaClient()
                && window.mediaPath()->mediaClient()->state() == MediaClient::State::Live,
            kLong);

        // Both tones are heard: the meters move on both sides.
        QTRY_VERIFY_WITH_TIMEOUT(audio->officeMeter()->level() > -40, kLong);
        QTRY_VERIFY_WITH_TIMEOUT(audio->microphoneMeter()->level() > -40, kLong);
        QTRY_VERIFY_WITH_TIMEOUT(officeAudio->microphoneMeter()->level() > -40, kLong);
        QTRY_VERIFY_WITH_TIMEOUT(officeAudio->remoteMeter()->level() > -40, kLong);
        QTRY_VERIFY_WITH_TIMEOUT(
            officeAudio->remotesState()->text().contains("Rudy: microphone on"), kLong);
        {
            // An office view opened after the remote connected knows it too.
            OfficeWindow later(host.station(), host.rig(), host.pairing(), &settings);
            OfficeAudio lateAudio(host.media(), host.station(), &settings, &later);
            QVERIFY2(lateAudio.remotesState()->text().contains("Rudy: microphone on"),
                qPrintable(lateAudio.remotesState()->text()));
        }
        qInfo("levels: remote mic %.0f, office voice at the remote %.0f, office mic %.0f, remote "
              "voice at the office %.0f dBFS",
            audio->microphoneMeter()->level(), audio->officeMeter()->level(),
            officeAudio->microphoneMeter()->level(), officeAudio->remoteMeter()->level());

        // Ctrl+M in the remote view: muted here, told to the office.
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QSignalSpy muted(audio, &RemoteAudio::microphoneMutedChanged);
        QTest::keyClick(&window, Qt::Key_M, Qt::ControlModifier);
        QCOMPARE(muted.count(), 1);
        QVERIFY(audio->microphoneMuted());
        QVERIFY(audio->muteButton()->isChecked());
        QCOMPARE(audio->muteButton()->accessibleName(), QStringLiteral("Microphone muted: unmute"));
        QVERIFY(audio->microphoneMeter()->isOff());
        QTRY_VERIFY_WITH_TIMEOUT(
            officeAudio->remotesState()->text().contains("Rudy: microphone muted"), kLong);
        QTRY_VERIFY_WITH_TIMEOUT(officeAudio->remoteMeter()->isOff(), kLong);
        QTest::keyClick(&window, Qt::Key_M, Qt::ControlModifier);
        QVERIFY(!audio->microphoneMuted());
        QTRY_VERIFY_WITH_TIMEOUT(
            officeAudio->remotesState()->text().contains("Rudy: microphone on"), kLong);

        // The office mutes its microphone with its button: the remote view says so.
        QTest::mouseClick(officeAudio->muteButton(), Qt::LeftButton);
        QVERIFY(host.media()->microphoneMuted());
        QVERIFY(officeAudio->microphoneState()->text().contains("muted here"));
        QTRY_VERIFY_WITH_TIMEOUT(audio->officeMicrophoneLabel()->isVisible(), kLong);
        QCOMPARE(audio->officeMicrophoneLabel()->text(), QStringLiteral("Office microphone off"));
        QTest::mouseClick(officeAudio->muteButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!audio->officeMicrophoneLabel()->isVisible(), kLong);

        // Privacy mutes it too, and both views say so.
        host.station()->lockPark(QStringLiteral("Office"));
        QTRY_VERIFY_WITH_TIMEOUT(audio->officeMicrophoneLabel()->isVisible(), kLong);
        QTRY_VERIFY_WITH_TIMEOUT(
            officeAudio->microphoneState()->text().contains("private"), kLong);
        QVERIFY(officeAudio->microphoneMeter()->isOff());
        QVERIFY(!officeAudio->muteButton()->isChecked());  // the button is the office's own
        host.station()->unlockPark();
        QTRY_VERIFY_WITH_TIMEOUT(!audio->officeMicrophoneLabel()->isVisible(), kLong);

        // Audio › Sound devices… lists this computer's devices and saves the choice.
        audio->devicesAction()->trigger();
        auto *dialog = window.findChild<AudioDevicesDialog *>();
        QVERIFY(dialog);
        QVERIFY(dialog->microphoneBox()->findText("System default") >= 0);
        QVERIFY(dialog->speakerBox()->findText("System default") >= 0);
        QCOMPARE(dialog->microphone(), remoteMic);  // the saved choice, offered as it is
        dialog->microphoneBox()->setCurrentIndex(dialog->microphoneBox()->findData("none"));
        dialog->accept();
        QCOMPARE(settings.microphone(), QStringLiteral("none"));
        QVERIFY(window.mediaPath()->settings().audioSource.isEmpty());  // the next connection
    }
};

int main(int argc, char **argv)
{
    return runInNamespace<TestRemoteAudio, QApplication>(argc, argv, "rau");
}

#include "tst_remote_audio.moc"
