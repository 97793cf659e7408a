#include "timecode_stamper.h"

#include "timecode.h"

namespace rudebot {

void TimecodeStamper::stamp(const QImage &frame)
{
    QImage image = frame.format() == QImage::Format_RGB32 ? frame : frame.convertToFormat(QImage::Format_RGB32);
    image.detach();  // read the clock after the copy, as close to hand-over as possible
    paintTimecode(image, Timecode{quint32(monotonicMs()), m_next++});
    emit frameReady(image);
}

} // namespace rudebot
