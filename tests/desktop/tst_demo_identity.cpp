// The demo station's identity persists in DemoOptions::identityDir: the same fingerprint every
// run, so presets (kept per station fingerprint) come back instead of piling up in rudebot.conf.
#include <QtTest>

#include <QTemporaryDir>

#include "desktop/demo.h"

using namespace rudebot;

namespace {
QByteArray runDemoOnce(const QString &identityDir)
{
    DemoOptions o;
    o.speed = 0;
    o.identityDir = identityDir;
    DemoSystem demo(o);
    QSignalSpy ready(&demo, &DemoSystem::ready);
    QSignalSpy failed(&demo, &DemoSystem::failed);
    demo.start();
    if (!QTest::qWaitFor([&] { return !ready.isEmpty() || !failed.isEmpty(); }, 60000)
        || ready.isEmpty()) {
        qWarning() << "the demo did not start:" << failed.value(0).value(0).toString();
        return {};
    }
    return demo.pairing().fingerprint;
}
}  // namespace

class TestDemoIdentity : public QObject {
    Q_OBJECT
private slots:
    void identityDir_keepsTheFingerprintAcrossRuns();
};

void TestDemoIdentity::identityDir_keepsTheFingerprintAcrossRuns()
{
    QTemporaryDir dir;
    const QString idDir = dir.filePath(QStringLiteral("demo-station"));  // created by the demo
    const QByteArray first = runDemoOnce(idDir);
    QVERIFY(!first.isEmpty());
    QCOMPARE(runDemoOnce(idDir), first);
    // Without one, every run is a new station (what the app did before, for every run).
    const QByteArray fresh = runDemoOnce({});
    QVERIFY(!fresh.isEmpty());
    QVERIFY(fresh != first);
}

QTEST_MAIN(TestDemoIdentity)
#include "tst_demo_identity.moc"
