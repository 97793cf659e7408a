// Stamps each frame passing through with a Timecode (see timecode.h): the time it passes and a
// counter, so a reader of the picture on screen can tell how old it is and which frames it lost.
// The station's "--camera timecode" is the virtual camera through one of these.
#pragma once
#include <QImage>
#include <QObject>

namespace rudebot {

class TimecodeStamper : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;
    quint16 nextFrame() const { return m_next; }

public slots:
    void stamp(const QImage &frame);

signals:
    void frameReady(const QImage &frame);

private:
    quint16 m_next = 0;
};

} // namespace rudebot
