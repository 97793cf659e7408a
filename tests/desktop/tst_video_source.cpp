// The remote view's video source retries by itself after a failure, so its messages say so
// ("Retrying.") and never tell the user to reconnect by hand ("then reconnect").
#include <QtTest>

#include "desktop/video_source.h"
#include "support/free_port.h"

using namespace rudebot;

class TestVideoSource : public QObject {
    Q_OBJECT
private slots:
    void mjpegRefused_saysItRetriesAndDoesNot();
};

void TestVideoSource::mjpegRefused_saysItRetriesAndDoesNot()
{
    VideoSource source;
    QSignalSpy errors(&source, &VideoSource::errorOccurred);
    VideoSpec spec;
    spec.kind = VideoSpec::Kind::Mjpeg;
    spec.url = QUrl(QStringLiteral("http://127.0.0.1:%1/video").arg(freeLoopbackPort()));
    source.open(spec);
    QTRY_VERIFY_WITH_TIMEOUT(errors.size() >= 2, 30000);  // it did try again
    for (const auto &args : errors) {
        const QString m = args.at(0).toString();
        QVERIFY2(m.endsWith(QStringLiteral("Retrying.")), qPrintable(m));
        QVERIFY2(!m.contains(QStringLiteral("reconnect"), Qt::CaseInsensitive), qPrintable(m));
    }
}

QTEST_MAIN(TestVideoSource)
#include "tst_video_source.moc"
