// Strangers cannot take honest people's places: a real station (the firmware in the virtual
// rig) and its video port on 127.0.0.1, flooded with idle TCP connections (reopened when the
// station closes them) and slowloris viewers, while a paired remote connects and is served, a
// paired viewer gets frames, and the process (the station lives in it) stays small.
#include <QElapsedTimer>
#include <QSslSocket>
#include <QtTest>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include "station/station_video.h"
#include "station/tls_server.h"
#include "station_fixture.h"
#include "video/mjpeg_client.h"
#include "video/virtual_camera.h"

using namespace rudebot;

namespace {

const int kLong = 30000;

qint64 rssKiB()
{
    QFile f("/proc/self/status");
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    return -1;
}

// Idle TCP connections that send nothing, kept as bare descriptors (the attacker's cost is
// nothing but a descriptor), reopened when the station closes them, within a bounded budget.
class IdleCrowd {
public:
    IdleCrowd(quint16 port, int size, int reopenBudget, int perTick)
        : m_port(port), m_budget(reopenBudget), m_perTick(perTick)
    {
        for (int i = 0; i < size; ++i)
            m_fds.append(open());
    }
    ~IdleCrowd()
    {
        for (int fd : m_fds)
            if (fd >= 0)
                ::close(fd);
    }
    // Reopens the ones the station closed (read 0 or an error); returns how many are open.
    int tend()
    {
        int open = 0, now = 0;
        for (int &fd : m_fds) {
            char c;
            const ssize_t n = fd < 0 ? 0 : ::recv(fd, &c, 1, MSG_PEEK | MSG_DONTWAIT);
            const bool alive =
                fd >= 0 && (n > 0 || (n < 0 && (errno == EAGAIN || errno == EINPROGRESS)));
            if (!alive) {
                if (fd >= 0)
                    ::close(fd);
                fd = -1;
                if (m_reopened < m_budget && now < m_perTick) {
                    ++m_reopened, ++now;
                    fd = this->open();
                }
            }
            open += fd >= 0;
        }
        return open;
    }
    int reopened() const { return m_reopened; }

private:
    int open() const
    {
        const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
        if (fd < 0)
            return -1;
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_port = htons(m_port);
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        ::connect(fd, reinterpret_cast<sockaddr *>(&a), sizeof a);  // EINPROGRESS: fine
        return fd;
    }
    quint16 m_port;
    int m_budget;
    int m_perTick;
    int m_reopened = 0;
    QList<int> m_fds;
};

}  // namespace

class TestStationAdmission : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void idleAndSlowStrangers_doNotKeepPairedClientsOut();
    void strangers_areEvictedOldestFirst_newcomerKeepsItsChance();

private:
    QByteArray viewerKey(const StationFixture &f) const
    {
        return f.secret.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    }
};

void TestStationAdmission::initTestCase()
{
    // 1,000 attacking descriptors plus the station's own live in this one process.
    rlimit r{};
    QVERIFY(::getrlimit(RLIMIT_NOFILE, &r) == 0);
    r.rlim_cur = std::min<rlim_t>(r.rlim_max, 8192);
    QVERIFY(::setrlimit(RLIMIT_NOFILE, &r) == 0);
    QVERIFY2(r.rlim_cur >= 4096, "RLIMIT_NOFILE cannot be raised to 4096");
}

void TestStationAdmission::idleAndSlowStrangers_doNotKeepPairedClientsOut()
{
    StationFixture f;
    QString error;
    QVERIFY2(f.start(0, &error), qPrintable(error));
    auto identity = loadOrCreateTlsIdentity(f.dir.path(), "test station", &error);
    QVERIFY(identity);
    VirtualCameraSettings cs;
    cs.resolution = {640, 360};
    cs.fps = 15;
    VirtualCamera camera(cs);
    StationVideo video(*identity, f.secret, {});
    QVERIFY2(video.listen(QHostAddress::LocalHost, 0, &error), qPrintable(error));
    connect(&camera, &VirtualCamera::frameReady, &video, &StationVideo::setFrame);
    camera.start();
    QTRY_VERIFY_WITH_TIMEOUT(f.client->state() == RigClient::State::Ready, kLong);
    const qint64 rssBefore = rssKiB();

    IdleCrowd control(f.station->port(), 60, 2000, 60);
    IdleCrowd videoCrowd(video.port(), 1000, 20000, 200);
    // Eight slowloris viewers: TLS done, then a request head one byte every 500 ms.
    QList<QSslSocket *> slow;
    for (int i = 0; i < 8; ++i) {
        auto *s = new QSslSocket(this);
        s->setPeerVerifyMode(QSslSocket::VerifyNone);
        s->connectToHostEncrypted("127.0.0.1", video.port());
        slow.append(s);
    }
    QTimer trickle;
    int tricklePos = 0;
    const QByteArray head =
        "GET /stream HTTP/1.1\r\nHost: station\r\nX-Padding: aaaaaaaaaaaaaaaaaaaaaaaaa";
    connect(&trickle, &QTimer::timeout, this, [&] {
        for (QSslSocket *s : slow)
            if (s->isEncrypted())
                s->write(head.mid(tricklePos % head.size(), 1));
        ++tricklePos;
    });
    trickle.start(500);
    QTimer tend;
    int controlOpen = 0, videoOpen = 0;
    connect(&tend, &QTimer::timeout, this, [&] {
        controlOpen = control.tend();
        videoOpen = videoCrowd.tend();
    });
    tend.start(200);
    // The floods are in place: the station holds what its budget allows and no more.
    QTRY_VERIFY_WITH_TIMEOUT(f.station->admissionSilent() >= 50
            && video.admission().silentCount() >= video.admission().limits().maxSilentPerSource / 2
            && video.admission().refusedConnections() >= 900,
        kLong);
    QVERIFY(video.admission().silentCount() <= video.admission().limits().maxSilent);

    // A paired remote connects and is served (a ping answered).
    QElapsedTimer served;
    served.start();
    StationClient remote;
    remote.connectToStation(f.pairing(), "Rudy");
    QTRY_VERIFY_WITH_TIMEOUT(remote.status() == StationClient::Status::Connected, kLong);
    const qint64 connectedMs = served.elapsed();
    QSignalSpy pongs(&remote, &StationClient::rttMeasured);
    remote.ping();
    QVERIFY(pongs.wait(kLong) || !pongs.isEmpty());
    const qint64 servedMs = served.elapsed();

    // A paired viewer gets frames.
    QElapsedTimer viewing;
    viewing.start();
    MjpegClient viewer;
    viewer.setPinnedFingerprint(f.fingerprint);
    QSignalSpy frames(&viewer, &MjpegClient::frameReceived);
    QNetworkRequest request(QUrl(QStringLiteral("https://127.0.0.1:%1/stream").arg(video.port())));
    request.setRawHeader("Authorization", "Bearer " + viewerKey(f));
    viewer.open(request);
    QTRY_VERIFY_WITH_TIMEOUT(frames.size() >= 2, kLong);
    const qint64 framesMs = viewing.elapsed();

    // And the remote still turns the rig while all that goes on.
    remote.setTargetServo(60);
    QVERIFY(f.rig.waitForAngle(60, 0.6, kLong));

    const qint64 rss = rssKiB();
    qInfo("strangers: control %d idle open (reopened %d), video %d idle open (reopened %d), "
          "8 slowloris; station holds control %d silent/%d pending, video %d silent/%d pending; "
          "refused/evicted control %lld video %lld",
        controlOpen, control.reopened(), videoOpen, videoCrowd.reopened(),
        f.station->admissionSilent(), f.station->admissionPending(),
        video.admission().silentCount(), video.admission().pendingCount(),
        f.station->refusedConnections(), video.admission().refusedConnections());
    qInfo("honest: remote connected in %lld ms, served (pong) in %lld ms; viewer's 2 frames in "
          "%lld ms; RSS %lld KiB before the floods, %lld KiB during",
        connectedMs, servedMs, framesMs, rssBefore, rss);
    QVERIFY2(rss < 150 * 1024, qPrintable(QString::number(rss)));
    QVERIFY(video.admission().silentCount() <= video.admission().limits().maxSilent);
    trickle.stop();
    tend.stop();
    qDeleteAll(slow);
}

void TestStationAdmission::strangers_areEvictedOldestFirst_newcomerKeepsItsChance()
{
    // Pure admission, no rig: a TlsServer with a tiny budget, silent connections over it.
    QTemporaryDir dir;
    QString error;
    auto identity = loadOrCreateTlsIdentity(dir.path(), "test station", &error);
    QVERIFY2(identity, qPrintable(error));
    AdmissionLimits limits;
    limits.maxSilentPerSource = 4;
    limits.deadlineMs = 1500;
    TlsServer server(*identity, nullptr, limits);
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    QList<QSslSocket *> handed;
    connect(&server, &TlsServer::tlsConnection, this, [&](QSslSocket *s) { handed.append(s); });

    IdleCrowd crowd(server.serverPort(), 10, 0, 0);
    QTRY_COMPARE_WITH_TIMEOUT(int(server.refusedConnections()), 6, kLong);
    QCOMPARE(server.silentCount(), 4);
    // The newest held ones are open; the first six were closed by the station.
    QTRY_COMPARE_WITH_TIMEOUT(crowd.tend(), 4, kLong);

    // A client that speaks TLS is handed over at once, whatever the silent crowd does.
    QSslSocket honest;
    honest.setPeerVerifyMode(QSslSocket::VerifyNone);
    honest.connectToHostEncrypted("127.0.0.1", server.serverPort());
    QTRY_VERIFY_WITH_TIMEOUT(honest.isEncrypted(), kLong);
    QCOMPARE(handed.size(), 1);
    QCOMPARE(server.pendingCount(), 1);

    // Nobody proves anything: by the deadline the station has closed every one of them.
    QTRY_COMPARE_WITH_TIMEOUT(server.silentCount() + server.pendingCount(), 0, kLong);
    QTRY_COMPARE_WITH_TIMEOUT(honest.state(), QAbstractSocket::UnconnectedState, kLong);
    QTRY_COMPARE_WITH_TIMEOUT(crowd.tend(), 0, kLong);
}

QTEST_MAIN(TestStationAdmission)
#include "tst_station_admission.moc"
