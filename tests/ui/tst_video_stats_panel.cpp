// The statistics panel's loss line says what the loss cost the picture: none on TCP, all
// repaired by retransmission, or how much was not (each such packet breaks the picture until a
// keyframe).
#include <QTest>

#include "ui/video_stats_panel.h"

using namespace rudebot;

class TestVideoStatsPanel : public QObject {
    Q_OBJECT
private slots:
    void lossLine_data()
    {
        QTest::addColumn<double>("loss");
        QTest::addColumn<double>("unrepaired");
        QTest::addColumn<QString>("expected");
        QTest::newRow("tcp") << -1.0 << 0.0 << QStringLiteral("none (TCP)");
        QTest::newRow("clean") << 0.0 << 0.0 << QStringLiteral("0.0 %");
        QTest::newRow("all repaired") << 2.0 << 0.0 << QStringLiteral("2.0 % (all repaired)");
        QTest::newRow("some not") << 2.1 << 0.3 << QStringLiteral("2.1 % (0.3 % not repaired)");
    }
    void lossLine()
    {
        QFETCH(double, loss);
        QFETCH(double, unrepaired);
        QFETCH(QString, expected);
        VideoPathStatistics s;
        s.path = VideoPathStatistics::Path::RealTime;
        s.lossPercent = loss;
        s.unrepairedPercent = unrepaired;
        QCOMPARE(VideoStatsPanel::lossText(s), expected);
        VideoStatsPanel panel;
        panel.setStatistics(s);
        QVERIFY2(panel.text().contains(QStringLiteral("Loss:          ") + expected),
            qPrintable(panel.text()));
    }
};

QTEST_MAIN(TestVideoStatsPanel)
#include "tst_video_stats_panel.moc"
