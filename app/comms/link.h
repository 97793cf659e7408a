// A link only moves bytes between the app and a rig: a serial port, a TCP bridge, or a test
// double. Everything above it (the rig client) is the same code whichever link is used.
#pragma once
#include <QByteArray>
#include <QObject>
#include <QString>

namespace rudebot {

class Link : public QObject {
    Q_OBJECT
public:
    enum class State {
        Closed,
        Opening,
        Open
    };
    Q_ENUM(State)

    using QObject::QObject;

    // Starts opening. The outcome arrives as stateChanged(Open), or as errorOccurred() followed
    // by stateChanged(Closed). Either may be emitted before open() returns.
    virtual void open() = 0;
    // Closes without an error; stateChanged(Closed) if it was not closed already.
    virtual void close() = 0;
    // Queues bytes for sending; dropped (with no error) unless Open.
    virtual void write(const QByteArray &bytes) = 0;
    // For messages and traces: "serial /dev/ttyACM0", "tcp 127.0.0.1:7000".
    virtual QString describe() const = 0;

    State state() const { return m_state; }
    bool isOpen() const { return m_state == State::Open; }

signals:
    void bytesReceived(const QByteArray &bytes);
    void stateChanged(rudebot::Link::State state);
    // A sentence for the user: what happened and what to do. A link that was open and fails
    // also emits stateChanged(Closed): unplugged cables and dropped connections look the same.
    void errorOccurred(const QString &message);

protected:
    void setState(State state)
    {
        if (state == m_state)
            return;
        m_state = state;
        emit stateChanged(state);
    }

private:
    State m_state = State::Closed;
};

}  // namespace rudebot
