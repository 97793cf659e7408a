#include "flash/avrdude_progress.h"

#include <QRegularExpression>

namespace rudebot {

QString flashPhaseText(FlashPhase phase)
{
    switch (phase) {
    case FlashPhase::Connecting: return QStringLiteral("Reaching the Arduino's bootloader\u2026");
    case FlashPhase::Erasing: return QStringLiteral("Erasing the old program\u2026");
    case FlashPhase::Writing: return QStringLiteral("Writing the firmware\u2026");
    case FlashPhase::Verifying: return QStringLiteral("Reading it back to verify\u2026");
    case FlashPhase::Done:
        return QStringLiteral("Written; waiting for the firmware to start\u2026");
    }
    return {};
}

namespace {

const QByteArray kUnoSignature = "0x1e950f";  // ATmega328P
const int kBarHashes = 50;  // avrdude's bar: 50 '#' of 2 % each

bool startsBar(const QByteArray &line, QByteArray *kind)
{
    for (const char *k : {"Writing |", "Reading |", "Erasing |"}) {
        if (line.startsWith(k)) {
            *kind = QByteArray(k).left(7);
            return true;
        }
    }
    return false;
}

QString afterColon(const QByteArray &line, const char *marker)
{
    int at = line.indexOf(marker);
    if (at < 0)
        return {};
    return QString::fromLocal8Bit(line.mid(at + int(qstrlen(marker)))).trimmed();
}

}  // namespace

AvrdudeProgress::AvrdudeProgress(const QString &port, const QString &hexFile)
    : m_port(port), m_hexFile(hexFile)
{
}

void AvrdudeProgress::feed(const QByteArray &bytes)
{
    for (char c : bytes) {
        if (c == '\n' || c == '\r') {
            trackBar();
            onLine(m_line);
            m_line.clear();
            m_inBar = false;
            continue;
        }
        m_line.append(c);
    }
    // A bar grows a few '#' at a time on one unfinished line: follow it as it grows.
    trackBar();
}

void AvrdudeProgress::trackBar()
{
    QByteArray kind;
    if (!m_inBar && startsBar(m_line, &kind)) {
        m_inBar = true;
        if (kind == "Writing")
            setPhase(FlashPhase::Writing);
        else if (kind == "Reading" && m_verifyNext)
            setPhase(FlashPhase::Verifying);
        else if (kind == "Erasing")
            setPhase(FlashPhase::Erasing);
    }
    if (m_inBar)
        onBarText(m_line);
}

void AvrdudeProgress::onBarText(const QByteArray &text)
{
    int bar = text.indexOf('|');
    int end = bar < 0 ? -1 : text.indexOf('|', bar + 1);
    QByteArray hashes = bar < 0 ? QByteArray() : text.mid(bar + 1, end < 0 ? -1 : end - bar - 1);
    int done = qMin(int(hashes.count('#')), kBarHashes);
    if (m_phase == FlashPhase::Writing)
        raiseTo(done * 50 / kBarHashes);
    else if (m_phase == FlashPhase::Verifying)
        raiseTo(50 + done * 50 / kBarHashes);
}

void AvrdudeProgress::onLine(const QByteArray &raw)
{
    const QByteArray line = raw.trimmed();
    if (line.isEmpty())
        return;
    if (line.contains("error:") || line.startsWith("avrdude OS error"))
        m_lastErrorLine = QString::fromLocal8Bit(line);

    static const QRegularExpression attemptRe(
        QStringLiteral("attempt (\\d+) of (\\d+): not in sync: resp=(0x[0-9a-fA-F]+)"));
    static const QRegularExpression sigRe(
        QStringLiteral("device signature = (0x[0-9a-fA-F]+)(.*)"));
    const QString text = QString::fromLocal8Bit(line);

    if (auto m = attemptRe.match(text); m.hasMatch()) {
        m_attempt = m.captured(1).toInt();
        m_attempts = m.captured(2).toInt();
        if (m.captured(3).toInt(nullptr, 16) != 0)
            m_otherAnswer = true;
    } else if (auto s = sigRe.match(text); s.hasMatch()) {
        m_signature = s.captured(1).toLower();
        if (m_signature.toLatin1() != kUnoSignature)
            setError(FlashError::WrongChip,
                QStringLiteral("signature %1%2").arg(m_signature, s.captured(2)));
    } else if (line.contains("expected signature for")
        || line.contains("Invalid device signature")) {
        // With -p atmega328p the chip it expected is the Uno's; say both when known.
        QString expected = afterColon(line, "expected signature for ");
        expected.replace(QStringLiteral(" is "), QStringLiteral(", signature "));
        setError(FlashError::WrongChip,
            m_signature.isEmpty() || expected.isEmpty()
                ? text
                : QStringLiteral("signature %1, but avrdude expected %2")
                      .arg(m_signature, expected));
    } else if (line.contains("erasing chip")) {
        setPhase(FlashPhase::Erasing);
    } else if (line.contains("writing") && line.contains("flash")) {
        setPhase(FlashPhase::Writing);
    } else if (line.contains("verifying flash memory") || line.contains("verifying ...")) {
        m_verifyNext = true;
        setPhase(FlashPhase::Verifying);
        raiseTo(50);
    } else if (line.contains("bytes of flash verified")) {
        setPhase(FlashPhase::Done);
        raiseTo(100);
    } else if (line.contains(" != input ")) {
        // "device 0x09 != input 0xab at addr 0x0042 (error)": where the first difference is
        static const QRegularExpression addrRe(QStringLiteral("at addr (0x[0-9a-fA-F]+)"));
        auto a = addrRe.match(text);
        setError(FlashError::VerifyFailed,
            a.hasMatch() ? QStringLiteral("first difference at address %1").arg(a.captured(1))
                         : text);
    } else if (line.contains("verification error") || line.contains("mismatch")) {
        // The warning line comes before the detail line: keep waiting for the detail.
        if (!line.contains("warning"))
            setError(FlashError::VerifyFailed);
    } else if (line.contains("cannot open port") || line.contains("can't open device")) {
        QString reason = text.section(QLatin1String(": "), -1).trimmed();
        FlashError e = FlashError::PortFailed;
        if (line.contains("No such file") || line.contains("No such device"))
            e = FlashError::PortMissing;
        else if (line.contains("busy"))
            e = FlashError::PortBusy;
        else if (line.contains("Permission denied"))
            e = FlashError::PortDenied;
        setError(e, reason);
    } else if (line.contains("is not readable") || line.contains("can't open input file")
        || (line.contains("read from file") && line.contains("failed"))) {
        setError(FlashError::FileUnreadable, text.section(QLatin1String(": "), -1).trimmed());
    } else if (line.contains("programmer is not responding")) {
        // During synchronisation avrdude retries; once the board has answered, it is lost.
        if (m_phase == FlashPhase::Writing || m_phase == FlashPhase::Verifying)
            setError(FlashError::ConnectionLost);
    } else if (line.contains("unable to open programmer")) {
        setError(m_attempts > 0 ? FlashError::NoAnswer : FlashError::PortFailed, text);
    }
}

void AvrdudeProgress::finish(int exitCode)
{
    if (!m_line.isEmpty()) {
        trackBar();
        onLine(m_line);
        m_line.clear();
        m_inBar = false;
    }
    m_finished = true;
    if (exitCode == 0 && m_error == FlashError::None) {
        setPhase(FlashPhase::Done);
        raiseTo(100);
    } else if (m_error == FlashError::None) {
        setError(FlashError::Other,
            m_lastErrorLine.isEmpty() ? QStringLiteral("exit code %1").arg(exitCode)
                                      : m_lastErrorLine);
    }
}

void AvrdudeProgress::setPhase(FlashPhase phase)
{
    // Phases only move forward; a failure freezes them where it happened.
    if (m_error == FlashError::None && int(phase) > int(m_phase))
        m_phase = phase;
}

void AvrdudeProgress::setError(FlashError error, const QString &detail)
{
    if (m_error != FlashError::None)
        return;  // the first cause explains the rest
    m_error = error;
    m_detail = detail;
}

void AvrdudeProgress::raiseTo(int percent)
{
    if (m_error == FlashError::None)
        m_percent = qBound(m_percent, percent, 100);
}

QString AvrdudeProgress::message() const
{
    if (m_error == FlashError::None)
        return {};
    QString detail = m_detail;
    if (m_error == FlashError::NoAnswer) {
        detail = m_attempts > 0 ? QStringLiteral("%1 attempts").arg(m_attempts) : QString();
        if (m_otherAnswer)
            detail += QStringLiteral("; a program answered instead of the bootloader");
    }
    return describe(m_error, m_port, m_hexFile, detail);
}

QString AvrdudeProgress::describe(
    FlashError error, const QString &port, const QString &hexFile, const QString &detail)
{
    const QString where = port.isEmpty() ? QStringLiteral("the port") : port;
    const QString paren = detail.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(detail);
    switch (error) {
    case FlashError::None: return {};
    case FlashError::NoAnswer:
        return QStringLiteral(
            "The board on %1 does not answer: no bootloader replied to avrdude%2. "
            "Check that %1 is the Arduino Uno and try again; if it keeps failing, "
            "press the Uno's reset button just as flashing starts. A board without "
            "the Optiboot bootloader cannot be flashed over USB.")
            .arg(where, paren);
    case FlashError::ConnectionLost:
        return QStringLiteral(
            "The board on %1 stopped answering while it was being flashed, so its "
            "firmware is now incomplete. Keep it plugged in and flash again.")
            .arg(where);
    case FlashError::PortMissing:
        return QStringLiteral("%1 does not exist. Plug the Uno in, then choose its port again.")
            .arg(where);
    case FlashError::PortBusy:
        return QStringLiteral("%1 is in use by another program (a Rudebot connection or a serial "
                              "monitor). Disconnect it there, then flash again.")
            .arg(where);
    case FlashError::PortDenied:
        return QStringLiteral(
            "You may not open %1. Add yourself to the dialout group "
            "(sudo adduser $USER dialout), log out and in again, then flash again.")
            .arg(where);
    case FlashError::PortFailed:
        return QStringLiteral(
            "%1 cannot be opened%2. Check the cable and the port, then flash again.")
            .arg(where, paren);
    case FlashError::WrongChip:
        return QStringLiteral(
            "The board on %1 answers, but its chip is not an ATmega328P%2: it is not "
            "an Arduino Uno. Choose the Uno's port.")
            .arg(where, paren);
    case FlashError::VerifyFailed:
        return QStringLiteral(
            "The firmware read back from the board differs from the file%1. Flash "
            "again; if it fails again, the board's flash is faulty.")
            .arg(paren);
    case FlashError::FileUnreadable:
        return QStringLiteral("The firmware file %1 cannot be read%2. Reinstall Rudebot or choose "
                              "another file.")
            .arg(hexFile.isEmpty() ? QStringLiteral("(none given)") : hexFile, paren);
    case FlashError::AvrdudeMissing:
        return QStringLiteral(
            "avrdude is not installed%1: install it with sudo apt install avrdude, "
            "then flash again.")
            .arg(paren);
    case FlashError::Cancelled:
        return QStringLiteral(
            "Flashing was cancelled. The board's firmware may be incomplete: flash "
            "it again before using the rig.");
    case FlashError::Other: break;
    }
    return QStringLiteral("avrdude failed%1. Check the board and the port, then flash again.")
        .arg(paren);
}

}  // namespace rudebot
