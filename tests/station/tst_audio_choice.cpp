// How a person names the office microphone and speaker (station/audio_choice.h): none, auto,
// default, a device's name, a GStreamer description; a typo is a sentence naming what is known.
// And rudebot-bridge's --microphone/--speaker (flags and config keys), checked at start.
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include "media/gst_setup.h"
#include "station/audio_choice.h"
#include "tools/rudebot-bridge/bridge_config.h"

using namespace rudebot;

namespace {

const std::vector<AudioDevice> kDefaultOnly{{"System default", "autoaudiosrc"}};
const std::vector<AudioDevice> kWithDevices{{"System default", "autoaudiosrc"},
    {"Built-in Audio Analog Stereo", "pulsesrc device=\"alsa_input.pci\""},
    {"USB Headset Mono", "pulsesrc device=\"alsa_input.usb\""}};

}  // namespace

class TestAudioChoice : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QString error;
        QVERIFY2(initMedia(&error), qPrintable(error));
    }

    void choice_resolvesToADescription_data()
    {
        QTest::addColumn<QString>("choice");
        QTest::addColumn<bool>("devicesPresent");
        QTest::addColumn<QString>("description");
        QTest::newRow("empty is none") << "" << true << "";
        QTest::newRow("none") << "none" << true << "";
        // auto: the default only when the machine has a sound device (none here).
        QTest::newRow("auto with devices") << "auto" << true << "autoaudiosrc";
        QTest::newRow("auto without") << "auto" << false << "";
        QTest::newRow("default without devices") << "default" << false << "autoaudiosrc";
        QTest::newRow("a device's name, any case")
            << "usb headset" << true << "pulsesrc device=\"alsa_input.usb\"";
        QTest::newRow("a description")
            << "audiotestsrc wave=sine is-live=true" << false
            << "audiotestsrc wave=sine is-live=true";
    }
    void choice_resolvesToADescription()
    {
        QFETCH(QString, choice);
        QFETCH(bool, devicesPresent);
        QFETCH(QString, description);
        QString error;
        const auto got = resolveAudioChoice(
            choice, AudioRole::Microphone, devicesPresent ? kWithDevices : kDefaultOnly, &error);
        QVERIFY2(got, qPrintable(error));
        QCOMPARE(*got, description);
    }

    // The speaker chain puts a converter before the description, so one may begin with caps;
    // the check refused it (the tests' speaker files were silently "no speaker").
    void speakerDescriptionBeginningWithCaps_isAccepted()
    {
        QString error;
        const QString file = QStringLiteral(
            "audio/x-raw,format=S16LE,rate=48000,channels=1 ! filesink location=/dev/null");
        const auto got = resolveAudioChoice(file, AudioRole::Speaker, kDefaultOnly, &error);
        QVERIFY2(got, qPrintable(error));
        QCOMPARE(*got, file);
    }

    void unknownName_isASentenceNamingTheKnownDevices()
    {
        QString error;
        QVERIFY(!resolveAudioChoice(
            QStringLiteral("Jabra"), AudioRole::Speaker, kWithDevices, &error));
        QVERIFY2(error.contains("no speaker named 'Jabra'") && error.contains("USB Headset Mono")
                && error.contains("auto"),
            qPrintable(error));
    }

    void bridge_takesMicrophoneAndSpeaker_fromFlagsAndTheConfigFile()
    {
        QTemporaryDir dir;
        const QString ini = dir.filePath("bridge.ini");
        {
            QFile f(ini);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("microphone=USB Headset\nspeaker=default\n");
        }
        BridgeConfig c;
        QString error;
        bool help = false;
        QVERIFY2(parseBridgeConfig({"--virtual-rig", "--config", ini}, &c, &error, &help),
            qPrintable(error));
        QCOMPARE(c.microphone, QStringLiteral("USB Headset"));
        QCOMPARE(c.speaker, QStringLiteral("default"));
        QVERIFY(parseBridgeConfig(
            {"--virtual-rig", "--config", ini, "--microphone", "none"}, &c, &error, &help));
        QCOMPARE(c.microphone, QStringLiteral("none"));  // the flag wins
        QVERIFY(parseBridgeConfig({"--virtual-rig"}, &c, &error, &help));
        QVERIFY(c.microphone.isEmpty() && c.speaker.isEmpty());  // a service: no sound unless set
        QVERIFY(parseBridgeConfig({"--help"}, &c, &error, &help));
        QVERIFY(help);
        QVERIFY2(error.contains("--microphone") && error.contains("--speaker"), qPrintable(error));
    }

    void bridge_unknownMicrophone_refusesToStartWithTheReason()
    {
        QTemporaryDir data;
        QProcess p;
        p.start(QStringLiteral(RUDEBOT_BRIDGE_PATH),
            {"--virtual-rig", "--camera", "none", "--data-dir", data.path(), "--listen",
                "127.0.0.1:0", "--microphone", "no-such-microphone-here"});
        QVERIFY(p.waitForFinished(60000));
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QCOMPARE(p.exitCode(), 2);
        QVERIFY2(err.contains("--microphone: no microphone named 'no-such-microphone-here'"),
            qPrintable(err));
    }
};

QTEST_GUILESS_MAIN(TestAudioChoice)
#include "tst_audio_choice.moc"
