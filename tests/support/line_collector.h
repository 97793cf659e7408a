// Collects the lines a QIODevice (serial port or socket) receives, for tests that speak the
// rig's protocol without the app's client: they check the wire itself.
#pragma once
#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QIODevice>
#include <QList>
#include <QObject>

class LineCollector : public QObject {
public:
    explicit LineCollector(QIODevice *device) : m_device(device)
    {
        connect(device, &QIODevice::readyRead, this, &LineCollector::read);
    }

    // Waits until at least count lines have arrived in total; false on timeout.
    bool waitForLines(int count, int timeoutMs)
    {
        QDeadlineTimer deadline(timeoutMs);
        while (m_lines.size() < count) {
            if (deadline.hasExpired())
                return false;
            m_device->waitForReadyRead(20);  // serial ports need this; sockets also spin below
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
            read();
        }
        return true;
    }

    // Takes the first count lines (all if count < 0) off the queue.
    QList<QByteArray> take(int count = -1)
    {
        if (count < 0 || count > m_lines.size())
            count = m_lines.size();
        QList<QByteArray> out = m_lines.mid(0, count);
        m_lines.remove(0, count);
        return out;
    }

    int pending() const { return m_lines.size(); }
    void clear()
    {
        m_lines.clear();
        m_partial.clear();
    }

private:
    void read()
    {
        m_partial += m_device->readAll();
        int nl;
        while ((nl = m_partial.indexOf('\n')) >= 0) {
            QByteArray line = m_partial.left(nl);
            m_partial.remove(0, nl + 1);
            if (line.endsWith('\r'))
                line.chop(1);
            m_lines.append(line);
        }
    }

    QIODevice *m_device;
    QByteArray m_partial;
    QList<QByteArray> m_lines;
};
