// avrdude 7.1's output, as captured from real runs against the virtual rig (data/capture.sh),
// read into phases, an overall percentage and a reason for the user, whatever the chunking.
#include "flash/avrdude_progress.h"

#include <QFile>
#include <QTest>

using namespace rudebot;

Q_DECLARE_METATYPE(rudebot::FlashError)
Q_DECLARE_METATYPE(rudebot::FlashPhase)

namespace {

QByteArray capture(const QString &name)
{
    QFile f(QStringLiteral(FLASH_TEST_DATA "/%1.txt").arg(name));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing test data %s", qPrintable(f.fileName()));
    return f.readAll();
}

struct Run {
    AvrdudeProgress parser;
    QList<int> percents;  // after every chunk
};

// Feeds `bytes` in chunks of `chunk` bytes (0 = all at once), recording the percentage.
Run feedInChunks(const QByteArray &bytes, int chunk, int exitCode)
{
    Run run{AvrdudeProgress(QStringLiteral("/dev/ttyACM0"), QStringLiteral("rudebot.hex")), {}};
    int step = chunk > 0 ? chunk : int(bytes.size());
    for (int at = 0; at < bytes.size(); at += step) {
        run.parser.feed(bytes.mid(at, step));
        run.percents << run.parser.percent();
    }
    run.parser.finish(exitCode);
    run.percents << run.parser.percent();
    return run;
}

bool isMonotonic(const QList<int> &values)
{
    for (int i = 1; i < values.size(); ++i) {
        if (values[i] < values[i - 1])
            return false;
    }
    return true;
}

}  // namespace

class TestAvrdudeProgress : public QObject {
    Q_OBJECT
private slots:
    void capturedRun_givesPhasePercentAndReason_data();
    void capturedRun_givesPhasePercentAndReason();
    void barsInFlight_mapWritingToFirstHalf_andVerifyingToSecond();
    void silenceAfterTheBoardAnswered_isAConnectionLost();
    void exitFailureWithoutAReason_isReportedWithItsLastErrorLine();
};

void TestAvrdudeProgress::capturedRun_givesPhasePercentAndReason_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<FlashError>("error");
    QTest::addColumn<FlashPhase>("phase");
    QTest::addColumn<int>("percent");
    QTest::addColumn<QStringList>("messageParts");

    const QStringList none;
    QTest::newRow("blank board, written and verified")
        << "write_ok" << 0 << FlashError::None << FlashPhase::Done << 100 << none;
    QTest::newRow("seed firmware overwritten")
        << "write_over_seed" << 0 << FlashError::None << FlashPhase::Done << 100 << none;
    QTest::newRow("no bootloader: 10 attempts, nothing answers")
        << "no_bootloader" << 1 << FlashError::NoAnswer << FlashPhase::Connecting << 0
        << QStringList{"/dev/ttyACM0 does not answer", "10 attempts", "Optiboot"};
    QTest::newRow("no bootloader: the seed firmware answers instead")
        << "no_bootloader_seed" << 1 << FlashError::NoAnswer << FlashPhase::Connecting << 0
        << QStringList{"3 attempts", "a program answered instead of the bootloader"};
    QTest::newRow("wrong chip") << "wrong_chip" << 1 << FlashError::WrongChip
                                << FlashPhase::Connecting << 0
                                << QStringList{"not an ATmega328P", "0x1e950f",
                                       "ATmega168, signature 1E 94 06"};
    QTest::newRow("verification mismatch")
        << "verify_mismatch" << 1 << FlashError::VerifyFailed << FlashPhase::Verifying << 100
        << QStringList{
               "differs from the file", "first difference at address 0x0042", "Flash again"};
    QTest::newRow("port missing") << "open_missing" << 1 << FlashError::PortMissing
                                  << FlashPhase::Connecting << 0
                                  << QStringList{"/dev/ttyACM0 does not exist", "Plug the Uno in"};
    QTest::newRow("port busy") << "open_busy" << 1 << FlashError::PortBusy << FlashPhase::Connecting
                               << 0 << QStringList{"in use by another program"};
    QTest::newRow("port denied") << "open_denied" << 1 << FlashError::PortDenied
                                 << FlashPhase::Connecting << 0 << QStringList{"dialout"};
    QTest::newRow("hex file missing")
        << "missing_hex" << 1 << FlashError::FileUnreadable << FlashPhase::Connecting << 0
        << QStringList{"rudebot.hex cannot be read", "No such file or directory"};
}

void TestAvrdudeProgress::capturedRun_givesPhasePercentAndReason()
{
    QFETCH(QString, file);
    QFETCH(int, exitCode);
    QFETCH(FlashError, error);
    QFETCH(FlashPhase, phase);
    QFETCH(int, percent);
    QFETCH(QStringList, messageParts);

    const QByteArray bytes = capture(file);
    // Whole, byte by byte, and in the odd chunks a pipe delivers: the same result.
    for (int chunk : {0, 1, 7, 64}) {
        Run run = feedInChunks(bytes, chunk, exitCode);
        const AvrdudeProgress &p = run.parser;
        QCOMPARE(p.error(), error);
        QCOMPARE(p.phase(), phase);
        QCOMPARE(p.percent(), percent);
        QCOMPARE(p.succeeded(), error == FlashError::None);
        QVERIFY2(isMonotonic(run.percents), qPrintable(file));
        if (error == FlashError::None) {
            QVERIFY(p.message().isEmpty());
            QCOMPARE(p.signature(), QStringLiteral("0x1e950f"));
        }
        for (const QString &part : messageParts)
            QVERIFY2(p.message().contains(part), qPrintable(p.message() + " lacks " + part));
    }
}

void TestAvrdudeProgress::barsInFlight_mapWritingToFirstHalf_andVerifyingToSecond()
{
    const QByteArray all = capture(QStringLiteral("write_ok"));
    AvrdudeProgress p;
    int writeBar = int(all.indexOf("Writing | "));
    p.feed(all.left(writeBar + 10 + 10));  // 10 of 50 '#' written
    QCOMPARE(p.phase(), FlashPhase::Writing);
    QCOMPARE(p.percent(), 10);
    int readBar = int(all.indexOf("Reading | "));
    p.feed(all.mid(writeBar + 20, readBar + 10 + 25 - (writeBar + 20)));  // 25 of 50 read back
    QCOMPARE(p.phase(), FlashPhase::Verifying);
    QCOMPARE(p.percent(), 75);
    QCOMPARE(p.error(), FlashError::None);
    QVERIFY(!p.succeeded());  // not until the process has ended
}

void TestAvrdudeProgress::silenceAfterTheBoardAnswered_isAConnectionLost()
{
    // avrdude's wording when a board stops answering mid-write; the bar stays where it was.
    const QByteArray all = capture(QStringLiteral("write_ok"));
    AvrdudeProgress p(QStringLiteral("/dev/ttyACM0"));
    p.feed(all.left(int(all.indexOf("Writing | ")) + 10 + 20));
    p.feed("\navrdude error: stk500_recv(): programmer is not responding\n");
    p.finish(1);
    QCOMPARE(p.error(), FlashError::ConnectionLost);
    QCOMPARE(p.percent(), 20);
    QVERIFY(p.message().contains(QStringLiteral("stopped answering while it was being flashed")));
}

void TestAvrdudeProgress::exitFailureWithoutAReason_isReportedWithItsLastErrorLine()
{
    AvrdudeProgress p;
    p.feed("avrdude error: something new went wrong\n\navrdude done.  Thank you.\n");
    p.finish(1);
    QCOMPARE(p.error(), FlashError::Other);
    QVERIFY(p.message().contains(QStringLiteral("something new went wrong")));
}

QTEST_GUILESS_MAIN(TestAvrdudeProgress)
#include "tst_avrdude_progress.moc"
