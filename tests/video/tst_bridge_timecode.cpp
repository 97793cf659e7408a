// rudebot-bridge --camera timecode, as a user measuring their own latency runs it: every frame
// of its stream carries a time stamp from this machine's monotonic clock and a frame number
// that counts up, readable back from the JPEG the station serves.
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QUrlQuery>
#include <QtTest>

#include "video/timecode.h"

using namespace rudebot;

namespace {
const int kLong = 60000;

// One GET of the station's snapshot, the pairing key as token; the certificate is the
// station's own self-signed one, which this test does not pin (the video tests do).
QImage snapshot(QNetworkAccessManager &net, const QUrl &url)
{
    QNetworkReply *reply = net.get(QNetworkRequest(url));
    reply->ignoreSslErrors();
    if (!QTest::qWaitFor([&] { return reply->isFinished(); }, kLong))
        return {};
    const QImage image = QImage::fromData(reply->readAll(), "JPG");
    reply->deleteLater();
    return image;
}
}  // namespace

class tst_BridgeTimecode : public QObject {
    Q_OBJECT
private slots:
    void timecodeCamera_stampsEveryFrameWithNowAndACounter();
};

void tst_BridgeTimecode::timecodeCamera_stampsEveryFrameWithNowAndACounter()
{
    QTemporaryDir data;
    QProcess bridge;
    bridge.start(QStringLiteral(RUDEBOT_BRIDGE_PATH),
        {"--virtual-rig", "--camera", "timecode", "--video-size", "640x360", "--fps", "30",
            "--listen", "127.0.0.1:0", "--video-listen", "127.0.0.1:0", "--advertise", "127.0.0.1",
            "--data-dir", data.filePath("station"), "--office-socket", data.filePath("o.sock")});
    QByteArray out;
    QRegularExpressionMatch link, video;
    QVERIFY(QTest::qWaitFor(
        [&] {
            out += bridge.readAllStandardOutput();
            link = QRegularExpression("(rudebot://\\S+)").match(QString::fromUtf8(out));
            video = QRegularExpression("(https://\\S+)/stream").match(QString::fromUtf8(out));
            return (link.hasMatch() && video.hasMatch()) || bridge.state() == QProcess::NotRunning;
        },
        kLong));
    QVERIFY2(
        link.hasMatch() && video.hasMatch(), (out + bridge.readAllStandardError()).constData());
    const QString key = QUrlQuery(QUrl(link.captured(1))).queryItemValue("key");
    QUrl url(video.captured(1) + "/snapshot.jpg");
    url.setQuery("token=" + key);

    QNetworkAccessManager net;
    std::optional<TimecodeHit> first;
    QVERIFY(QTest::qWaitFor(
        [&] {
            const QImage image = snapshot(net, url);
            if (!image.isNull())
                first = decodeTimecodeRow(image, timecodeBand(image.size()).center().y());
            return first.has_value();
        },
        kLong));
    // The stamp is this machine's CLOCK_MONOTONIC: recent, never in the future. (Generous: a
    // busy machine may hold a frame for a while; a wrong clock is off by hours or more.)
    const qint64 age = timecodeAgeMs(first->code, monotonicMs());
    QVERIFY2(age >= 0 && age < 30000, qPrintable(QString::number(age)));
    QVERIFY2(std::abs(first->width() - 640) < 3, qPrintable(QString::number(first->width())));

    // Later frames count up.
    std::optional<TimecodeHit> later;
    QVERIFY(QTest::qWaitFor(
        [&] {
            const QImage image = snapshot(net, url);
            if (!image.isNull())
                later = decodeTimecodeRow(image, timecodeBand(image.size()).center().y());
            return later && later->code.frame != first->code.frame;
        },
        kLong));
    QVERIFY(quint16(later->code.frame - first->code.frame) < 30000);
    QVERIFY(timecodeAgeMs(first->code, later->code.ms) > 0);

    bridge.terminate();
    QVERIFY(bridge.waitForFinished(kLong));
}

QTEST_MAIN(tst_BridgeTimecode)
#include "tst_bridge_timecode.moc"
