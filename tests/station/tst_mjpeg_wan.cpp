// MJPEG stops queueing: the station's video server (StationVideo, TLS) and a paired viewer in
// a network namespace whose loopback is a 3 Mbit/s uplink with a 300 ms router queue (tbf,
// MTU 1500; PLATFORM-NOTES), the 720p30 timecode camera, and the frame age read off every
// decoded frame. Before pacing, frames queued in the kernel for seconds (p95 3.2 s); now one
// frame at a time is in flight and the quality follows the throughput. The ceiling here is
// generous; the measured numbers are printed (the bench is bench/wan).
#include <QProcess>
#include <QtTest>
#include <algorithm>
#include <fcntl.h>
#include <sched.h>
#include <unistd.h>

#include "station/station_video.h"
#include "video/mjpeg_client.h"
#include "video/virtual_camera.h"

using namespace rudebot;

namespace {

const int kLong = 30000;

bool run(const QStringList &args, QString *error)
{
    QProcess p;
    p.start(args.first(), args.mid(1));
    if (!p.waitForFinished(kLong) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        *error = args.join(' ') + ": " + QString::fromLocal8Bit(p.readAllStandardError()).trimmed();
        return false;
    }
    return true;
}

qint64 percentile(QList<qint64> v, double p)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? -1 : v.at(std::min<qsizetype>(v.size() - 1, qsizetype(p * v.size())));
}

}  // namespace

class TestMjpegWan : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void threeMbitUplink_frameAgeStaysBounded();

private:
    QString m_ns;
    int m_home = -1;  // this process's own network namespace, to return to
    QTemporaryDir m_dir;
};

void TestMjpegWan::initTestCase()
{
    if (::geteuid() != 0)
        QSKIP("needs root to make a network namespace (ip netns); developers and CI run as root");
    m_ns = QStringLiteral("rudebot-mjpeg-%1").arg(QCoreApplication::applicationPid());
    QString error;
    QVERIFY2(run({"ip", "netns", "add", m_ns}, &error), qPrintable(error));
    QVERIFY2(
        run({"ip", "netns", "exec", m_ns, "ip", "link", "set", "lo", "up", "mtu", "1500"}, &error),
        qPrintable(error));
    QVERIFY2(run({"ip", "netns", "exec", m_ns, "tc", "qdisc", "add", "dev", "lo", "root", "tbf",
                     "rate", "3mbit", "burst", "32kbit", "latency", "300ms"},
                 &error),
        qPrintable(error));
    // Enter it: every socket this thread makes from now on (Qt's network thread is started
    // from here, so it inherits the namespace) lives behind the shaped loopback.
    m_home = ::open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
    QVERIFY(m_home >= 0);
    const int ns =
        ::open(QFile::encodeName("/run/netns/" + m_ns).constData(), O_RDONLY | O_CLOEXEC);
    QVERIFY(ns >= 0);
    QVERIFY2(::setns(ns, CLONE_NEWNET) == 0, strerror(errno));
    ::close(ns);
}

void TestMjpegWan::cleanupTestCase()
{
    if (m_home >= 0) {
        ::setns(m_home, CLONE_NEWNET);
        ::close(m_home);
    }
    if (!m_ns.isEmpty()) {
        QString error;
        if (!run({"ip", "netns", "delete", m_ns}, &error))
            qWarning("%s", qPrintable(error));
    }
}

void TestMjpegWan::threeMbitUplink_frameAgeStaysBounded()
{
    QString error;
    const auto identity = loadOrCreateTlsIdentity(m_dir.path(), "wan station", &error);
    QVERIFY2(identity, qPrintable(error));
    const QByteArray secret(32, '\x5a');
    VirtualCameraSettings cs;
    cs.resolution = {1280, 720};
    cs.fps = 30;
    cs.timecode = true;
    VirtualCamera camera(cs);
    MjpegServerSettings ms;
    ms.maxFpsPerViewer = 30;
    StationVideo video(*identity, secret, ms);
    QVERIFY2(video.listen(QHostAddress::LocalHost, 0, &error), qPrintable(error));
    connect(&camera, &VirtualCamera::frameReady, &video, &StationVideo::setFrame);
    camera.start();

    MjpegClient viewer;
    viewer.setPinnedFingerprint(certificateFingerprint(identity->certificate));
    viewer.setMeasureFrameAge(true);
    QList<qint64> ages;
    bool measuring = false;
    connect(&viewer, &MjpegClient::frameReceived, this, [&] {
        if (measuring && viewer.statistics().frameAgeMs >= 0)
            ages.append(viewer.statistics().frameAgeMs);
    });
    QList<MjpegClient::Statistics> seconds;
    connect(&viewer, &MjpegClient::statisticsUpdated, this, [&](const MjpegClient::Statistics &s) {
        if (measuring)
            seconds.append(s);
    });
    QSignalSpy errors(&viewer, &MjpegClient::errorOccurred);
    QNetworkRequest r(QUrl(QStringLiteral("https://127.0.0.1:%1/stream").arg(video.port())));
    r.setRawHeader("Authorization",
        "Bearer "
            + secret.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    viewer.open(r);
    QTRY_VERIFY_WITH_TIMEOUT(viewer.framesReceived() >= 1, kLong);
    QTest::qWait(4000);  // the ladder finds its rung; TCP leaves slow start
    measuring = true;
    QTest::qWait(15000);  // real time is what this test measures
    measuring = false;
    QVERIFY2(errors.isEmpty(), errors.isEmpty() ? "" : qPrintable(errors.first().at(0).toString()));

    double fps = 0, bits = 0;
    for (const auto &s : std::as_const(seconds))
        fps += s.fps, bits += s.bitsPerSecond;
    if (!seconds.isEmpty())
        fps /= seconds.size(), bits /= seconds.size();
    const auto stats = video.server().viewerStats();
    QCOMPARE(stats.size(), 1);
    const auto &v = stats.first();
    qInfo(
        "3 Mbit/s, 720p30 timecode camera: %lld frames aged p50 %lld ms, p95 %lld ms, max %lld ms; "
        "%.1f fps, %.2f Mbit/s received; server: rung %d (%dx%d, quality %d), throughput %.2f "
        "Mbit/s, "
        "%lld sent, %lld skipped, %lld bytes in the kernel",
        qint64(ages.size()), percentile(ages, 0.5), percentile(ages, 0.95),
        ages.isEmpty() ? -1 : *std::max_element(ages.begin(), ages.end()), fps, bits / 1e6, v.rung,
        v.frameSize.width(), v.frameSize.height(), v.jpegQuality, v.throughputBytesPerSec * 8 / 1e6,
        v.framesSent, v.framesDropped, v.kernelBytesQueued);
    QVERIFY2(ages.size() >= 30, qPrintable(QString::number(ages.size())));  // at least 2 fps
    // The goal is 500 ms; the ceiling leaves room for a busy 2-core machine. Queueing (3 s
    // before) cannot pass it.
    QVERIFY2(percentile(ages, 0.95) < 1200, qPrintable(QString::number(percentile(ages, 0.95))));
    QVERIFY(bits < 3.2e6);  // it really went through the 3 Mbit/s link
}

QTEST_MAIN(TestMjpegWan)
#include "tst_mjpeg_wan.moc"
