// Reads pixels back from the X server (the screen as it is shown, after every client has
// painted), straight through xcb: one GetImage round trip per call, no toolkit in between, so
// a thin strip can be read hundreds of times a second.
#pragma once
#include <QImage>
#include <QRect>
#include <QString>
#include <vector>

struct xcb_connection_t;

namespace bench {

class ScreenGrabber {
public:
    ScreenGrabber();  // connects to $DISPLAY
    ~ScreenGrabber();
    ScreenGrabber(const ScreenGrabber &) = delete;
    ScreenGrabber &operator=(const ScreenGrabber &) = delete;

    bool isValid() const { return m_ok; }
    QString error() const { return m_error; }
    QSize screenSize() const { return m_size; }

    // The rectangle of the root window as RGB32; null on failure.
    QImage grab(const QRect &rect);
    // One row of grey levels (0..255), resized to the rect's width; false on failure.
    bool grabGreyRow(int x, int y, int width, std::vector<uchar> *grey);

private:
    xcb_connection_t *m_conn = nullptr;
    unsigned m_root = 0;
    QSize m_size;
    bool m_ok = false;
    QString m_error;
};

}  // namespace bench
