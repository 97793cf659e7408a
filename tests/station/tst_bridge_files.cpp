// rudebot-bridge's files as an attacker or an unlucky office leaves them: a key others can
// read, a secret that is a link to /etc/passwd, a shared folder as --data-dir, a full disk on
// the first start. The station refuses with the fix, never chmods or follows, and never
// leaves half an identity.
#include <QDir>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>
#include <unistd.h>

namespace {

const int kLong = 30000;

int runToEnd(const QStringList &args, QByteArray *stderrOut)
{
    QProcess p;
    p.start(QStringLiteral(RUDEBOT_BRIDGE_PATH), args);
    p.waitForFinished(kLong);
    *stderrOut = p.readAllStandardError();
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

}  // namespace

class TestBridgeFiles : public QObject {
    Q_OBJECT

private slots:
    void keyReadableByOthers_refusesToStart();
    void secretIsASymlink_refusedNeverFollowedNorChmodded();
    void sharedDataDir_keepsItsMode_filesGoToAPrivateSubdirectory();
    void diskFull_firstStart_saysSoAndLeavesNoHalfIdentity();
    void rootPairingForAService_leavesTheFilesTheServices();
};

namespace {

mode_t modeOf(const QString &path)
{
    struct stat st { };
    return ::lstat(QFile::encodeName(path).constData(), &st) == 0 ? st.st_mode & 07777 : 0;
}

}  // namespace

void TestBridgeFiles::keyReadableByOthers_refusesToStart()
{
    QTemporaryDir data;
    QByteArray err;
    QCOMPARE(runToEnd({"--print-pairing", "--data-dir", data.path()}, &err), 0);
    QVERIFY(::chmod(QFile::encodeName(data.filePath("station-key.pem")).constData(), 0644) == 0);
    QCOMPARE(runToEnd({"--print-pairing", "--data-dir", data.path()}, &err), 1);
    QVERIFY2(err.contains("station-key.pem") && err.contains("readable by other users (mode 0644)"),
        err.constData());
    QCOMPARE(modeOf(data.filePath("station-key.pem")), mode_t(0644));  // reported, not "fixed"
}

void TestBridgeFiles::secretIsASymlink_refusedNeverFollowedNorChmodded()
{
    QTemporaryDir data;
    const mode_t passwdMode = modeOf("/etc/passwd");
    QVERIFY(QFile::link("/etc/passwd", data.filePath("pairing-secret")));
    QByteArray err;
    QCOMPARE(runToEnd({"--print-pairing", "--data-dir", data.path()}, &err), 1);
    QVERIFY2(err.contains("symbolic link") && !err.contains("chmod"), err.constData());
    QCOMPARE(modeOf("/etc/passwd"), passwdMode);
    QVERIFY(QFileInfo(data.filePath("pairing-secret")).isSymLink());
    // Nothing else was made beside it: no half identity.
    QCOMPARE(QDir(data.path())
                 .entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name),
        QStringList{"pairing-secret"});
}

void TestBridgeFiles::sharedDataDir_keepsItsMode_filesGoToAPrivateSubdirectory()
{
    QTemporaryDir parent;
    const QString shared = parent.filePath("team");
    QVERIFY(QDir().mkpath(shared));
    QVERIFY(::chmod(QFile::encodeName(shared).constData(), 0775) == 0);
    QByteArray err;
    QCOMPARE(runToEnd({"--print-pairing", "--data-dir", shared}, &err), 0);
    QCOMPARE(modeOf(shared), mode_t(0775));
    const QString priv = shared + "/rudebot-station";
    QCOMPARE(modeOf(priv), mode_t(0700));
    for (const char *f : {"pairing-secret", "station-key.pem", "station-cert.pem"})
        QCOMPARE(modeOf(priv + '/' + f), mode_t(0600));
    QVERIFY(!QFileInfo::exists(shared + "/pairing-secret"));
}

void TestBridgeFiles::diskFull_firstStart_saysSoAndLeavesNoHalfIdentity()
{
    // A 64 KB tmpfs in a private mount namespace (gone with the shell), filled but for one
    // page: the secret fits, the key does not.
    if (::geteuid() != 0 || QStandardPaths::findExecutable("unshare").isEmpty())
        QSKIP("needs root and unshare(1) for a private tmpfs");
    QTemporaryDir mountPoint;
    const QString script = QStringLiteral(
        "set -u; d=\"$1\"; b=\"$2\"; mount -t tmpfs -o size=64k rudebot-full \"$d\" || exit 90;"
        " dd if=/dev/zero of=\"$d/fill\" bs=4k count=15 2>/dev/null;"
        " \"$b\" --print-pairing --data-dir \"$d/station\" --advertise 127.0.0.1; echo \"rc=$?\";"
        " echo \"left:$(ls -A \"$d/station\" | tr '\\n' ' ')\";"
        " rm \"$d/fill\"; \"$b\" --print-pairing --data-dir \"$d/station\" --advertise 127.0.0.1; "
        "echo \"rc=$?\";"
        " umount \"$d\"");
    QProcess p;
    p.start("unshare",
        {"-m", "--propagation", "private", "sh", "-c", script, "sh", mountPoint.path(),
            QStringLiteral(RUDEBOT_BRIDGE_PATH)});
    QVERIFY(p.waitForFinished(kLong));
    const QByteArray out = p.readAllStandardOutput();
    const QByteArray err = p.readAllStandardError();
    if (p.exitCode() == 90)
        QSKIP(qPrintable("cannot mount a tmpfs here: " + err));
    const QList<QByteArray> lines = out.split('\n');
    QVERIFY2(lines.value(0) == "rc=1", out.constData());
    QVERIFY2(err.contains("cannot write") && err.contains("the disk is full"), err.constData());
    QVERIFY2(lines.value(1).trimmed() == "left:", out.constData());  // nothing, no temp file either
    QVERIFY2(lines.value(2).startsWith("rudebot://") && lines.value(3) == "rc=0", out.constData());
    QVERIFY(QDir(mountPoint.path()).isEmpty());  // the tmpfs went with the namespace
}

void TestBridgeFiles::rootPairingForAService_leavesTheFilesTheServices()
{
    // sudo rudebot-bridge pair for the packaged service, whose (systemd DynamicUser) account
    // owns /var/lib/rudebot: what root writes there must stay readable by the service.
    if (::geteuid() != 0)
        QSKIP("needs root");
    QTemporaryDir parent;
    const QString dir = parent.filePath("state");
    QVERIFY(QDir().mkdir(dir));
    const uid_t service = 4242;
    QVERIFY(::chown(QFile::encodeName(dir).constData(), service, service) == 0);
    QVERIFY(::chmod(QFile::encodeName(dir).constData(), 0700) == 0);
    QProcess p;
    p.start(QStringLiteral(RUDEBOT_BRIDGE_PATH),
        {"pair", "--name", "Ana", "--data-dir", dir, "--advertise", "127.0.0.1"});
    QVERIFY(p.waitForFinished(kLong));
    QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
    QVERIFY(p.readAllStandardOutput().startsWith("rudebot://127.0.0.1:47800/"));
    for (const char *f : {"pairing-secret", "station-key.pem", "station-cert.pem", "people.json"}) {
        struct stat st { };
        QVERIFY2(::lstat(QFile::encodeName(dir + '/' + f).constData(), &st) == 0, f);
        QCOMPARE(st.st_uid, service);
        QCOMPARE(st.st_mode & 0777, mode_t(0600));
    }
    QVERIFY(
        !QFileInfo::exists(dir + "/rudebot-station"));  // the service's own directory, used as is
    p.start(QStringLiteral(RUDEBOT_BRIDGE_PATH), {"paired", "--data-dir", dir});
    QVERIFY(p.waitForFinished(kLong));
    QVERIFY2(p.exitCode() == 0 && p.readAllStandardOutput().contains("Ana "),
        p.readAllStandardError().constData());
}

QTEST_GUILESS_MAIN(TestBridgeFiles)
#include "tst_bridge_files.moc"
