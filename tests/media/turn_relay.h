// A real TURN relay for tests: coturn's turnserver on 127.0.0.1 with a test user, its
// configuration (credentials included) in a private temporary directory, never on the
// command line. Ready once it answers a STUN binding request.
#pragma once
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QUdpSocket>
#include <QtEndian>

#include "support/spin_until.h"

class TurnRelay {
public:
    ~TurnRelay()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.terminate();
            if (!m_process.waitForFinished(5000))
                m_process.kill();
            m_process.waitForFinished(5000);
        }
    }

    bool start(QString *error)
    {
        if (!m_dir.isValid()) {
            *error = QStringLiteral("no temporary directory");
            return false;
        }
        m_port = freeUdpPort();
        const quint16 relayBase = quint16(40000 + (QCoreApplication::applicationPid() % 200) * 100);
        const QString conf = m_dir.filePath(QStringLiteral("turn.conf"));
        QFile f(conf);
        if (!f.open(QIODevice::WriteOnly))
            return false;
        f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        f.write(QStringLiteral(
            "listening-ip=127.0.0.1\nlistening-port=%1\nrelay-ip=127.0.0.1\n"
            "min-port=%2\nmax-port=%3\nrealm=rudebot.test\nlt-cred-mech\nuser=%4:%5\n"
            "fingerprint\nno-tls\nno-dtls\nno-cli\nallow-loopback-peers\nno-tcp-relay\n"
            "userdb=%6\npidfile=%7\nlog-file=stdout\nsimple-log\nverbose\n")
                    .arg(m_port)
                    .arg(relayBase)
                    .arg(relayBase + 99)
                    .arg(user(), password(), m_dir.filePath(QStringLiteral("turndb")),
                        m_dir.filePath(QStringLiteral("turn.pid")))
                    .toUtf8());
        f.close();
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        QObject::connect(
            &m_process, &QProcess::readyRead, [this] { m_log += m_process.readAll(); });
        m_process.start(QStringLiteral("turnserver"), {QStringLiteral("-c"), conf});
        if (!m_process.waitForStarted(10000)) {
            *error = QStringLiteral("turnserver did not start: %1").arg(m_process.errorString());
            return false;
        }
        // Ready when it answers STUN: a binding request (RFC 5389 header, no attributes).
        QUdpSocket probe;
        probe.bind(QHostAddress::LocalHost, 0);
        QByteArray request(20, '\0');
        qToBigEndian<quint16>(0x0001, request.data());
        qToBigEndian<quint32>(0x2112A442, request.data() + 4);
        const bool ready = spinUntil(
            [&] {
                if (m_process.state() == QProcess::NotRunning)
                    return true;
                if (probe.hasPendingDatagrams())
                    return true;
                probe.writeDatagram(request, QHostAddress::LocalHost, m_port);
                return probe.waitForReadyRead(100);
            },
            20000);
        if (!ready || m_process.state() == QProcess::NotRunning) {
            *error = QStringLiteral("turnserver is not answering: %1")
                         .arg(QString::fromUtf8(m_log.right(2000)));
            return false;
        }
        return true;
    }

    QString url() const
    {
        return QStringLiteral("turn://%1:%2@127.0.0.1:%3").arg(user(), password()).arg(m_port);
    }
    QString log()
    {
        m_log += m_process.readAll();
        return QString::fromUtf8(m_log);
    }
    static QString user() { return QStringLiteral("rudebot"); }
    static QString password() { return QStringLiteral("test-only-secret"); }

private:
    static quint16 freeUdpPort()
    {
        QUdpSocket s;
        s.bind(QHostAddress::LocalHost, 0);
        return s.localPort();
    }

    QTemporaryDir m_dir;
    QProcess m_process;
    QByteArray m_log;
    quint16 m_port = 0;
};
