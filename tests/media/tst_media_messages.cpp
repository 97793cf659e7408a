// The media signalling messages and frame stamps: round trips, and what a lying or broken peer
// sends (wrong types, oversized SDP, candidates that smuggle lines, unusable fingerprints) is
// refused with a sentence. No pipelines, no sockets.
#include <QTest>

#include "media/frame_aim.h"
#include "media/frame_stamp.h"
#include "media/media_messages.h"

using namespace rudebot;

namespace {
const QString kFp =
    QStringLiteral("sha-256 ") + QStringLiteral("0A:").repeated(31) + QStringLiteral("FF");
QString sdpWith(const QString &fingerprintLines)
{
    return QStringLiteral(
        "v=0\r\no=- 1 0 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n%1m=video 9 UDP/TLS/RTP/SAVPF 96\r\n")
        .arg(fingerprintLines);
}
}  // namespace

class TestMediaMessages : public QObject {
    Q_OBJECT
private slots:
    void descriptionRoundTrip_data()
    {
        QTest::addColumn<int>("kind");
        QTest::newRow("offer") << int(SessionDescription::Kind::Offer);
        QTest::newRow("answer") << int(SessionDescription::Kind::Answer);
    }
    void descriptionRoundTrip()
    {
        QFETCH(int, kind);
        SessionDescription d{SessionDescription::Kind(kind), sdpWith({}), kFp};
        QString error;
        const auto back = mediaMessageFromJson(toJson(d), &error);
        QVERIFY2(back, qPrintable(error));
        const auto &r = std::get<SessionDescription>(*back);
        QCOMPARE(int(r.kind), kind);
        QCOMPARE(r.sdp, d.sdp);
        QCOMPARE(r.fingerprint, kFp);
        QVERIFY(isMediaMessageType(toJson(d).value(QStringLiteral("type")).toString()));
    }

    void candidateAndCloseRoundTrip()
    {
        QString error;
        const IceCandidate c{
            1, QStringLiteral("candidate:1 1 UDP 2015363327 127.0.0.1 40000 typ host")};
        const auto back = mediaMessageFromJson(toJson(c), &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(std::get<IceCandidate>(*back).mlineIndex, 1);
        QCOMPARE(std::get<IceCandidate>(*back).candidate, c.candidate);
        const auto closed = mediaMessageFromJson(toJson(MediaClose{QStringLiteral("bye")}), &error);
        QVERIFY(closed);
        QCOMPARE(std::get<MediaClose>(*closed).reason, QStringLiteral("bye"));
    }

    void badMessagesAreRefused_data()
    {
        QTest::addColumn<QJsonObject>("json");
        QTest::addColumn<QString>("says");
        const auto offer = [](const QJsonValue &sdp, const QJsonValue &fp) {
            return QJsonObject{{"type", "media-offer"}, {"sdp", sdp}, {"fingerprint", fp}};
        };
        QTest::newRow("unknown type")
            << QJsonObject{{"type", "media-hack"}} << "not a media message";
        QTest::newRow("no type") << QJsonObject{} << "not a media message";
        QTest::newRow("sdp not a string") << offer(3, kFp) << "sdp";
        QTest::newRow("empty sdp") << offer("", kFp) << "sdp";
        QTest::newRow("huge sdp") << offer(QString(70000, QLatin1Char('a')), kFp) << "larger";
        QTest::newRow("no fingerprint") << offer(sdpWith({}), QJsonValue()) << "fingerprint";
        QTest::newRow("sha-1 fingerprint")
            << offer(sdpWith({}), "sha-1 " + QStringLiteral("AB:").repeated(19) + "AB")
            << "fingerprint";
        QTest::newRow("short fingerprint") << offer(sdpWith({}), "sha-256 AB:CD") << "fingerprint";
        QTest::newRow("mline negative")
            << QJsonObject{{"type", "media-ice"}, {"mline", -1}, {"candidate", ""}} << "mline";
        QTest::newRow("mline huge")
            << QJsonObject{{"type", "media-ice"}, {"mline", 1e9}, {"candidate", ""}} << "mline";
        QTest::newRow("mline fraction")
            << QJsonObject{{"type", "media-ice"}, {"mline", 0.5}, {"candidate", ""}} << "mline";
        QTest::newRow("candidate not a string")
            << QJsonObject{{"type", "media-ice"}, {"mline", 0}, {"candidate", 5}} << "candidate";
        QTest::newRow("candidate smuggles a line") << QJsonObject{{"type", "media-ice"},
            {"mline", 0}, {"candidate", "candidate:1 1 UDP 1 1.2.3.4 5 typ host\r\na=x"}}
                                                   << "lines";
        QTest::newRow("candidate junk") << QJsonObject{{"type", "media-ice"}, {"mline", 0},
            {"candidate", "a=rtpmap"}} << "candidate:";
    }
    void badMessagesAreRefused()
    {
        QFETCH(QJsonObject, json);
        QFETCH(QString, says);
        QString error;
        QVERIFY(!mediaMessageFromJson(json, &error));
        QVERIFY2(error.contains(says), qPrintable(error));
    }

    void sdpFingerprint_data()
    {
        QTest::addColumn<QString>("sdp");
        QTest::addColumn<QString>("expected");
        const QString lower = kFp.toLower();
        QTest::newRow("session level") << sdpWith("a=fingerprint:" + kFp + "\r\n") << kFp;
        QTest::newRow("lower-case hex normalised")
            << sdpWith("a=fingerprint:" + lower + "\r\n") << kFp;
        QTest::newRow("same twice (per media)")
            << sdpWith("a=fingerprint:" + kFp + "\r\na=fingerprint:" + lower + "\r\n") << kFp;
        QTest::newRow("none") << sdpWith({}) << QString();
        QTest::newRow("two different") << sdpWith("a=fingerprint:" + kFp
            + "\r\na=fingerprint:sha-256 " + QStringLiteral("11:").repeated(31) + "11\r\n")
                                       << QString();
        QTest::newRow("unusable algorithm") << sdpWith("a=fingerprint:md5 AB:CD\r\n") << QString();
    }
    void sdpFingerprint()
    {
        QFETCH(QString, sdp);
        QFETCH(QString, expected);
        QCOMPARE(rudebot::sdpFingerprint(sdp), expected);
    }

    void certificateFingerprintIsSha256OfDer()
    {
        // sha-256 of the empty string, a known value.
        QCOMPARE(certificateFingerprint(QByteArray()),
            normaliseFingerprint(
                QStringLiteral("sha-256 e3:b0:c4:42:98:fc:1c:14:9a:fb:f4:c8:99:6f:b9:24:"
                               "27:ae:41:e4:64:9b:93:4c:a4:95:99:1b:78:52:b8:55")));
    }

    void mediaStateRoundTrip_data()
    {
        QTest::addColumn<bool>("mic");
        QTest::addColumn<bool>("camera");
        QTest::addColumn<bool>("missing");
        QTest::newRow("all on") << false << false << false;
        QTest::newRow("muted") << true << false << false;
        QTest::newRow("paused and muted") << true << true << false;
        QTest::newRow("no microphone") << true << false << true;
        QTest::newRow("no microphone, paused") << true << true << true;
    }
    void mediaStateRoundTrip()
    {
        QFETCH(bool, mic);
        QFETCH(bool, camera);
        QFETCH(bool, missing);
        const MediaState st{mic, camera, missing};
        const QJsonObject json = toJson(st);
        QVERIFY(isMediaMessageType(json.value(QStringLiteral("type")).toString()));
        QString error;
        const auto back = mediaMessageFromJson(json, &error);
        QVERIFY2(back, qPrintable(error));
        QVERIFY(std::get<MediaState>(*back) == st);
        // A state the other side cannot read is refused, not taken as "all on".
        QJsonObject bad = json;
        bad.insert(QStringLiteral("microphone"), true);
        QVERIFY(!mediaMessageFromJson(bad, &error));
    }

    // "No microphone" has a key of its own: a peer from before it refuses any "microphone" but
    // on/muted, so it must still find "muted" there (and show the microphone as off).
    void noMicrophone_oldPeersReadMuted()
    {
        const QJsonObject json = toJson(MediaState{false, false, true});
        QCOMPARE(json.value(QStringLiteral("microphone")).toString(), QStringLiteral("muted"));
        QCOMPARE(json.value(QStringLiteral("microphone-device")).toString(), QStringLiteral("none"));
        QString error;
        const auto back = mediaMessageFromJson(json, &error);
        QVERIFY2(back, qPrintable(error));
        QVERIFY(std::get<MediaState>(*back).microphoneMuted);
        QVERIFY(std::get<MediaState>(*back).microphoneMissing);
    }
    void oldStateMessages_stillParse_data()
    {
        QTest::addColumn<QJsonObject>("json");
        QTest::addColumn<bool>("muted");
        QTest::newRow("muted, as before") << QJsonObject{{"type", "media-state"},
            {"microphone", "muted"}, {"camera", "on"}} << true;
        QTest::newRow("on, as before") << QJsonObject{{"type", "media-state"},
            {"microphone", "on"}, {"camera", "on"}} << false;
        QTest::newRow("a later device word") << QJsonObject{{"type", "media-state"},
            {"microphone", "on"}, {"microphone-device", "usb"}, {"camera", "on"}} << false;
    }
    void oldStateMessages_stillParse()
    {
        QFETCH(QJsonObject, json);
        QFETCH(bool, muted);
        QString error;
        const auto back = mediaMessageFromJson(json, &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(std::get<MediaState>(*back).microphoneMuted, muted);
        QVERIFY(!std::get<MediaState>(*back).microphoneMissing);  // a microphone is there
    }

    void frameStampRoundTrip()
    {
        FrameStamp s;
        s.captureMs = 123456789012;
        s.hasAngle = true;
        s.servoDeg = 92.5;
        s.logicalDeg = -2.5;
        s.sentMs = 123456789040;
        const auto back = decodeFrameStamp(encodeFrameStamp(4000000000u, s));
        QVERIFY(back);
        QCOMPARE(back->first, 4000000000u);
        QCOMPARE(back->second.captureMs, s.captureMs);
        QCOMPARE(back->second.sentMs, s.sentMs);
        QVERIFY(back->second.hasAngle);
        QCOMPARE(back->second.servoDeg, 92.5);
        QCOMPARE(back->second.logicalDeg, -2.5);
        FrameStamp noAngle;
        noAngle.captureMs = 5;
        const auto b2 = decodeFrameStamp(encodeFrameStamp(1, noAngle));
        QVERIFY(b2 && !b2->second.hasAngle);
        QCOMPARE(b2->second.sentMs, 0);  // not sent: unknown, and left out of the text
        QVERIFY(!encodeFrameStamp(1, noAngle).contains("\"s\""));
        // A nonsensical send time is unknown, not a reason to drop the stamp.
        const auto b3 = decodeFrameStamp(R"({"rtp":1,"t":5,"s":-3})");
        QVERIFY(b3 && b3->second.sentMs == 0);
    }

    void badFrameStampsAreIgnored_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("not json") << QByteArray("{rtp");
        QTest::newRow("array") << QByteArray("[1,2]");
        QTest::newRow("no rtp") << QByteArray("{\"t\":1}");
        QTest::newRow("rtp negative") << QByteArray("{\"rtp\":-1,\"t\":1}");
        QTest::newRow("rtp too big") << QByteArray("{\"rtp\":4294967296,\"t\":1}");
        QTest::newRow("rtp fraction") << QByteArray("{\"rtp\":1.5,\"t\":1}");
        QTest::newRow("oversized")
            << QByteArray("{\"rtp\":1,\"t\":1,\"x\":\"") + QByteArray(600, 'a') + "\"}";
    }
    void badFrameStampsAreIgnored()
    {
        QFETCH(QByteArray, text);
        QVERIFY(!decodeFrameStamp(text));
    }

    void aimFromThePaintedFramesAngle()
    {
        FrameStamp taken;
        taken.hasAngle = true;
        taken.logicalDeg = -20;  // the rig pointed here when the picture was taken
        // The rig has turned on to +10 since: the click aims from -20, not from +10.
        QCOMPARE(aimBaseLogical(taken, 10.0), -20.0);
        FrameStamp unknown;  // no angle reports yet
        QCOMPARE(aimBaseLogical(unknown, 10.0), 10.0);
        QCOMPARE(aimBaseLogical(std::nullopt, 10.0), 10.0);  // MJPEG, or the stamp was lost
    }

    void stampBookFindsRecentAndForgetsOld()
    {
        FrameStampBook book(3);
        for (quint32 i = 1; i <= 5; ++i) {
            FrameStamp s;
            s.captureMs = i * 10;
            book.add(i * 3000, s);
        }
        QVERIFY(!book.find(3000));
        QVERIFY(!book.find(6000));
        QCOMPARE(book.find(9000)->captureMs, 30);
        QCOMPARE(book.find(15000)->captureMs, 50);
        QVERIFY(!book.find(1234));
    }
};

QTEST_APPLESS_MAIN(TestMediaMessages)
#include "tst_media_messages.moc"
